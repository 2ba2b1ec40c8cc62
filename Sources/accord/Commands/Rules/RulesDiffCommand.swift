import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

/// `accord rules diff`: what the workspace's rule set changes in its labels, against a lock,
/// a folder of packs or a git revision.
struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what the workspace's rule set changes in the labels, compared with another set.",
        discussion: """
            Classifies the partnerships with both rule sets and reports, per label, the partnerships gained \
            and lost with the rules responsible and their evidence, the primary labels that change, and the \
            rules added, removed and changed. "After" is what accord.yaml applies now. "Before" is --against: \
            an existing file is a lock (the packs it pins, at their locked digests); an existing folder is a \
            pack folder or a folder of packs, which replace the packs of the same names on the search path; \
            anything else is a git revision (main, HEAD~1, a tag) of the repository holding the workspace, \
            whose accord.yaml, accord.lock and rules folder are read without touching the working tree. \
            Without --against, accord.lock. With --promote-drafts, draft rules count as promoted in "after" \
            (and, without --against, "before" is the same set as it saves labels, drafts left out). With a gold \
            file (--gold, or `gold:` in accord.yaml), both sets are scored against it as `accord rules score` \
            scores them, before and after. Exits 0 when no partnership changes labels, 1 when some do, \
            64 for a revision or folder that does not exist, 65 when a set does not load or resolve or a \
            lock's content is not available.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: ArgumentHelp("The rule set to compare with: a lock file, a folder of packs, or a git revision (default: accord.lock).",
                               valueName: "lock|folder|ref"))
    var against: String?

    @Flag(help: "Count draft rules as promoted in the workspace's set: what promoting them would change.")
    var promoteDrafts = false

    @Option(help: "Only partnerships filed in this period (2019, 2019-Q4, 2019-06, last-quarter).")
    var period: String?

    @Option(help: ArgumentHelp("Judgements to score both sets against (default: `gold:` of accord.yaml).", valueName: "file"))
    var gold: String?

    @Option(help: "text: a readable report; json: one JSON document.")
    var format: OutputFormat = .text

    @OptionGroup var evaluation: EngineOptions

    func run() throws {
        try reportingErrors {
            let workspace = try options.workspace.open()
            let store = try options.workspace.openStore(workspace)
            let limits = try options.limits.resolve(workspace)
            let watchdog = Watchdog(seconds: limits.timeout, script: "accord: rules diff")
            defer { watchdog.cancel() }
            let threads = try evaluation.width()
            let selected = try parsedPeriod(period, in: workspace)
            var before = try promoteDrafts && against == nil
                ? PackSelection.workspace(workspace) : PackSelection.against(against, workspace: workspace)
            var after = PackSelection.workspace(workspace)
            if promoteDrafts {
                before.name = against ?? "the workspace without its drafts"
                after.name = "the workspace with its drafts promoted"
                after.drafts = .promoted
            }
            let judgements = try goldFile(gold, in: workspace)
            let report = try RuleSetDiff.compare(workspace: workspace, store: store, before: before,
                                                 after: after, period: selected, limits: limits,
                                                 threads: threads, evaluation: evaluation.engine, gold: judgements)
            print(format == .json ? try report.json() : report.text)
            if report.hasChanges { throw ExitCode(Exit.scriptFailed) }
        }
    }
}
