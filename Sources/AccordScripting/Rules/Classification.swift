import AccordCore

/// A rule that fired on a partnership, with what it saw.
public struct Firing: Sendable, Equatable {
    /// The namespaced rule id.
    public var rule: String
    public var label: String
    public var evidence: String
    /// Whether the rule is a `draft`.
    public var draft = false
}

/// What the applied packs make of one partnership.
public struct Classification: Sendable, Equatable {
    public var partnership: String
    public var title: String
    /// The rules that fired and give the labels, in the order they ran (drafts among them
    /// when the rule set promotes them).
    public var fired: [Firing]
    /// Draft rules that fired beside them when the rule set shows drafts: listed, marked,
    /// and giving no label, so that `labels` is what a run without drafts gives.
    public var drafts: [Firing] = []
    /// Labels set by hand in the data; when present they win over the rules.
    public var manual: [String]
    /// Pairs of rules of a `unique` pack that fired together.
    public var conflicts: [String]

    /// Manual labels when there are any, else each label the rules gave, in the order they ran.
    public var labels: [String] {
        LabelPrecedence.labels(manual: manual, else: ruleLabels)
    }

    /// Each label the rules gave, in the order they ran, whatever labels are set by hand.
    public var ruleLabels: [String] {
        // A partnership gets a few labels: a search of them beats hashing each.
        var labels: [String] = []
        for firing in fired where !labels.contains(firing.label) { labels.append(firing.label) }
        return labels
    }

    /// The first label: the manual one, or the label of the rule that ran first.
    public var primary: String? { labels.first }

    public var isManual: Bool { LabelPrecedence.isManual(manual) }

    /// The labels draft rules give beyond `labels`, in the order they ran: those of `drafts`,
    /// or of the promoted drafts of `fired` that no rule that is not a draft gives too.
    public var draftLabels: [String] {
        var seen = Set(fired.filter { !$0.draft }.map(\.label))
        if isManual { seen.formUnion(labels) }
        return (fired.filter(\.draft) + drafts).map(\.label).filter { seen.insert($0).inserted }
    }

    /// The rule that gave `label` (the first, when several did).
    public func reason(for label: String) -> Firing? {
        isManual ? nil : fired.first { $0.label == label }
    }

    /// Calls `body` with each of `labels` in order, the first primary, and the rule that gave it
    /// (`reason(for:)`; nil for labels set by hand), in one pass over the rules that fired, where
    /// making the list and then searching the rules for each label made twice the passes.
    @inlinable
    public func forEachLabel(_ body: (_ label: String, _ reason: Firing?, _ isPrimary: Bool) throws -> Void) rethrows {
        if isManual {
            for (i, label) in manual.enumerated() { try body(label, nil, i == 0) }
            return
        }
        var first = true
        for (i, firing) in fired.enumerated() where !fired[..<i].contains(where: { $0.label == firing.label }) {
            try body(firing.label, firing, first)
            first = false
        }
    }
}

/// One condition of a rule as evaluated on a partnership: whether it held,
/// what it saw, and the same for its parts.
public struct ConditionTrace: Sendable, Equatable {
    public var text: String
    public var kind: String
    public var position: String?
    public var holds: Bool
    /// What the condition saw: `form is license`, `territories: KR, JP`.
    public var seen: String?
    /// The error the condition raised, if it failed that way.
    public var error: String?
    public var children: [ConditionTrace]

    /// The first error raised in this condition or its parts.
    public var firstError: String? { error ?? children.lazy.compactMap(\.firstError).first }

    /// How near the condition came to holding, from 0 to 1: a leaf counts 1
    /// when it held; `any` takes its nearest part; `all` averages its parts
    /// but its `none{}` guards, which only ever keep a rule from firing; a
    /// guard itself adds nothing.
    public var nearness: Double {
        if kind == "none" { return 0 }
        if holds { return 1 }
        switch kind {
        case "all":
            let parts = children.filter { $0.kind != "none" }.map(\.nearness)
            return parts.isEmpty ? 0 : parts.reduce(0, +) / Double(parts.count)
        case "any": return children.map(\.nearness).max() ?? 0
        default: return 0
        }
    }
}

/// One rule as evaluated on a partnership.
public struct RuleTrace: Sendable, Equatable {
    public var rule: Rule
    public var fired: Bool
    public var evidence: String?
    /// Set when the rule held but its pack's `first` policy had already given a label.
    public var shadowedBy: String?
    public var condition: ConditionTrace
    /// Conditions added by other packs' overlays, with the overlay's pack.
    public var narrows: [(pack: String, condition: ConditionTrace)]

    public static func == (a: RuleTrace, b: RuleTrace) -> Bool {
        a.rule == b.rule && a.fired == b.fired && a.evidence == b.evidence && a.shadowedBy == b.shadowedBy
            && a.condition == b.condition && a.narrows.map(\.pack) == b.narrows.map(\.pack)
            && a.narrows.map(\.condition) == b.narrows.map(\.condition)
    }

    /// Whether the rule is a `draft`.
    public var isDraft: Bool { rule.status == .draft }

    /// The first error a condition of the rule raised, if any.
    public var error: String? { condition.firstError ?? narrows.lazy.compactMap(\.condition.firstError).first }

    /// Whether a real part of the rule's own condition held though the rule did
    /// not fire. An overlay's narrowing condition, like a guard, only ever
    /// keeps a rule from firing: that it held makes no near miss.
    public var isNearMiss: Bool {
        !fired && shadowedBy == nil && error == nil && condition.nearness > 0
    }
}

/// Why a partnership has the labels it has.
public struct Explanation: Sendable {
    public var classification: Classification
    /// Every applied rule, in the order they ran.
    public var rules: [RuleTrace]
    /// Rules that are declared but do not run (disabled, deprecated, drafts left out), and why.
    public var notApplied: [(rule: Rule, why: String)]

    public var fired: [RuleTrace] { rules.filter(\.fired) }

    /// Rules that did not fire though part of them held, nearest first.
    public var nearMisses: [RuleTrace] {
        rules.enumerated().filter { $0.element.isNearMiss }
            .sorted { ($0.element.condition.nearness, $1.offset) > ($1.element.condition.nearness, $0.offset) }
            .map(\.element)
    }
}
