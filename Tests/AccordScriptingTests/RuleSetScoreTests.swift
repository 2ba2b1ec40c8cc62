import AccordCore
@testable import AccordScripting
import Testing

/// Scoring a rule set's labels against judgements, counted by hand.
@Suite struct RuleSetScoreTests {
    static func set() throws -> RuleSet {
        let folder = try PackFolder()
        try folder.pack("three", dsl + """
            return pack { name = "three", version = "1.0.0", labels = { a = "Alpha", b = "Beta", c = "Gamma" }, rules = {
              rule { id = "r", label = "a", when = form_is "mou" },
            } }
            """)
        return try folder.resolve(["three": "*"]).1
    }

    static func classification(_ id: String, _ labels: [String], manual: [String] = []) -> Classification {
        Classification(partnership: id, title: "Title of \(id)",
                       fired: labels.map { Firing(rule: "three.\($0)-rule", label: $0, evidence: "saw \($0)") },
                       manual: manual, conflicts: [])
    }

    static func judged(_ id: String, _ labels: [String], _ primary: String? = nil) -> Judgement {
        Judgement(partnership: id, labels: labels, primary: primary ?? (labels.count == 1 ? labels[0] : nil), file: "gold.csv")
    }

    @Test func countsPerLabelMicroMacroExactSetsPrimaryAndConfusion() throws {
        var tally = RuleSetScore.Tally(against: "gold.csv", set: try Self.set())
        // Labels set by hand are not what is scored: the rules' are.
        tally.add(Self.classification("p1", ["a", "b"], manual: ["c"]), judged: Self.judged("p1", ["a", "b"], "a"))
        tally.add(Self.classification("p2", ["b", "a"]), judged: Self.judged("p2", ["a"]))
        tally.add(Self.classification("p3", []), judged: Self.judged("p3", ["c"]))
        tally.add(Self.classification("p4", ["a"]), judged: Self.judged("p4", []))
        let score = tally.finish { _ in nil }

        #expect(score.partnerships == 4)
        let counts = Dictionary(uniqueKeysWithValues: score.labels.map { ($0.label, $0.counts) })
        #expect(score.labels.map(\.label) == ["a", "b", "c"])
        #expect(score.labels.map(\.name) == ["Alpha", "Beta", "Gamma"])
        #expect((counts["a"]!.truePositives, counts["a"]!.falsePositives, counts["a"]!.falseNegatives) == (2, 1, 0))
        #expect((counts["b"]!.truePositives, counts["b"]!.falsePositives, counts["b"]!.falseNegatives) == (1, 1, 0))
        #expect((counts["c"]!.truePositives, counts["c"]!.falsePositives, counts["c"]!.falseNegatives) == (0, 0, 1))
        #expect(counts["a"]!.precision == 2.0 / 3 && counts["a"]!.recall == 1 && abs(counts["a"]!.f1 - 0.8) < 1e-12)
        #expect(counts["b"]!.precision == 0.5 && abs(counts["b"]!.f1 - 2.0 / 3) < 1e-12)
        // Never given: no precision, and an F1 of 0.
        #expect(counts["c"]!.precision == nil && counts["c"]!.recall == 0 && counts["c"]!.f1 == 0)
        #expect(counts["a"]!.support == 2 && counts["a"]!.given == 3)

        #expect((score.micro.truePositives, score.micro.falsePositives, score.micro.falseNegatives) == (3, 2, 1))
        #expect(abs(score.micro.f1 - 2.0 / 3) < 1e-12)
        #expect(abs(score.macroF1! - (0.8 + 2.0 / 3 + 0) / 3) < 1e-12)
        #expect(score.exactMatches == 1 && score.exactShare == 0.25)
        #expect(score.primaryJudged == 3 && score.primaryAgreed == 1)
        #expect(score.confusion == [.init(judged: "a", given: "b", count: 1), .init(judged: "c", given: "none", count: 1)])

        #expect(score.disagreementCount == 3)
        #expect(score.disagreements.map(\.id) == ["p2", "p3", "p4"])
        let p2 = score.disagreements[0]
        #expect(p2.missing.isEmpty && p2.extra == ["b"] && p2.givenPrimary == "b" && p2.judgedPrimary == "a")
        #expect(score.disagreements[1].missing == ["c"] && score.disagreements[1].given.isEmpty)
        #expect(score.disagreements[2].extra == ["a"])
        #expect(score.summary == "micro-F1 0.67, macro-F1 0.49, exact set 25.0%, same primary 33.3% (4 partnerships)")

        // Per rule: where it fired, how often its label was judged right.
        #expect(score.rules.map { "\($0.rule) \($0.fired) \($0.right)" } == ["three.a-rule 3 2", "three.b-rule 2 1"])
        #expect(score.text.contains("""
              rule          label  fired  wrong  precision
              three.a-rule  a      3      1      0.67
              three.b-rule  b      2      1      0.50
            """))
    }

    @Test func aLimitKeepsTheCountButListsOnlySoManyDisagreements() throws {
        var tally = RuleSetScore.Tally(against: "gold.csv", set: try Self.set(), limit: 1)
        for i in 1...3 { tally.add(Self.classification("p\(i)", ["a"]), judged: Self.judged("p\(i)", ["b"])) }
        let score = tally.finish { _ in nil }
        #expect(score.disagreementCount == 3 && score.disagreements.map(\.id) == ["p1"])
        #expect(score.text.contains("… and 2 more (--limit 0 shows them all)"))
    }

    @Test func aLabelNoPackDeclaresIsScoredAndSaidSo() throws {
        var tally = RuleSetScore.Tally(against: "the labels set by hand", set: try Self.set())
        tally.add(Self.classification("p1", ["a"]), judged: Self.judged("p1", ["zeta"]))
        let score = tally.finish { _ in nil }
        #expect(score.labels.map(\.label) == ["a", "zeta"])
        #expect(score.labels.last?.name == nil)
        #expect(score.text.contains("zeta (not a label of the packs)"))
    }
}
