import AccordCore
import AccordScripting
import Foundation
import LuaKit
import Testing

/// Draft rules: shown beside the others without changing what those give, left out, or
/// promoted; both engines agree on each.
@Suite struct DraftRuleTests {
    /// A draft of the highest priority beside a stable and an experimental rule.
    static func team(policy: String) -> String {
        dsl + """
            return pack {
              name = "team", version = "1.0.0", hit_policy = "\(policy)",
              labels = { export = "Export", investment = "Investment", asia = "In Asia" },
              rules = {
                rule { id = "asia", label = "asia", priority = 30, status = "draft", when = territory_in("KR", "ASEAN") },
                rule { id = "investment", label = "investment", priority = 20, status = "stable", when = form_is "investment" },
                rule { id = "export", label = "export", priority = 10, when = form_is "export_contract" },
              },
            }
            """
    }

    /// The classification of `id` by both engines, which must agree, with drafts as `drafts` says.
    private static func classify(_ id: String, policy: String, drafts: DraftRules) throws -> Classification {
        let folder = try PackFolder()
        try folder.pack("team", team(policy: policy))
        let (compiled, set) = try folder.resolve(["team": "*"])
        let (interpreted, _) = try folder.resolve(["team": "*"])
        interpreted.evaluation = .interpreted
        try compiled.activate(set.with(drafts: drafts))
        try interpreted.activate(set.with(drafts: drafts))
        let c = try compiled.classify(Fixture.partnership(id))
        #expect(try interpreted.classify(Fixture.partnership(id)) == c, "the engines differ on \(id), \(policy), \(drafts)")
        return c
    }

    @Test func aDraftRuleLoadsAndRunsOnlyWhenTheSetDoesNotExcludeIt() throws {
        let folder = try PackFolder()
        try folder.pack("team", Self.team(policy: "collect"))
        let (_, set) = try folder.resolve(["team": "*"])
        #expect(set.drafts == .excluded, "left out unless asked")
        #expect(set.rule(id: "team.asia")?.status == .draft)
        #expect(set.rules.map(\.id) == ["team.investment", "team.export"])
        #expect(set.whyNotApplied(set.rule(id: "team.asia")!) == "draft, left out of this run")
        #expect(set.hasDrafts)
        for mode in [DraftRules.shown, .promoted] {
            let with = set.with(drafts: mode)
            #expect(with.rules.map(\.id) == ["team.asia", "team.investment", "team.export"])
            #expect(with.draftRules == ["team.asia"])
            #expect(with.whyNotApplied(with.rule(id: "team.asia")!) == nil)
        }
    }

    @Test(arguments: ["collect", "first", "unique"])
    func shownDraftsAreMarkedAndLeaveTheOtherRulesAsTheyAreWithoutThem(policy: String) throws {
        for id in ["year-only", "export-q4"] {
            let excluded = try Self.classify(id, policy: policy, drafts: .excluded)
            let shown = try Self.classify(id, policy: policy, drafts: .shown)
            #expect(shown.fired == excluded.fired)
            #expect((shown.labels, shown.primary, shown.conflicts) == (excluded.labels, excluded.primary, excluded.conflicts))
            #expect(excluded.drafts.isEmpty)
            #expect(shown.drafts.map(\.rule) == ["team.asia"])
            #expect(shown.drafts.allSatisfy { $0.draft })
            #expect(shown.draftLabels == ["asia"])
        }
    }

    @Test func aPromotedDraftShadowsAndConflictsAsAnyRule() throws {
        let first = try Self.classify("year-only", policy: "first", drafts: .promoted)
        #expect(first.fired.map(\.rule) == ["team.asia"], "the draft fired first and hides the stable rule")
        #expect(first.fired.first?.draft == true)
        #expect((first.labels, first.primary) == (["asia"], "asia"))
        #expect(first.drafts.isEmpty)
        let firstShown = try Self.classify("year-only", policy: "first", drafts: .shown)
        #expect(firstShown.fired.map(\.rule) == ["team.investment"], "shown, the draft hides nothing")
        #expect((firstShown.labels, firstShown.primary) == (["investment"], "investment"))

        let collect = try Self.classify("year-only", policy: "collect", drafts: .promoted)
        #expect((collect.labels, collect.primary) == (["asia", "investment"], "asia"))
        #expect(collect.draftLabels == ["asia"])

        let unique = try Self.classify("year-only", policy: "unique", drafts: .promoted)
        #expect(unique.conflicts == ["pack team has hit policy unique, but team.asia and team.investment fired together"])
        #expect(try Self.classify("year-only", policy: "unique", drafts: .shown).conflicts.isEmpty)
    }

