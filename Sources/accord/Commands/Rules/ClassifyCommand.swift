import AccordCore
import AccordScripting
import ArgumentParser
import Foundation
import LuaKit

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Apply the workspace's rule packs to partnerships; print or save the labels.",
        discussion: """
            Runs the checks of `accord rules check` first. Manual labels set in the data win over the rules. \
            With --save, the labels are stored in the database, each stamped with its rule, pack, version, \
            digest and the run's id, replacing those of the partnerships classified.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: "Only partnerships filed in this period (2019, 2019-Q4, 2019-06, last-quarter).")
    var period: String?

    @Option(help: "Only partnerships with this party (id, name or alias).")
    var party: String?

    @Option(help: "Only partnerships of this form (mou, license, …).")
    var form: String?

    @Option(help: "text: a summary table; json: one JSON object per partnership and line.")
    var format: OutputFormat = .text

    @Flag(help: "Store the labels in the database.")
    var save = false

    @Argument(help: "Only these partnerships (ids).")
    var ids: [String] = []

    func run() throws {
        try reportingErrors {
            let (workspace, store, rulebook) = try options.open()
            let set = try rulebook.prepare()
            let started = Date()
            let partnerships = try store.partnerships(try filter(workspace))
            let missing = Set(ids).subtracting(partnerships.map(\.id))
            if !missing.isEmpty { throw UsageError("no partnership " + missing.sorted().joined(separator: ", ")) }
            var results: [Classification] = []
            results.reserveCapacity(partnerships.count)
            for partnership in partnerships {
                do throws(LuaError) { results.append(try rulebook.engine.classify(partnership)) } catch var error {
                    error.message += " (classifying partnership \(partnership.id))"
                    throw error
                }
            }
            let conflicts = results.flatMap { c in c.conflicts.map { "partnership \(c.partnership): \($0)" } }
            guard conflicts.isEmpty else { throw RuleProblems(conflicts.map { RuleProblem("", $0) }) }

            switch format {
            case .json: for c in results { print(try jsonLine(ClassificationJSON(c, set: set))) }
            case .text: print(ClassificationSummary(results: results, set: set).text)
            }
            if save {
                let run = ClassificationRun(id: Self.runID(at: started), started: started, finished: Date(),
                                            packs: set.packs.map { "\($0.title) \($0.digest)" }.joined(separator: ", "),
                                            partnerships: results.count, labels: results.reduce(0) { $0 + $1.labels.count })
                try store.saveClassification(run, labels: Dictionary(uniqueKeysWithValues: results.map {
                    ($0.partnership, Self.assigned($0, set: set, run: run.id))
                }))
                warn("saved \(run.labels) labels of \(run.partnerships) partnerships (run \(run.id))")
            }
        }
    }

    private func filter(_ workspace: Workspace) throws -> PartnershipFilter {
        var filter = PartnershipFilter()
        if let period {
            do { filter.period = try Period.parse(period, asOf: workspace.today()) } catch { throw UsageError("--period: \(error)") }
        }
        filter.party = party
        if let form {
            guard let f = PartnershipForm(rawValue: form) else {
                throw UsageError("--form: '\(form)' is not a form" + Suggestion.hint(for: form, in: PartnershipForm.allCases.map(\.rawValue)))
            }
            filter.form = f
        }
        if !ids.isEmpty { filter.ids = ids }
        return filter
    }

    /// `2026-11-22T03:10:00Z-1a2b3c`: when the run started, and a random part.
    static func runID(at date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    static func assigned(_ c: Classification, set: RuleSet, run: String) -> [AssignedLabel] {
        c.labels.enumerated().map { i, label in
            guard let firing = c.reason(for: label), let rule = set.rule(id: firing.rule), let pack = set.pack(named: rule.pack) else {
                return AssignedLabel(label: label, isPrimary: i == 0, origin: .manual, runID: run)
            }
            return AssignedLabel(label: label, isPrimary: i == 0, origin: .rule, rule: rule.id, pack: pack.name,
                                 packVersion: "\(pack.version)", packDigest: pack.digest, evidence: firing.evidence, runID: run)
        }
    }
}

/// One line of `classify --format json`.
struct ClassificationJSON: Encodable {
    struct Reason: Encodable {
        var rule: String?
        var pack: String?
        var version: String?
        var evidence: String?
        var origin: String
    }

    var id: String
    var title: String
    var labels: [String]
    var primary: String?
    var manual: Bool
    var reasons: [String: Reason]

    init(_ c: Classification, set: RuleSet) {
        id = c.partnership
        title = c.title
        labels = c.labels
        primary = c.primary
        manual = c.isManual
        var reasons: [String: Reason] = [:]
        for label in c.labels {
            if let firing = c.reason(for: label), let rule = set.rule(id: firing.rule) {
                let version = set.pack(named: rule.pack).map { "\($0.version)" }
                reasons[label] = Reason(rule: rule.id, pack: rule.pack, version: version, evidence: firing.evidence, origin: "rule")
            } else {
                reasons[label] = Reason(origin: "manual")
            }
        }
        self.reasons = reasons
    }
}

/// The summary table of `classify`: partnerships per label, the rules that
/// gave it, and the partnerships left without a label.
struct ClassificationSummary {
    let results: [Classification]
    let set: RuleSet

    var text: String {
        var count: [String: Int] = [:]
        var primary: [String: Int] = [:]
        var manual: [String: Int] = [:]
        var byRule: [String: [String: Int]] = [:]
        for c in results {
            for label in c.labels {
                count[label, default: 0] += 1
                if c.isManual { manual[label, default: 0] += 1 }
                if let rule = c.reason(for: label)?.rule { byRule[label, default: [:]][rule, default: 0] += 1 }
            }
            if let p = c.primary { primary[p, default: 0] += 1 }
        }
        let labels = count.keys.sorted { (count[$0]!, $1) > (count[$1]!, $0) }
        let rows = labels.map { label -> [String] in
            let rules = (byRule[label] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { "\($0.key) (\($0.value))" }
            let m = manual[label].map { ["manual (\($0))"] } ?? []
            return [label, "\(count[label]!)", "\(primary[label] ?? 0)", (rules + m).joined(separator: ", ")]
        }
        var lines = [table(["LABEL", "PARTNERSHIPS", "PRIMARY", "GIVEN BY"], rows)]
        let packs = set.packs.map { "\($0.title) (\($0.digest.prefix(19))…)" }.joined(separator: ", ")
        let unlabelled = results.filter { $0.labels.isEmpty }
        lines.append("")
        lines.append("\(results.count) partnerships classified with \(packs); \(results.count - unlabelled.count) labelled, "
            + "\(results.filter(\.isManual).count) by hand.")
        if !unlabelled.isEmpty {
            lines.append("\(unlabelled.count) without a label (see `accord explain ID`):")
            lines += unlabelled.map { "  \($0.partnership): \($0.title)" }
        }
        return lines.joined(separator: "\n")
    }
}
