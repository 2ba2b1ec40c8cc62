import AccordCore

/// How well a rule set agrees with an analyst's judgements: per label precision, recall, F1
/// and support, micro and macro F1, exact label sets, primary labels, which primary label is
/// given instead of which, and the partnerships they disagree on with the rules behind it.
///
/// The rules' own labels are scored, labels set by hand in the data aside: the question
/// is how often the pack is right, not the data.
public struct RuleSetScore: Sendable, Equatable {
    /// Where the judgements come from: a gold file as messages name it, or `manual labels`.
    public var against: String
    /// The partnerships judged and classified.
    public var partnerships = 0
    /// Judgements of partnerships left out because they are not in the period asked for.
    public var leftOut = 0
    /// Every label judged or given, in the rule set's order, then others by name.
    public var labels: [LabelScore] = []
    public var micro = Counts()
    /// The mean of the labels' F1.
    public var macroF1: Double?
    /// Partnerships given exactly the judged set of labels.
    public var exactMatches = 0
    /// Partnerships whose judgement names a primary label, and those given that one first.
    public var primaryJudged = 0
    public var primaryAgreed = 0
    /// Primary labels given instead of the judged ones, most frequent first.
    public var confusion: [Confusion] = []
    /// Every rule that fired on a judged partnership, in the order rules run: how often its
    /// label was judged right.
    public var rules: [RuleScore] = []
    /// The partnerships with another label set or primary label than judged, by id.
    public var disagreements: [Disagreement] = []
    /// How many disagreements there are in all: those beyond the limit asked for have no entry.
    public var disagreementCount = 0

    public var exactShare: Double? { partnerships == 0 ? nil : Double(exactMatches) / Double(partnerships) }
    public var primaryShare: Double? { primaryJudged == 0 ? nil : Double(primaryAgreed) / Double(primaryJudged) }

    /// True positives, false positives and false negatives, and what they make.
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0

        /// How many partnerships were judged to have the label.
        public var support: Int { truePositives + falseNegatives }
        /// How many were given it.
        public var given: Int { truePositives + falsePositives }
        /// Of those given the label, the share judged to have it; nil when none was given it.
        public var precision: Double? { given == 0 ? nil : Double(truePositives) / Double(given) }
        /// Of those judged to have it, the share given it; nil when none was judged to.
        public var recall: Double? { support == 0 ? nil : Double(truePositives) / Double(support) }
        /// The harmonic mean of precision and recall, 0 when either is 0 or missing.
        public var f1: Double {
            let p = precision ?? 0, r = recall ?? 0
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// One label's counts.
    public struct LabelScore: Sendable, Equatable {
        public var label: String
        /// What the packs call it; nil for a label no applied pack declares.
        public var name: String?
        public var counts: Counts
    }

    /// How often one rule's label was right where it fired.
    public struct RuleScore: Sendable, Equatable {
        public var rule: String
        public var label: String
        /// The judged partnerships it fired on, and those judged to have its label.
        public var fired: Int
        public var right: Int

        public var wrong: Int { fired - right }
        public var precision: Double { fired == 0 ? 0 : Double(right) / Double(fired) }
    }

    /// A primary label given instead of the judged one (`none` when there is no label).
    public struct Confusion: Sendable, Equatable {
        public var judged: String
        public var given: String
        public var count: Int
    }

    /// One partnership the rules and the judgement disagree on.
    public struct Disagreement: Sendable, Equatable {
        public var id: String
        public var title: String
        public var judged: [String]
        public var judgedPrimary: String?
        public var given: [String]
        public var givenPrimary: String?
        /// Judged, not given; given, not judged.
        public var missing: [String]
        public var extra: [String]
        /// Why, one line each: the rules that gave an extra label, those that nearly gave a
        /// missing one, and the rules that put one primary label before the other.
        public var causes: [String] = []
        /// The judgement's note.
        public var note: String?
    }

    /// The F1 a floor is compared with: micro F1 over every label.
    public var microF1: Double { micro.f1 }
}

extension RuleSetScore {
    /// Scores classifications against judgements as they come, then explains the disagreements.
    public struct Tally {
        private var score: RuleSetScore
        private let order: [String]
        private let names: [String: String]
        private var counts: [String: Counts] = [:]
        private var confusion: [String: Int] = [:]
        private var firings: [String: RuleScore] = [:]
        private let ruleOrder: [String: Int]
        private let limit: Int?

