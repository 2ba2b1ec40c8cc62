import AccordCore
import AccordScripting
import Foundation
import Testing

/// Pack tests, the checks before a classification, and the lockfile.
@Suite struct RulebookTests {
    static let pack = dsl + """
        return pack {
          name = "demo", version = "1.0.0", hit_policy = "collect",
          labels = { export = "Export", investment = "Investment", training = "Training" },
          rules = {
            rule { id = "export", label = "export", status = "stable", when = form_is "export_contract" },
            rule { id = "investment", label = "investment", priority = 5, when = form_is "investment" },
            rule { id = "training", label = "training", when = R.tagged "training" },
          },
        }
        """

    static let cases = """
        partnerships:
          - id: inline-export
            title: A made-up export deal
            form: export_contract
            parties: [{org: hanmi, role: exporter}]
            sources: [news]
        cases:
          - partnership: export-q4
            labels: [export]
            fired: [export]
            not_fired: [demo.investment]
          - partnership: inline-export
            primary: export
          - partnership: year-only
            labels: [investment, training]
            todo: the data has no training tag yet
          - partnership: academy-2020
            labels: [export]
        """

    /// Keeps each test's folders until the test ends.
    private final class Folders { var all: [PackFolder] = [] }
    private let folders = Folders()

    /// A workspace applying `demo ^1.0`, with the fixture dataset in its database.
    private func workspace(pack: String = pack, cases: String = cases) throws -> (PackFolder, Rulebook) {
        let folder = try PackFolder()
        folders.all.append(folder)
        try folder.write("accord.yaml", "packs:\n  demo: ^1.0\n")
        try folder.write("Scripts/rules/demo/init.lua", pack)
        try folder.write("data/fixture.json", String(decoding: DataExporter.json(Fixture.dataset), as: UTF8.self))
        try folder.write("Scripts/rules/demo/tests/cases.yaml", "data: [../../../../data]\n" + cases)
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let rulebook = try Rulebook(workspace: Workspace(root: folder.root), store: store,
                                    asOf: CalendarDay(year: 2020, month: 8, day: 15)!, limits: ScriptLimits(), environment: [:])
        return (folder, rulebook)
    }

    @Test func packTestsReportOutcomesDifferencesAndCoverage() throws {
        let (_, rulebook) = try workspace()
        let pack = try #require(rulebook.installed.first)
        let engine = rulebook.engine
        try engine.activate(try engine.testSet(for: pack, installed: rulebook.installed))
        let report = engine.runTests(of: pack, fixtures: try engine.fixtures(of: pack))
        #expect(report.results.map(\.outcome) == [.pass, .pass, .todo, .fail])
        let failure = try #require(report.failures.first)
        #expect(failure.fixture.position == "Scripts/rules/demo/tests/cases.yaml:18")
        // academy-2020 carries a manual label, which wins over the rules.
        #expect(failure.differences == ["labels: expected [export], got [training]\n  - export\n  + training"])
        #expect(report.coverage.map(\.rule.id) == ["demo.investment", "demo.export", "demo.training"])
        #expect(report.coverage.map(\.fired) == [1, 2, 1])
        #expect(report.coverage.map(\.asserted) == [1, 1, 0])
        #expect(report.uncovered.isEmpty)
        #expect(!report.passed)
    }

    @Test func fixturesClassifyWithTheirOwnOrganizations() throws {
        let pack = Self.pack.replacingOccurrences(of: "when = R.tagged \"training\"",
                                                  with: "when = R.condition(\"a regulator takes part\", function(p) return p:involves{ kind = \"regulator\" } end)")
        let (_, rulebook) = try workspace(pack: pack, cases: """
            organizations:
              - {id: agency, name: Thai FDA, kind: regulator, country: TH, sources: [news]}
            partnerships:
              - {id: visit, title: Regulators visit, form: program, parties: [{org: agency, role: participant}], sources: [news]}
            cases:
              - partnership: visit
                labels: [training]
            """)
        let pack0 = try #require(rulebook.installed.first)
        try rulebook.engine.activate(try rulebook.engine.testSet(for: pack0, installed: rulebook.installed))
        let report = rulebook.engine.runTests(of: pack0, fixtures: try rulebook.engine.fixtures(of: pack0))
        #expect(report.results.map(\.outcome) == [.pass])
        #expect(report.results.first?.classification.fired.first?.evidence == "Thai FDA (participant)")
        #expect(rulebook.installed[0].rules.last?.condition == "a regulator takes part")
    }