    @Test func explainMarksDraftsAndShadowsAsClassifyDoes() throws {
        let folder = try PackFolder()
        try folder.pack("team", Self.team(policy: "first"))
        let (engine, set) = try folder.resolve(["team": "*"])
        try engine.activate(set.with(drafts: .shown))
        let shown = try engine.explain(Fixture.partnership("year-only"))
        #expect(shown.fired.map(\.rule.id) == ["team.asia", "team.investment"])
        #expect(shown.fired.map(\.isDraft) == [true, false])
        #expect(shown.classification == (try engine.classify(Fixture.partnership("year-only"))))
        #expect(shown.classification.labels == ["investment"])
        #expect(shown.notApplied.isEmpty)

        try engine.activate(set.with(drafts: .promoted))
        let promoted = try engine.explain(Fixture.partnership("year-only"))
        #expect(promoted.fired.map(\.rule.id) == ["team.asia"])
        #expect(promoted.rules.first { $0.rule.id == "team.investment" }?.shadowedBy == "team.asia")
        #expect(promoted.classification.labels == ["asia"])

        try engine.activate(set)
        let excluded = try engine.explain(Fixture.partnership("year-only"))
        #expect(excluded.rules.map(\.rule.id) == ["team.investment", "team.export"])
        #expect(excluded.notApplied.map(\.why) == ["draft, left out of this run"])
    }

    @Test func theStatusIsCheckedWithDraftAmongTheChoices() throws {
        let folder = try PackFolder()
        try folder.pack("p", dsl + """
            return pack { name = "p", version = "1.0.0", labels = { x = "X" },
              rules = { rule { id = "a", label = "x", status = "darft", when = form_is "mou" } } }
            """)
        #expect(try folder.loadProblems() == [
            "packs/p/init.lua:5: rule a: status 'darft' is not experimental, stable, draft or deprecated (did you mean 'draft'?)",
        ])
    }

    @Test(arguments: 0..<8)
    func bothEnginesAgreeOnRandomRulesWithDraftsInEveryMode(seed: Int) throws {
        var random = RandomRules(seed: UInt64(1000 + seed))
        let folder = try PackFolder()
        try folder.pack("p0", random.pack("p0", rules: 10, narrowing: nil, drafts: true))
        try folder.pack("p1", random.pack("p1", rules: 6, narrowing: "p0", drafts: true))
        let records = Fixture.dataset.partnerships + (0..<60).map { random.partnership($0) }
        var drafted = 0
        for mode in DraftRules.allCases {
            // Fresh engines for each mode: the packs' functions count their calls.
            let (compiled, set) = try folder.resolve(["p0": "*", "p1": "*"])
            let (interpreted, _) = try folder.resolve(["p0": "*", "p1": "*"])
            interpreted.evaluation = .interpreted
            try compiled.activate(set.with(drafts: mode))
            try interpreted.activate(set.with(drafts: mode))
            for p in records {
                let a = Result { () throws(LuaError) in try compiled.classify(p) }
                let b = Result { () throws(LuaError) in try interpreted.classify(p) }
                switch (a, b) {
                case (.success(let x), .success(let y)):
                    #expect(x == y, "partnership \(p.id), drafts \(mode)")
                    if x != y { return }
                    drafted += (x.fired + x.drafts).filter(\.draft).count
                case (.failure(let x), .failure(let y)):
                    #expect(x.message == y.message, "partnership \(p.id), drafts \(mode)")
                default:
                    Issue.record("one engine failed, the other did not: partnership \(p.id), drafts \(mode)")
                    return
                }
            }
        }
        #expect(drafted > 0, "no draft ever fired: the test would prove little")
    }

    @Test func aDraftNeedsNoTestCaseAndACaseMayExpectItToFire() throws {
        let folder = try PackFolder()
        try folder.write("accord.yaml", "packs:\n  team: ^1.0\n")
        try folder.write("Scripts/rules/team/init.lua", Self.team(policy: "first"))
        try folder.write("data/fixture.json", String(decoding: DataExporter.json(Fixture.dataset), as: UTF8.self))
        try folder.write("Scripts/rules/team/tests/cases.yaml", """
            data: [../../../../data]
            cases:
              - partnership: year-only
                labels: [investment]
                primary: investment
                fired: [investment, asia]
              - partnership: export-q4
                labels: [export]
                not_fired: [investment]
            """)
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let rulebook = try Rulebook(workspace: Workspace(root: folder.root), store: store,
                                    asOf: CalendarDay(year: 2020, month: 8, day: 15)!, limits: ScriptLimits(), environment: [:])
        let pack = try #require(rulebook.installed.first)
        #expect(rulebook.check().isEmpty)
        let run = rulebook.test([PackTestTarget(folder: pack.folder)])
        #expect(run.problems.isEmpty)
        let report = try #require(run.reports.first)
        #expect(report.results.map(\.outcome) == [.pass, .pass], "\(report.results.map(\.differences))")
        #expect(report.coverage.first { $0.rule.id == "team.asia" }?.fired == 2)

        try folder.write("Scripts/rules/team/tests/cases.yaml", """
            data: [../../../../data]
            cases:
              - partnership: academy-2020
                labels: [training]
            """)
        let untested = try Rulebook(workspace: Workspace(root: folder.root), store: store,
                                    asOf: CalendarDay(year: 2020, month: 8, day: 15)!, limits: ScriptLimits(), environment: [:])
        let problems = untested.check().map(\.description)
        #expect(problems.count == 1 && problems[0].contains("rule team.investment is stable but no test case"), "\(problems)")
        let report2 = try #require(untested.test([PackTestTarget(folder: pack.folder)]).reports.first)
        #expect(report2.coverage.first?.rule.id == "team.asia" && report2.coverage.first?.fired == 0)
        #expect(report2.uncovered.map(\.id) == ["team.investment", "team.export"], "the draft is never reported as untested")
    }
}
