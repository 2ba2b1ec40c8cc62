import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Apply the workspace's rule packs to partnerships; print or save the labels.",
        discussion: """
            Runs the checks of `accord rules check` first; a stable rule that no test case expects to fire is \
            only a warning, except with --save. Manual labels set in the data win over the rules. \
            With --save, the labels are stored in the database, each stamped with its rule, pack, version, \
            digest and the run's id, replacing those of the partnerships classified. The limits bound the \
            whole command: its threads share one memory budget, one instruction count and one deadline. \
            Draft rules (status = "draft") run and are shown apart, marked draft, without changing the \
            labels the other rules give; --save leaves them out unless --include-drafts is given, which \
            applies them as any other rule.
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

    @Flag(help: "Apply draft rules as any other rule: their labels count, and --save stores them.")
    var includeDrafts = false

    @Flag(help: "Say on stderr how long evaluating the rules took, and the rest.")
    var timings = false

    @OptionGroup var evaluation: EngineOptions

    @Argument(help: "Only these partnerships (ids).")
    var ids: [String] = []

    @OptionGroup var idFile: IDFileOptions

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        try reportingErrors {
            let listed = try idFile.list()
            let (workspace, store, rulebook) = try options.open()
            // The limits bound the whole command: its engines share one budget, and the time limit
            // ends the process should a rule hang in a library call.
            let watchdog = Watchdog(seconds: try options.limits.resolve(workspace).timeout, script: "accord: classify")
            defer { watchdog.cancel() }
            // A stable rule without a test case may be tried out, but its labels are not saved.
            let drafts: DraftRules = includeDrafts ? .promoted : save ? .excluded : .shown
            let set = try rulebook.prepare(untested: save ? .refused : .warned, drafts: drafts, warn: warn)
            let started = Date()
            let classifier = try Classifier(set: set, store: store, rulebook: rulebook, width: try evaluation.width(),
                                            evaluation: evaluation.engine) {
                try options.open(budget: rulebook.engine.budget).rulebook
            }
            // JSON lines come in filing order; a summary does not depend on it, and reading by id is faster.
            let request = ClassifyRequest(filter: try filter(workspace, listed: listed), order: format == .json ? .filing : .stored,
                                          save: save, started: started)
            var summary = ClassificationSummary(set: set)
            let lines = JSONLines()
            let line = try progress.line("classify", total: store.count(request.filter), unit: "partnerships")
            let json = format == .json // an option read through its wrapper for each partnership cost as much as counting it
            let outcome = try classifier.classify(request) { c in
                summary.add(c)
                line.advance()
                if json { print(try lines.line(ClassificationJSON(c, set: set))) }
            }
            line.finish()
            if !outcome.missing.isEmpty {
                let narrowed = [period.map { "--period \($0)" }, party.map { "--party \($0)" }, form.map { "--form \($0)" }].compactMap { $0 }
                throw UsageError("no partnership " + IDFileOptions.naming(outcome.missing, from: listed)
                                 + (narrowed.isEmpty ? "" : " among those " + narrowed.joined(separator: " ") + " selects")
                                 + "; nothing was classified")
            }
            if format == .text { print(summary.text) }
            if let saved = outcome.saved {
                warn("saved \(saved.labels) labels of \(saved.partnerships) partnerships (run \(saved.id))")
                if drafts == .excluded && set.hasDrafts {
                    warn("draft rules were left out of the saved labels; --include-drafts saves them too")
                }
            }
            if timings { warn(Self.timings(outcome, since: started)) }
        }
    }

    private static func timings(_ outcome: ClassifyOutcome, since started: Date) -> String {
        let total = Date().timeIntervalSince(started)
        let threads = outcome.width == 1 ? "1 thread" : "\(outcome.width) threads"
        let read = Partnership.List.allCases.filter { !outcome.unreadLists.contains($0) }.map { "\($0)" }
        return String(format: "timings: %d partnerships on %@; evaluating the rules %.3f s (processor time, all threads); "
                      + "%.3f s in all", outcome.partnerships, threads, outcome.evaluationSeconds, total)
            + "; lists read: " + read.joined(separator: ", ")
    }

    private func filter(_ workspace: Workspace, listed: IDList?) throws -> PartnershipFilter {
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
        let given = ids + (listed?.ids ?? [])
        if !given.isEmpty { filter.ids = given }
        return filter
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
        /// True when a draft rule gave the label (drafts included); absent otherwise.
        var draft: Bool?
    }

    /// A draft rule that fired beside the others, giving no label.
    struct Draft: Encodable {
        var rule: String
        var label: String
        var evidence: String
    }

    var id: String
    var title: String
    var labels: [String]
    var primary: String?
    var manual: Bool
    var reasons: [String: Reason]
    /// Drafts shown apart; absent when none fired.
    var drafts: [Draft]?

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
                reasons[label] = Reason(rule: rule.id, pack: rule.pack, version: version, evidence: firing.evidence, origin: "rule",
                                        draft: firing.draft ? true : nil)
            } else {
                reasons[label] = Reason(origin: "manual")
            }
        }
        self.reasons = reasons
        drafts = c.drafts.isEmpty ? nil : c.drafts.map { Draft(rule: $0.rule, label: $0.label, evidence: $0.evidence) }
    }
}

/// The summary table of `classify`, gathered one classification at a time:
/// partnerships per label, the rules that gave it, and the partnerships left
/// without a label.
struct ClassificationSummary {
    let set: RuleSet
    private var total = 0
    private var manualCount = 0
    /// What is counted of each label as one rule gave it, or as set by hand (no rule). Found by a
    /// search of the few there are: hashing each label given and its rule, in dictionaries of
    /// dictionaries, was a fourteenth of the thread that reads the partnerships.
    private struct Given {
        let label: String, rule: String?
        var partnerships = 0, primary = 0
    }
    private var given: [Given] = []
    /// The length of each of `given`'s rules, -1 for none.
    private var ruleLengths: [Int] = []
    private var unlabelled: [(id: String, title: String)] = []
    private var unlabelledCount = 0
    /// Draft rules that fired beside the others, by label then rule.
    private var drafts: [String: [String: Int]] = [:]
    /// Unlabelled partnerships listed by name (the first by id); the rest are counted.
    static let listed = 100

    init(set: RuleSet) { self.set = set }

    mutating func add(_ c: Classification) {
        total += 1
        if c.isManual { manualCount += 1 }
        var labelled = false
        c.forEachLabel { label, firing, isPrimary in
            count(label, rule: firing?.rule, primary: isPrimary)
            labelled = true
        }
        for firing in c.drafts { drafts[firing.label, default: [:]][firing.rule, default: 0] += 1 }
        if !labelled {
            unlabelledCount += 1
            unlabelled.append((c.partnership, c.title))
            // They come in the order the store keeps them, not by id: only the first by id so far are kept.
            if unlabelled.count >= 2 * Self.listed { unlabelled = firstByID }
        }
    }

    private mutating func count(_ label: String, rule: String?, primary: Bool) {
        // By the rules' lengths first, kept apart: two strings that differ are compared byte by byte even
        // when their lengths do, and reading a rule out of `given` retained and released it.
        let length = rule?.utf8.count ?? -1
        var i = 0
        while i < given.count, ruleLengths[i] != length || given[i].rule != rule || given[i].label != label { i += 1 }
        if i == given.count {
            given.append(Given(label: label, rule: rule))
            ruleLengths.append(length)
        }
        given[i].partnerships += 1
        if primary { given[i].primary += 1 }
    }

    /// The `listed` unlabelled partnerships with the smallest ids, by id.
    private var firstByID: [(id: String, title: String)] {
        Array(unlabelled.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.prefix(Self.listed))
    }

    var text: String {
        var counts: [String: (partnerships: Int, primary: Int, manual: Int, byRule: [String: Int])] = [:]
        for g in given {
            counts[g.label, default: (0, 0, 0, [:])].partnerships += g.partnerships
            counts[g.label]!.primary += g.primary
            if let rule = g.rule { counts[g.label]!.byRule[rule] = g.partnerships } else { counts[g.label]!.manual = g.partnerships }
        }
        let labels = counts.keys.sorted { (counts[$0]!.partnerships, $1) > (counts[$1]!.partnerships, $0) }
        let rows = labels.map { label -> [String] in
            let counted = counts[label]!
            let rules = counted.byRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { set.draftRules.contains($0.key) ? "\($0.key) (\($0.value), draft)" : "\($0.key) (\($0.value))" }
            let m = counted.manual > 0 ? ["manual (\(counted.manual))"] : []
            return [label, "\(counted.partnerships)", "\(counted.primary)", (rules + m).joined(separator: ", ")]
        }
        var lines = [table(["LABEL", "PARTNERSHIPS", "PRIMARY", "GIVEN BY"], rows)]
        if !drafts.isEmpty {
            let rows = drafts.keys.sorted().flatMap { label in
                drafts[label]!.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [label, "\($0.value)", $0.key] }
            }
            lines.append("")
            lines.append("Draft rules that fired (not counted above; --include-drafts applies them):")
            lines.append(table(["DRAFT LABEL", "PARTNERSHIPS", "RULE"], rows))
        }
        let packs = set.packs.map { "\($0.title) (\($0.digest.prefix(19))…)" }.joined(separator: ", ")
        lines.append("")
        lines.append("\(total) partnerships classified with \(packs); \(total - unlabelledCount) labelled, \(manualCount) by hand.")
        if unlabelledCount > 0 {
            lines.append("\(unlabelledCount) without a label (see `accord explain ID`):")
            let listed = firstByID
            lines += listed.map { "  \($0.id): \($0.title)" }
            if unlabelledCount > listed.count { lines.append("  … and \(unlabelledCount - listed.count) more") }
        }
        return lines.joined(separator: "\n")
    }
}

extension RuleEvaluation: ExpressibleByArgument {}
