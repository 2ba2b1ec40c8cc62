import Foundation

// MARK: Text

extension RuleSetDiff.Report {
    /// The report as `accord rules diff` prints it: the summary line, the packs of each side,
    /// the rules added, removed and changed, then per label the partnerships gained and lost
    /// with the rules responsible, then the primary labels that change.
    public var text: String {
        var lines: [String] = []
        let scope = period.map { " filed in \($0)" } ?? ""
        lines.append("\(partnerships) partnership\(partnerships == 1 ? "" : "s")\(scope) compared, \(changed) changed")
        lines.append("  before: \(before.name): \(Self.packs(before))")
        lines.append("  after:  \(after.name): \(Self.packs(after))")
        if let score { lines += Self.lines(score) }
        if !rules.isEmpty {
            let count = { (kind: RuleSetDiff.RuleChange.Kind) in rules.filter { $0.kind == kind }.count }
            lines.append("")
            lines.append("Rules: \(count(.added)) added, \(count(.removed)) removed, \(count(.changed)) changed")
            for rule in rules { lines += Self.lines(rule) }
        }
        for label in labels {
            lines.append("")
            let name = label.name.map { " (\($0))" } ?? ""
            lines.append("\(label.label)\(name): +\(label.gained.count) gained, -\(label.lost.count) lost")
            for change in label.gained { lines += Self.lines(change, sign: "+", side: "by") }
            for change in label.lost { lines += Self.lines(change, sign: "-", side: "had") }
        }
        if !primary.isEmpty {
            lines.append("")
            lines.append("Primary label changes: \(primary.count)")
            for change in primary {
                lines.append("  \(change.id)  \(change.title): \(change.before ?? "(none)") → \(change.after ?? "(none)")")
                if let cause = change.beforeRule { lines.append("      was " + Self.describe(cause)) }
                if let cause = change.afterRule { lines.append("      now " + Self.describe(cause)) }
            }
        }
        if changed == 0 {
            lines.append("")
            lines.append("No partnership changes labels.")
        }
        return lines.joined(separator: "\n")
    }

    /// Both scores, then each label whose F1 changes.
    private static func lines(_ score: RuleSetDiff.ScoreChange) -> [String] {
        var out = ["", "Score against \(score.after.against):", "  before: \(score.before.summary)",
                   "  after:  \(score.after.summary)"]
        let before = Dictionary(score.before.labels.map { ($0.label, $0.counts.f1) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(score.after.labels.map { ($0.label, $0.counts.f1) }, uniquingKeysWith: { a, _ in a })
        let moved = Set(before.keys).union(after.keys).sorted().filter {
            RuleSetScore.decimal(before[$0] ?? 0) != RuleSetScore.decimal(after[$0] ?? 0)
        }
        if !moved.isEmpty {
            out.append("  F1 by label: " + moved.map {
                "\($0) \(RuleSetScore.decimal(before[$0] ?? 0)) → \(RuleSetScore.decimal(after[$0] ?? 0))"
            }.joined(separator: ", "))
        }
        return out
    }

    private static func packs(_ side: RuleSetDiff.Side) -> String {
        side.packs.isEmpty ? "no packs" : side.packs.map { "\($0.name) \($0.version) (\($0.folder), \($0.digest.prefix(19))…)" }
            .joined(separator: ", ")
    }

    private static func lines(_ rule: RuleSetDiff.RuleChange) -> [String] {
        switch rule.kind {
        case .added:
            let a = rule.after!
            return ["  + \(rule.id) → \(a.label)  (\(a.position))", "      when: \(a.condition)"]
        case .removed:
            let b = rule.before!
            return ["  - \(rule.id) → \(b.label)  (\(b.position))", "      when: \(b.condition)"]
        case .changed:
            let b = rule.before!, a = rule.after!
            var out = ["  ~ \(rule.id): \(rule.fields.joined(separator: ", "))  (\(a.position))"]
            for field in rule.fields {
                let (old, new): (String, String) = switch field {
                case "label": (b.label, a.label)
                case "priority": ("\(b.priority)", "\(a.priority)")
                case "status": (b.status, a.status)
                case "condition": (b.condition, a.condition)
                case "narrowed": (b.narrowed.joined(separator: "; "), a.narrowed.joined(separator: "; "))
                default: (b.notRun ?? "runs", a.notRun ?? "runs")
                }
                out.append("      \(field) before: \(old.isEmpty ? "(none)" : old)")
                out.append("      \(field) after:  \(new.isEmpty ? "(none)" : new)")
            }
            return out
        }
    }

    private static func lines(_ change: RuleSetDiff.LabelChange, sign: String, side: String) -> [String] {
        var out = ["  \(sign) \(change.id)  \(change.title)"]
        if change.rules.isEmpty { out.append("      set by hand") }
        for cause in change.rules { out.append("      \(side) " + describe(cause)) }
        return out
    }

    /// `standard.export-by-form (changed): form is export_contract`.
    private static func describe(_ cause: RuleSetDiff.Cause) -> String {
        "\(cause.rule)" + (cause.change.map { " (\($0.rawValue))" } ?? "") + ": \(cause.evidence)"
    }
}

// MARK: JSON

extension RuleSetDiff.Report: Encodable {
    /// The report as one JSON document: keys sorted, two-space indented (see `docs/guide/commands.md`).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private enum Keys: String, CodingKey { case before, after, period, partnerships, changed, rules, labels, primary, score }

    /// `score`: both sides' scores, as `rules score --format json` gives them, without disagreements.
    private struct ScoreJSON: Encodable {
        var before: RuleSetScore.JSONDocument
        var after: RuleSetScore.JSONDocument
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(period, forKey: .period)
        try c.encode(partnerships, forKey: .partnerships)
        try c.encode(changed, forKey: .changed)
        try c.encode(rules, forKey: .rules)
        try c.encode(labels, forKey: .labels)
        try c.encode(primary, forKey: .primary)
        try c.encode(score.map { ScoreJSON(before: .init($0.before), after: .init($0.after)) }, forKey: .score)
    }
}

extension RuleSetDiff.RuleChange.Kind: Encodable {}

extension RuleSetDiff.RuleChange: Encodable {
    private enum Keys: String, CodingKey { case id, kind, fields, before, after }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(fields, forKey: .fields)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
    }
}

extension RuleSetDiff.RuleFacts: Encodable {
    private enum Keys: String, CodingKey { case label, priority, status, condition, narrowed, notRun = "not_run", position }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(label, forKey: .label)
        try c.encode(priority, forKey: .priority)
        try c.encode(status, forKey: .status)
        try c.encode(condition, forKey: .condition)
        try c.encode(narrowed, forKey: .narrowed)
        try c.encode(notRun, forKey: .notRun)
        try c.encode(position, forKey: .position)
    }
}

extension RuleSetDiff.LabelChanges: Encodable {
    private enum Keys: String, CodingKey { case label, name, gained, lost }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(label, forKey: .label)
        try c.encode(name, forKey: .name)
        try c.encode(gained, forKey: .gained)
        try c.encode(lost, forKey: .lost)
    }
}

extension RuleSetDiff.Cause: Encodable {
    private enum Keys: String, CodingKey { case rule, evidence, change }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(change, forKey: .change)
    }
}

extension RuleSetDiff.PrimaryChange: Encodable {
    private enum Keys: String, CodingKey { case id, title, before, after, beforeRule = "before_rule", afterRule = "after_rule" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(beforeRule, forKey: .beforeRule)
        try c.encode(afterRule, forKey: .afterRule)
    }
}