    @Test func aRuleThatRaisesFailsItsCaseNotTheRun() throws {
        let pack = Self.pack.replacingOccurrences(of: "when = R.tagged \"training\"",
                                                  with: "when = function(p) if p.id == \"export-q4\" then error(\"no good\", 0) end end")
        let (_, rulebook) = try workspace(pack: pack)
        let pack0 = try #require(rulebook.installed.first)
        try rulebook.engine.activate(try rulebook.engine.testSet(for: pack0, installed: rulebook.installed))
        let report = rulebook.engine.runTests(of: pack0, fixtures: try rulebook.engine.fixtures(of: pack0))
        #expect(report.results.map(\.outcome) == [.fail, .pass, .todo, .fail])
        #expect(report.results[0].differences == ["error: Scripts/rules/demo/init.lua:10: rule demo.training: no good"])
    }

    @Test func aTodoThatPassesIsReportedAsFixed() throws {
        let (_, rulebook) = try workspace(cases: """
            cases:
              - partnership: export-q4
                labels: [export]
                fired: [export]
                todo: should fail but does not
            """)
        let pack = try #require(rulebook.installed.first)
        try rulebook.engine.activate(try rulebook.engine.testSet(for: pack, installed: rulebook.installed))
        let report = rulebook.engine.runTests(of: pack, fixtures: try rulebook.engine.fixtures(of: pack))
        #expect(report.results.map(\.outcome) == [.fixed])
        #expect(report.passed)
        #expect(report.uncovered.map(\.id) == ["demo.investment", "demo.training"])
    }