        /// - Parameters:
        ///   - set: the rule set scored: the labels' order and names.
        ///   - limit: how many disagreements get an entry with their causes; nil for all.
        public init(against: String, set: RuleSet, limit: Int? = nil) {
            score = RuleSetScore(against: against)
            order = set.labelOrder
            names = set.labelNames
            ruleOrder = Dictionary(set.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            self.limit = limit
        }

        /// Counts one partnership the rules classified against its judgement.
        public mutating func add(_ c: Classification, judged j: Judgement) {
            let given = c.ruleLabels
            let judgedSet = Set(j.labels), givenSet = Set(given)
            score.partnerships += 1
            for firing in c.fired where !firing.draft {
                firings[firing.rule, default: RuleScore(rule: firing.rule, label: firing.label, fired: 0, right: 0)].fired += 1
                if judgedSet.contains(firing.label) { firings[firing.rule]!.right += 1 }
            }
            for label in judgedSet.union(givenSet) {
                switch (judgedSet.contains(label), givenSet.contains(label)) {
                case (true, true): counts[label, default: Counts()].truePositives += 1
                case (false, true): counts[label, default: Counts()].falsePositives += 1
                default: counts[label, default: Counts()].falseNegatives += 1
                }
            }
            let sameSet = judgedSet == givenSet
            if sameSet { score.exactMatches += 1 }
            var samePrimary = true
            if let primary = j.primary {
                score.primaryJudged += 1
                samePrimary = given.first == primary
                if samePrimary { score.primaryAgreed += 1 } else { confusion["\(primary)\t\(given.first ?? "none")", default: 0] += 1 }
            }
            guard !sameSet || !samePrimary else { return }
            score.disagreementCount += 1
            if let limit, score.disagreements.count >= limit { return }
            score.disagreements.append(Disagreement(
                id: c.partnership, title: c.title, judged: j.labels, judgedPrimary: j.primary, given: given,
                givenPrimary: given.first, missing: j.labels.filter { !givenSet.contains($0) },
                extra: given.filter { !judgedSet.contains($0) }, note: j.note))
        }

        /// Counts judgements left out (not in the period scored).
        public mutating func leaveOut(_ count: Int) { score.leftOut += count }

        /// The score, the disagreements sorted by id and each explained by `explain` (nil: no causes).
        public func finish(explain: (String) throws -> Explanation?) rethrows -> RuleSetScore {
            var out = score
            let known = Set(order)
            let labels = order.filter { counts[$0] != nil } + counts.keys.filter { !known.contains($0) }.sorted()
            out.labels = labels.map { LabelScore(label: $0, name: names[$0], counts: counts[$0]!) }
            for c in counts.values {
                out.micro.truePositives += c.truePositives
                out.micro.falsePositives += c.falsePositives
                out.micro.falseNegatives += c.falseNegatives
            }
            out.macroF1 = out.labels.isEmpty ? nil : out.labels.map(\.counts.f1).reduce(0, +) / Double(out.labels.count)
            out.confusion = confusion.map { key, count in
                let parts = key.split(separator: "\t").map(String.init)
                return Confusion(judged: parts[0], given: parts[1], count: count)
            }.sorted { ($1.count, $0.judged, $0.given) < ($0.count, $1.judged, $1.given) }
            out.rules = firings.values.sorted { (ruleOrder[$0.rule] ?? .max, $0.rule) < (ruleOrder[$1.rule] ?? .max, $1.rule) }
            out.disagreements.sort { $0.id < $1.id }
            for i in out.disagreements.indices {
                if let e = try explain(out.disagreements[i].id) { out.disagreements[i].causes = Self.causes(out.disagreements[i], e) }
            }
            return out
        }

        /// What the explanation says of each label in dispute, one line each.
        static func causes(_ d: Disagreement, _ e: Explanation) -> [String] {
            var lines: [String] = []
            func firing(_ label: String) -> RuleTrace? { e.fired.first { $0.rule.label == label && !$0.isDraft } }
            for label in d.extra {
                guard let t = firing(label) else { continue }
                lines.append("+ \(label): \(t.rule.id) (\(t.rule.priority)) fired: \(t.evidence ?? "")")
            }
            for label in d.missing {
                if let near = e.nearMisses.first(where: { $0.rule.label == label }) {
                    let failed = near.condition.failedParts.prefix(2).joined(separator: "; ")
                    lines.append("- \(label): \(near.rule.id) nearly fired; not met: \(failed)")
                } else {
                    lines.append("- \(label): no rule for it came near")
                }
            }
            if let judged = d.judgedPrimary, let given = d.givenPrimary, judged != given, let first = firing(given) {
                if let second = firing(judged) {
                    lines.append("primary: \(first.rule.id) (\(first.rule.priority)) runs before \(second.rule.id) (\(second.rule.priority))")
                } else {
                    lines.append("primary: \(given) from \(first.rule.id) (\(first.rule.priority)); no rule gave \(judged)")
                }
            }
            return lines
        }
    }
}

extension ConditionTrace {
    /// The parts of a condition that did not hold, as its text: an `all` names its failed parts,
    /// an `any` its nearest part's, a `none` and a leaf themselves.
    var failedParts: [String] {
        if holds { return [] }
        switch kind {
        case "all": return children.flatMap(\.failedParts)
        case "any":
            guard let nearest = children.max(by: { $0.nearness < $1.nearness }), nearest.nearness > 0 else { return [text] }
            return nearest.failedParts
        default: return [text]
        }
    }
}
