import AccordCore
import AccordScripting
import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a partnership has its labels: the rules that fired and the near misses.",
        discussion: """
            Every applied rule is evaluated in full on the partnership. A near miss is a rule that did not \
            fire although part of it held; for each, every condition is shown with the value it saw. \
            Draft rules run and are marked draft; the labels are those a run without drafts saves, \
            unless --include-drafts applies the drafts as any other rule.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Show every rule that did not fire in full, not only the near misses.")
    var all = false

    @Flag(help: "Apply draft rules as any other rule: their labels count.")
    var includeDrafts = false

    @Argument(help: "The partnership's id.")
    var id: String

    func run() throws {
        try reportingErrors {
            let (_, store, rulebook) = try options.open()
            _ = try rulebook.prepare(untested: .warned, drafts: includeDrafts ? .promoted : .shown, warn: warn)
            let explanation = try explain(id, store: store, rulebook: rulebook)
            switch format {
            case .json: print(try jsonLine(ExplanationJSON(explanation)))
            case .text: print(ExplanationText(all: all).text(explanation))
            }
            if explanation.rules.contains(where: { $0.error != nil }) { throw ExitCode(Exit.scriptFailed) }
        }
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
        /// True for a draft rule; absent otherwise.
        var draft: Bool?
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
    /// Labels only draft rules give; absent when none.
    var draft_labels: [String]?
    var rules: [RuleResult]
    var not_run: [String: String]

    init(_ e: Explanation) {
        let c = e.classification
        id = c.partnership
        title = c.title
        labels = c.labels
        primary = c.primary
        manual = c.isManual
        draft_labels = c.draftLabels.isEmpty ? nil : c.draftLabels
        rules = e.rules.map { t in
            RuleResult(id: t.rule.id, label: t.rule.label, fired: t.fired, draft: t.isDraft ? true : nil,
                       near_miss: t.isNearMiss, evidence: t.evidence,
                       shadowed_by: t.shadowedBy, condition: Condition(t.condition),
                       narrows: t.narrows.isEmpty ? nil : t.narrows.map { Narrow(pack: $0.pack, condition: Condition($0.condition)) })
        }
        not_run = Dictionary(e.notApplied.map { ($0.rule.id, $0.why) }, uniquingKeysWith: { a, _ in a })
    }
}
