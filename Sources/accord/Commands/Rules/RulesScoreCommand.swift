import AccordCore
import AccordScripting
import ArgumentParser

/// `accord rules score`: how well the workspace's packs agree with an analyst's judgements.
struct RulesScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the workspace's rule packs against judged partnerships: precision, recall, F1 and disagreements.",
        discussion: """
            Classifies the partnerships and compares the labels the rules give (labels set by hand aside) with \
            judgements: a gold file (--gold, or `gold:` in accord.yaml; CSV with the columns partnership, labels \
            (separated by ;), primary and note, or YAML or JSON, a list of mappings with those keys), or the \
            labels set by hand in the data (--against manual). Prints per label precision, recall, F1 and \
            support, micro and macro F1, the share of partnerships given exactly the judged labels and the \
            judged primary label, which primary label is given instead of which, and the partnerships the rules \
            disagree on, each with the rules that fired or nearly fired. Exits 65 when the gold file names a \
            partnership the database does not hold or a label the packs do not declare.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: ArgumentHelp("The judgements: a .csv, .yaml or .json file (default: `gold:` of accord.yaml).", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("manual: score against the labels set by hand in the data, the rules evaluated as if there were none.",
                               valueName: "manual"))
    var against: String?

    @Option(help: "Only partnerships filed in this period (2019, 2019-Q4, 2019-06, last-quarter).")
    var period: String?

    @Option(help: "How many disagreements to list with their causes (0: all).")
    var limit = 50

    @Option(help: "text: a readable report; json: one JSON document.")
    var format: OutputFormat = .text

    @OptionGroup var evaluation: EngineOptions

    func validate() throws {
        if let against, against != "manual" { throw ValidationError("--against: the only value is 'manual'") }
        if against != nil && gold != nil { throw ValidationError("give --gold or --against manual, not both") }
        guard limit >= 0 else { throw ValidationError("--limit: give 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let (workspace, store, rulebook) = try options.open()
            let watchdog = Watchdog(seconds: try options.limits.resolve(workspace).timeout, script: "accord: rules score")
            defer { watchdog.cancel() }
            let judgements: RuleSetScore.Judgements
            if against != nil {
                judgements = .manual
            } else if let file = try goldFile(gold, in: workspace) {
                judgements = .gold(file.judgements, file: file.file)
            } else {
                throw UsageError("nothing to score against: give --gold FILE or --against manual, or set `gold:` in accord.yaml")
            }
            let set = try rulebook.prepare(untested: .warned, drafts: .excluded, warn: warn)
            let classifier = try Classifier(set: set, store: store, rulebook: rulebook, width: try evaluation.width(),
                                            evaluation: evaluation.engine) {
                try options.open(budget: rulebook.engine.budget).rulebook
            }
            let score = try RuleSetScore.measure(judgements, classifier: classifier, engine: rulebook.engine, store: store,
                                                 period: try parsedPeriod(period, in: workspace),
                                                 limit: limit == 0 ? nil : limit)
            print(format == .json ? try score.json() : score.text)
        }
    }
}
