import AccordCore
import AccordScripting
import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a partnership has its labels: the rules that fired and the near misses.",
        discussion: """
            Every applied rule is evaluated in full on the partnership. A near miss is a rule that did not \
            fire although part of it held; for each, every condition is shown with the value it saw.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Show every rule that did not fire in full, not only the near misses.")
    var all = false

    @Argument(help: "The partnership's id.")
    var id: String

    func run() throws {
        try reportingErrors {
            let (_, store, rulebook) = try options.open()
            let set = try rulebook.prepare()
            guard let partnership = try store.partnership(id: id) else {
                let ids = try store.partnerships().map(\.id)
                throw UsageError("no partnership '\(id)'" + Suggestion.hint(for: id, in: ids))
            }
            let explanation = try rulebook.engine.explain(partnership)
            switch format {
            case .json: print(try jsonLine(ExplanationJSON(explanation)))
            case .text: print(text(explanation, set: set))
            }
            if explanation.rules.contains(where: { $0.error != nil }) { throw ExitCode(Exit.scriptFailed) }
        }
    }

    private func text(_ e: Explanation, set: RuleSet) -> String {
        let c = e.classification
        var lines = ["partnership \(c.partnership): \(c.title)"]
        if c.labels.isEmpty {
            lines.append("labels: none")
        } else {
            let labels = c.labels.enumerated().map { $0 == 0 ? "\($1) (primary)" : $1 }.joined(separator: ", ")
            lines.append("labels: \(labels)" + (c.isManual ? " — set by hand in the data; they win over the rules below" : ""))
        }
        lines.append("")
        let fired = e.fired
        lines.append(fired.isEmpty ? "No rule fired." : "Fired:")
        for trace in fired {
            lines.append("  ✓ \(trace.rule.id) → \(trace.rule.label)   (priority \(trace.rule.priority), \(trace.rule.position))")
            lines.append("      because \(trace.evidence ?? "")")
        }
        let shadowed = e.rules.filter { $0.shadowedBy != nil }
        for trace in shadowed {
            lines.append("  - \(trace.rule.id) held, but \(trace.shadowedBy!) fired first (hit policy first)")
        }
        let failed = e.rules.filter { $0.error != nil }
        if !failed.isEmpty {
            lines.append("")
            lines.append("Errors (classify fails on this partnership):")
            lines += failed.map { "  ! \($0.rule.id): \($0.error!)" }
        }
        let near = all ? e.rules.filter { !$0.fired && $0.shadowedBy == nil && $0.error == nil } : e.nearMisses
        if !near.isEmpty {
            lines.append("")
            lines.append(all ? "Did not fire:" : "Near misses:")
            for trace in near {
                lines.append("  ✗ \(trace.rule.id) → \(trace.rule.label)   (\(trace.rule.position))")
                lines += render(trace.condition, indent: "      ")
                for narrow in trace.narrows {
                    lines.append("      narrowed by pack \(narrow.pack):")
                    lines += render(narrow.condition, indent: "        ")
                }
            }
        }
        let missed = e.rules.filter { !$0.fired && $0.shadowedBy == nil && $0.error == nil && !near.contains($0) }
        if !missed.isEmpty {
            lines.append("")
            lines.append("No condition held for: " + missed.map(\.rule.id).joined(separator: ", "))
        }
        if !e.notApplied.isEmpty {
            lines.append("Not run: " + e.notApplied.map { "\($0.rule.id) (\($0.why))" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    private func render(_ c: ConditionTrace, indent: String) -> [String] {
        let mark = c.holds ? "✓" : "✗"
        var line = "\(indent)\(mark) \(c.children.isEmpty ? c.text : c.kind + "{…}")"
        if let error = c.error { line += "  — error: \(error)" }
        else if let seen = c.seen, c.children.isEmpty { line += "  — \(seen)" }
        return [line] + c.children.flatMap { render($0, indent: indent + "  ") }
    }
}

/// `explain --format json`.
struct ExplanationJSON: Encodable {
    struct Condition: Encodable {
        var text: String
        var kind: String
        var at: String?
        var holds: Bool
        var seen: String?
        var error: String?
        var children: [Condition]?

        init(_ c: ConditionTrace) {
            text = c.text
            kind = c.kind
            at = c.position
            holds = c.holds
            seen = c.seen
            error = c.error
            children = c.children.isEmpty ? nil : c.children.map(Condition.init)
        }
    }

    struct Narrow: Encodable {
        var pack: String
        var condition: Condition
    }

    struct RuleResult: Encodable {
        var id: String
        var label: String
        var fired: Bool
        var near_miss: Bool
        var evidence: String?
        var shadowed_by: String?
        var condition: Condition
        var narrows: [Narrow]?
    }

    var id: String
    var title: String
    var labels: [String]
    var primary: String?
    var manual: Bool
    var rules: [RuleResult]
    var not_run: [String: String]

    init(_ e: Explanation) {
        let c = e.classification
        id = c.partnership
        title = c.title
        labels = c.labels
        primary = c.primary
        manual = c.isManual
        rules = e.rules.map { t in
            RuleResult(id: t.rule.id, label: t.rule.label, fired: t.fired, near_miss: t.isNearMiss, evidence: t.evidence,
                       shadowed_by: t.shadowedBy, condition: Condition(t.condition),
                       narrows: t.narrows.isEmpty ? nil : t.narrows.map { Narrow(pack: $0.pack, condition: Condition($0.condition)) })
        }
        not_run = Dictionary(e.notApplied.map { ($0.rule.id, $0.why) }, uniquingKeysWith: { a, _ in a })
    }
}
