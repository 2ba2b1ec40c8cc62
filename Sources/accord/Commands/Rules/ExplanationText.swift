import AccordCore
import AccordScripting

/// The explanation of one partnership's labels in words, as `accord explain`
/// prints it.
struct ExplanationText {
    /// Show every rule that did not fire, not only the near misses.
    let all: Bool

    func text(_ e: Explanation) -> String {
        let c = e.classification
        var lines = ["partnership \(c.partnership): \(c.title)"]
        if c.labels.isEmpty {
            lines.append("labels: none")
        } else {
            let labels = c.labels.enumerated().map { $0 == 0 ? "\($1) (primary)" : $1 }.joined(separator: ", ")
            lines.append("labels: \(labels)" + (c.isManual ? " — set by hand in the data; they win over the rules below" : ""))
        }
        if !c.draftLabels.isEmpty {
            let saved = c.drafts.isEmpty ? "applied, as --include-drafts asks" : "not saved without --include-drafts"
            lines.append("draft labels: \(c.draftLabels.joined(separator: ", ")) — given by draft rules; \(saved)")
        }
        lines.append("")
        let fired = e.fired
        lines.append(fired.isEmpty ? "No rule fired." : "Fired:")
        for trace in fired {
            let draft = trace.isDraft ? "draft, " : ""
            lines.append("  ✓ \(trace.rule.id) → \(trace.rule.label)   (\(draft)priority \(trace.rule.priority), \(trace.rule.position))")
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
                lines.append("  ✗ \(trace.rule.id) → \(trace.rule.label)   (\(trace.isDraft ? "draft, " : "")\(trace.rule.position))")
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

    /// A failed `mentions` already lists its words on the line: what it saw is said without them.
    private func shortened(_ seen: String, of c: ConditionTrace) -> String {
        guard c.kind == "mentions", !c.holds, c.text.hasPrefix("mentions ") else { return seen }
        let repeated = "no mention of " + c.text.dropFirst("mentions ".count) + " in "
        return seen.hasPrefix(repeated) ? "not in " + seen.dropFirst(repeated.count) : seen
    }

    private func render(_ c: ConditionTrace, indent: String) -> [String] {
        let mark = c.holds ? "✓" : "✗"
        var line = "\(indent)\(mark) \(c.children.isEmpty ? c.text : c.kind + "{…}")"
        if let error = c.error { line += "  — error: \(error)" }
        else if let seen = c.seen, c.children.isEmpty { line += "  — \(shortened(seen, of: c))" }
        return [line] + c.children.flatMap { render($0, indent: indent + "  ") }
    }
}

/// Why a partnership has its labels, by the active rule set; a usage error
/// with a suggestion when there is no partnership `id`.
func explain(_ id: String, store: Store, rulebook: Rulebook) throws -> Explanation {
    guard let partnership = try store.partnership(id: id) else {
        let ids = try store.partnerships().map(\.id)
        throw UsageError("no partnership '\(id)'" + Suggestion.hint(for: id, in: ids))
    }
    return try rulebook.engine.explain(partnership)
}