    @Test func badTestFilesNameFileLineAndField() throws {
        let (_, rulebook) = try workspace(cases: """
            cases:
              - partnership: export-q5
                labels: [export]
              - partnership: export-q4
                fird: [export]
            """)
        let pack = try #require(rulebook.installed.first)
        let error = try #require(throws: DataErrors.self) { try rulebook.engine.fixtures(of: pack) }
        #expect(error.issues.map(\.description) == [
            "Scripts/rules/demo/tests/cases.yaml:6: field 'cases[2].fird': unknown key (did you mean 'fired'?)",
            "Scripts/rules/demo/tests/cases.yaml:5: field 'cases[2]': expects nothing: give labels, primary, fired or not_fired",
        ])
        let (_, other) = try workspace(cases: "cases:\n  - partnership: export-q5\n    labels: [export]\n")
        let missing = try #require(throws: DataErrors.self) { try other.engine.fixtures(of: other.installed[0]) }
        #expect(missing.description.contains("cases.yaml:3: field 'partnership': no partnership 'export-q5' in the test file or its data (did you mean 'export-q4'?)"))
    }

    @Test func stableRulesNeedACaseThatExpectsThemToFire() throws {
        let (_, rulebook) = try workspace(pack: Self.pack.replacingOccurrences(
            of: "id = \"training\", label = \"training\",", with: "id = \"training\", label = \"training\", status = \"stable\","))
        let problems = rulebook.check().map(\.description)
        #expect(problems == ["Scripts/rules/demo/init.lua:10: rule demo.training is stable but no test case expects it to fire: "
            + "add a case with `fired: [training]` to Scripts/rules/demo/tests/, or mark it experimental"])
    }

    @Test func uniquePacksMustNotFireTwiceOnAFixture() throws {
        let (_, rulebook) = try workspace(pack: Self.pack.replacingOccurrences(of: "\"collect\"", with: "\"unique\""),
                                          cases: """
            partnerships:
              - {id: both, title: Investment in training, form: investment, tags: [training], parties: [{org: khidi, role: investor}], sources: [news]}
            cases:
              - partnership: both
                labels: [investment, training]
              - partnership: export-q4
                fired: [export]
            """)
        #expect(rulebook.check().map(\.description) == [
            "Scripts/rules/demo/tests/cases.yaml:5: pack demo has hit policy unique, but demo.investment and demo.training fired together on both",
        ])
    }

    @Test func aLockfileThatNoLongerMatchesStopsTheRun() throws {
        let (folder, rulebook) = try workspace()
        #expect(try rulebook.prepare().packs.map(\.title) == ["demo 1.0.0"])
        try rulebook.lock(try rulebook.configured())
        let lock = try String(contentsOfFile: folder.root.appendingPathComponent("accord.lock").path, encoding: .utf8)
        #expect(lock.contains("path: Scripts/rules/demo"))

        func reopen() throws -> Rulebook {
            try Rulebook(workspace: Workspace(root: folder.root), store: try Store.inMemory(),
                         asOf: CalendarDay(year: 2020, month: 1, day: 1)!, limits: ScriptLimits(), environment: [:])
        }
        #expect(try reopen().prepare().packs.count == 1)

        try folder.write("Scripts/rules/demo/init.lua", Self.pack + "\n-- a change")
        let changed = try #require(throws: RuleProblems.self) { try reopen().prepare() }
        #expect(changed.description.hasPrefix("accord.lock: pack demo 1.0.0 changed since it was locked: sha256:"))
        #expect(changed.description.hasSuffix("(Scripts/rules/demo); run `accord rules lock` to accept the change, or restore the pack"))

        try folder.write("Scripts/rules/demo/init.lua", Self.pack.replacingOccurrences(of: "1.0.0", with: "1.1.0"))
        let bumped = try #require(throws: RuleProblems.self) { try reopen().prepare() }
        #expect(bumped.description == "accord.lock: pack demo is locked at 1.0.0 but 1.1.0 is installed (Scripts/rules/demo); "
            + "run `accord rules lock` to accept the change")

        // Editing tests or the README does not change the digest.
        try folder.write("Scripts/rules/demo/init.lua", Self.pack)
        try folder.write("Scripts/rules/demo/README.md", "notes")
        try folder.write("Scripts/rules/demo/tests/cases.yaml", "data: [../../../../data]\n" + Self.cases + "\n# more")
        #expect(try reopen().prepare().packs.count == 1)
    }

    @Test func classifyingNeedsTheCasesNotTheirData() throws {
        let (folder, _) = try workspace()
        try folder.write("Scripts/rules/demo/tests/cases.yaml", "data: [../../../../nowhere]\n" + Self.cases)
        let rulebook = try Rulebook(workspace: Workspace(root: folder.root), store: try Store.inMemory(),
                                    asOf: CalendarDay(year: 2020, month: 1, day: 1)!, limits: ScriptLimits(), environment: [:])
        #expect(try rulebook.prepare().packs.count == 1)
        #expect(throws: DataErrors.self) { try rulebook.engine.fixtures(of: rulebook.installed[0]) }
    }

    @Test func noConfiguredPacksIsAClearError() throws {
        let (folder, _) = try workspace()
        try folder.write("accord.yaml", "packs: {}\n")
        let rulebook = try Rulebook(workspace: Workspace(root: folder.root), store: try Store.inMemory(),
                                    asOf: CalendarDay(year: 2020, month: 1, day: 1)!, limits: ScriptLimits(), environment: [:])
        let error = try #require(throws: RuleProblems.self) { try rulebook.prepare() }
        #expect(error.description == "accord.yaml: no rule packs are applied: list them under `packs:` with a version range "
            + "(standard: ^1.0); installed: demo 1.0.0")
    }
}
