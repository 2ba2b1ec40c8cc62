import AccordCore
@testable import AccordScripting
import AccordTestSupport
import Foundation
import Testing

/// Scoring the workspace's packs against judgements, as `accord rules score` does.
@Suite struct RuleSetScoreUseCaseTests {
    static let gold = SampleWorkspace.bundled.appendingPathComponent("Packs/standard/tests/gold.csv").path

    /// Scores the sample workspace's packs as the command does: a classifier, then the engine for the disagreements.
    static func measure(_ sample: SampleWorkspace, _ judgements: RuleSetScore.Judgements, period: Period? = nil,
                        limit: Int? = nil) throws -> RuleSetScore {
        let rulebook = try sample.rulebook()
        let set = try rulebook.prepare(untested: .warned, drafts: .excluded)
        let classifier = try Classifier(set: set, store: sample.store, rulebook: rulebook, width: 2) {
            try Rulebook(workspace: sample.workspace, store: sample.store, asOf: sample.workspace.today(),
                         limits: sample.workspace.config.limits, budget: rulebook.engine.budget)
        }
        return try RuleSetScore.measure(judgements, classifier: classifier, engine: rulebook.engine, store: sample.store,
                                        period: period, limit: limit)
    }

    @Test(arguments: Backend.all)
    func theSampleScoresAsEachPartnershipClassifiedApartSays(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let judgements = try GoldFile.read(Self.gold, display: "gold.csv")
        #expect(judgements.count == 83)
        let score = try Self.measure(sample, .gold(judgements, file: "gold.csv"))

        // The oracle: every partnership classified on its own, its labels set against the judgement.
        var labels: [String: Classification] = [:]
        try sample.classify(ClassifyRequest(save: false)) { labels[$0.partnership] = $0 }
        var tp = 0, fp = 0, fn = 0, exact = 0, primary = 0, disagree = 0
        for j in judgements {
            let given = Set(labels[j.partnership]!.ruleLabels), judged = Set(j.labels)
            tp += given.intersection(judged).count
            fp += given.subtracting(judged).count
            fn += judged.subtracting(given).count
            if given == judged { exact += 1 }
            let samePrimary = j.primary == nil || labels[j.partnership]!.ruleLabels.first == j.primary
            if j.primary != nil && samePrimary { primary += 1 }
            if given != judged || !samePrimary { disagree += 1 }
        }
        #expect(score.partnerships == 83)
        #expect((score.micro.truePositives, score.micro.falsePositives, score.micro.falseNegatives) == (tp, fp, fn))
        #expect(score.exactMatches == exact && score.primaryAgreed == primary && score.disagreementCount == disagree)
        // The standard pack's own floor holds on its own sample.
        #expect(score.microF1 >= 0.95, "\(score.summary)")

        // Each disagreement comes with the rules behind it.
        let symposium = try #require(score.disagreements.first { $0.id == "sanofi-global-research-korean-oncology" })
        #expect(symposium.extra == ["rnd"] && symposium.missing == ["networking"])
        #expect(symposium.causes.first?.hasPrefix("+ rnd: standard.rnd-by-content (60) fired: title mentions \"research\"") == true)
        #expect(symposium.causes.contains("- networking: no rule for it came near"))
    }

    @Test(arguments: Backend.all)
    func manualLabelsAreTheJudgementAndTheRulesRunAsIfThereWereNone(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        // Two partnerships labelled by hand: one as the rules label it, one not.
        let data = try sample.read("data/sample/partnerships.yaml")
        let edited = data
            .replacingOccurrences(of: "  - id: dksh-hanmi-sea-export-2013\n", with: "  - id: dksh-hanmi-sea-export-2013\n    labels: [export]\n")
            .replacingOccurrences(of: "  - id: pfizer-rd-university\n", with: "  - id: pfizer-rd-university\n    labels: [rnd, training]\n")
        #expect(edited != data)
        try sample.write(edited, to: "data/sample/partnerships.yaml")
        _ = try sample.store.importFiles([sample.path("data/sample/partnerships.yaml")])

        let score = try Self.measure(sample, .manual)
        #expect(score.against == "the labels set by hand")
        #expect(score.partnerships == 2)
        #expect(score.exactMatches == 1)
        // Judged rnd first; the rules give training alone.
        #expect(score.disagreements.map(\.id) == ["pfizer-rd-university"])
        #expect(score.disagreements[0].missing == ["rnd"] && score.disagreements[0].given == ["training"])
        #expect(score.confusion == [.init(judged: "rnd", given: "training", count: 1)])
    }

    @Test(arguments: Backend.all)
    func aPeriodLeavesOutTheJudgementsFiledElsewhere(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let judgements = try GoldFile.read(Self.gold, display: "gold.csv")
        let period = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019")
        let score = try Self.measure(sample, .gold(judgements, file: "gold.csv"), period: period)
        var filter = PartnershipFilter()
        filter.period = period
        let filed = Set(try sample.store.partnershipIDs(filter))
        #expect(score.partnerships == judgements.filter { filed.contains($0.partnership) }.count)
        #expect(score.partnerships > 0 && score.leftOut == 83 - score.partnerships)
    }

    @Test(arguments: Backend.all)
    func judgementsOfUnknownPartnershipsOrLabelsAreRefusedByLine(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("partnership,labels\ndksh-hanmi-sea-export-2013,export\nno-such-deal,export\ngrindeks-korea-office,exports\n",
                         to: "gold.csv")
        let judgements = try GoldFile.read(sample.path("gold.csv"), display: "gold.csv")
        let error = #expect(throws: DataErrors.self) { try Self.measure(sample, .gold(judgements, file: "gold.csv")) }
        #expect(error?.issues.map(\.description) == [
            "gold.csv:3: field 'partnership': no partnership 'no-such-deal' in the database",
            "gold.csv:4: partnership 'grindeks-korea-office' field 'labels': 'exports' is not a label of the applied packs (did you mean 'export'?)",
        ])
    }

    @Test(arguments: Backend.all)
    func rulesDiffScoresBothSidesAsScoringEachSideApartDoes(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let judgements = try GoldFile.read(Self.gold, display: "gold.csv")
        let now = try Self.measure(sample, .gold(judgements, file: "gold.csv"), limit: 0)
        try RuleSetDiffTests.copyStandard(to: sample.path("Scripts/rules"), text: try RuleSetDiffTests.modifiedStandard())
        let modified = try Self.measure(sample, .gold(judgements, file: "gold.csv"), limit: 0)

        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                             before: try .replacing(with: RuleSetDiffTests.bundledStandard.path, in: sample.workspace),
                                             after: .workspace(sample.workspace), gold: (judgements, "gold.csv"))
        let score = try #require(report.score)
        #expect(score.before == now)
        #expect(score.after == modified)
        #expect(modified.microF1 < now.microF1)
        #expect(report.text.contains("Score against gold.csv:\n  before: \(now.summary)\n  after:  \(modified.summary)"))
    }
}
