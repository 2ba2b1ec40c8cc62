import AccordTestSupport
import Foundation
import Testing

/// End-to-end: rule packs through the built binary, as an analyst uses them.
@Suite(.serialized) struct RulesWorkflowTests {
    static let pack = """
        local R = accord.rules
        local rule, pack, all, any, none = R.rule, R.pack, R.all, R.any, R.none
        return pack {
          name = "demo", version = "1.0.0", description = "A demo pack",
          labels = { export = "Export", rnd = "Research" },
          rules = {
            rule { id = "export", label = "export", priority = 10, status = "stable",
                   description = "Export contracts, and distribution outside Korea",
                   when = any{ R.form_is "export_contract", all{ R.form_is "distribution", none{ R.territory_in "KR" } } } },
            rule { id = "rnd", label = "rnd", description = "Joint research",
                   when = any{ R.form_is "co_development", R.mentions "research" } },
          },
        }
        """

    static let cases = """
        data: [../../../../data/sample]
        cases:
          - partnership: dksh-hanmi-sea-export-2013
            labels: [export]
            fired: [export]
          - partnership: abbvie-dong-a-st-mertk
            labels: [rnd]
            not_fired: [export]
        """

    /// A sample workspace with the demo pack applied instead of the standard one.
    private func workspace(on backend: Backend) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        try accord.initSample("ws")
        try FileManager.default.removeItem(at: accord.folder.appendingPathComponent("ws/Scripts/rules"))
        try accord.write(Self.pack, to: "ws/Scripts/rules/demo/init.lua")
        try accord.write(Self.cases, to: "ws/Scripts/rules/demo/tests/cases.yaml")
        let config = try accord.read("ws/accord.yaml")
        let packs = config.range(of: "packs:")!
        let limits = config.range(of: "limits:")!
        try accord.write(config.replacingCharacters(in: packs.lowerBound..<limits.lowerBound, with: "packs:\n  demo: ^1.0\n"),
                         to: "ws/accord.yaml")
        return accord
    }

    @Test(arguments: Backend.all)
    func checkTestClassifyExplainAndSave(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }

        let check = try accord.run("rules", "check", in: "ws")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "ok: 2 packs, 34 rules\n", "the demo pack and the bundled standard pack")

        let list = try accord.run("rules", "list", in: "ws")
        #expect(list.stdout.contains("demo      1.0.0    collect  2      yes      Scripts/rules/demo"), "\(list.stdout)")

        let test = try accord.run("test", "--coverage", in: "ws")
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("demo 1.0.0 (Scripts/rules/demo): 2 cases, 2 passed, 0 failed, 0 todo"))
        #expect(test.stdout.hasSuffix("ok: 2 cases in 1 pack\n"))

        let classify = try accord.run("classify", "--format", "json", "dksh-hanmi-sea-export-2013", in: "ws")
        #expect(classify.status == 0, "\(classify.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as! [String: Any]
        #expect(object["labels"] as? [String] == ["export"])
        #expect(object["primary"] as? String == "export")
        let reason = (object["reasons"] as! [String: [String: String]])["export"]!
        #expect(reason["rule"] == "demo.export")
        #expect(reason["evidence"] == "form is export_contract")

        let explain = try accord.run("explain", "msd-samsung-bioepis-biosimilars", in: "ws")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("Near misses:\n  ✗ demo.export → export"), "\(explain.stdout)")
        #expect(explain.stdout.contains("✓ form_is \"distribution\"  — form is distribution"))
        #expect(explain.stdout.contains("✗ territory_in \"KR\"") == false)
        #expect(explain.stdout.contains("✓ territory_in \"KR\"  — territory GLOBAL"))

        let saved = try accord.run("classify", "--save", in: "ws")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("83 partnerships classified with demo 1.0.0"))
        #expect(saved.stderr.hasPrefix("saved "))
        try accord.write("print(#accord.partnerships{ label = 'export' })", to: "ws/count.lua")
        let query = try accord.run("run", "count.lua", in: "ws")
        #expect(query.stdout == "2\n", "\(query.stderr)")
    }

    @Test(arguments: Backend.all)
    func failingTestsBrokenPacksAndLockMismatchExitNonZero(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }

        try accord.write(Self.cases.replacingOccurrences(of: "labels: [rnd]", with: "labels: [export]"),
                         to: "ws/Scripts/rules/demo/tests/cases.yaml")
        let failing = try accord.run("test", "--format", "json", in: "ws")
        #expect(failing.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(failing.stdout.utf8)) as! [String: Any]
        #expect(report["passed"] as? Bool == false)

        let lock = try accord.run("rules", "lock", in: "ws")
        #expect(lock.status == 0, "\(lock.stderr)")
        #expect(lock.stdout.hasPrefix("locked demo 1.0.0 sha256:"))
        try accord.write(Self.pack.replacingOccurrences(of: "priority = 10", with: "priority = 11"), to: "ws/Scripts/rules/demo/init.lua")
        let mismatch = try accord.run("classify", in: "ws")
        #expect(mismatch.status == 65)
        #expect(mismatch.stderr.contains("accord.lock: pack demo 1.0.0 changed since it was locked"), "\(mismatch.stderr)")

        try accord.write(Self.pack.replacingOccurrences(of: "label = \"rnd\",", with: "label = \"rnd\", lable = \"x\","),
                         to: "ws/Scripts/rules/demo/init.lua")
        let broken = try accord.run("rules", "check", in: "ws")
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("Scripts/rules/demo/init.lua:10: rule rnd: unknown field 'lable' (did you mean 'label'?)"),
                "\(broken.stderr)")
    }

    @Test(arguments: Backend.all)
    func onlyAppliedPacksBlockAndScriptsKeepStdoutClean(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try accord.write("return {", to: "ws/Scripts/rules/wip/init.lua")
        try accord.write(Self.pack.replacingOccurrences(of: "when = any{ R.form_is \"co_development\", R.mentions \"research\" }",
                                                        with: "when = function(p) print(\"checking\", p.id) if p.id == \"abbvie-dong-a-st-mertk\" then error(\"bad record\", 0) end end"),
                         to: "ws/Scripts/rules/demo/init.lua")
        let classify = try accord.run("classify", "--format", "json", "dksh-hanmi-sea-export-2013", in: "ws")
        #expect(classify.status == 0, "\(classify.stderr)")
        #expect(classify.stdout.hasPrefix("{\"id\":\"dksh-hanmi-sea-export-2013\""), "\(classify.stdout)")
        #expect(classify.stderr.contains("checking\tdksh-hanmi-sea-export-2013"))
        let check = try accord.run("rules", "check", in: "ws")
        #expect(check.status == 65)
        #expect(check.stderr.contains("Scripts/rules/wip/init.lua:1:"))

        let failing = try accord.run("classify", in: "ws")
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("Scripts/rules/demo/init.lua:10: rule demo.rnd: bad record (classifying partnership abbvie-dong-a-st-mertk)"),
                "\(failing.stderr)")
        let explain = try accord.run("explain", "abbvie-dong-a-st-mertk", in: "ws")
        #expect(explain.status == 1)
        #expect(explain.stdout.contains("! demo.rnd: Scripts/rules/demo/init.lua:10: rule demo.rnd: bad record") || explain.stdout.contains("! demo.rnd:"), "\(explain.stdout)")
    }

    /// The summary reads by id, and lists the partnerships left without a label in that order.
    @Test(arguments: Backend.all)
    func theSummaryListsUnlabelledPartnershipsById(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let summary = try accord.run("classify", "--save", in: "ws")
        #expect(summary.status == 0, "\(summary.stderr)")
        let lines = summary.stdout.components(separatedBy: "\n")
        let heading = try #require(lines.firstIndex { $0.contains("without a label") }, "\(summary.stdout)")
        let listed = lines[(heading + 1)...].filter { $0.hasPrefix("  ") }.map { String($0.dropFirst(2).prefix { $0 != ":" }) }
        #expect(listed.count > 2 && listed == listed.sorted())
        #expect(lines[heading].hasPrefix("\(listed.count) without a label"))

        let timed = try accord.run("classify", "--threads", "2", "--timings", in: "ws")
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stderr.contains("83 partnerships on 2 threads; evaluating the rules"), "\(timed.stderr)")
        #expect(timed.stderr.contains("; lists read: territories, products, tags, labels\n"),
                "territory_in, and mentions over its default fields; the labels set by hand always: \(timed.stderr)")
        let interpreted = try accord.run("classify", "--engine", "interpreted", "--timings", in: "ws")
        #expect(interpreted.stderr.contains("; lists read: parties, related, people, territories, products, financials, "
                                            + "equivalents, figures, tags, labels, sources\n"), "\(interpreted.stderr)")
        #expect(try accord.run("classify", "--threads", "0", in: "ws").status == 64)
    }

    /// `accord init` applies the standard pack bundled with accord: nothing to copy, and its tests run.
    @Test(arguments: Backend.all)
    func aNewWorkspaceAppliesTheBundledStandardPack(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        #expect(try accord.run("init", "ws").status == 0)
        #expect(try accord.read("ws/accord.yaml").contains("\n  standard: ^1.0\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: accord.folder.appendingPathComponent("ws/Scripts/rules").path).isEmpty)

        let list = try accord.run("rules", "list", in: "ws")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("standard  1.1.0    collect  32     yes      <bundled>/standard"), "\(list.stdout)")

        let tested = try accord.run("test", in: "ws")
        #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.hasSuffix("ok: 45 cases in 1 pack\n"), "\(tested.stdout)")

        try accord.write("""
            organizations:
              - {id: dksh, name: DKSH, kind: distributor, country: CH}
              - {id: acme, name: Acme Pharma, kind: local_pharma, country: KR}
            sources:
              - {id: memo, title: A memo, publisher: Acme}
            partnerships:
              - {id: acme-export, title: Acme exports tablets to Vietnam, form: export_contract, signed: "2024",
                 parties: [{org: dksh, role: distributor}, {org: acme, role: exporter}], territories: [VN], sources: [memo]}
            """, to: "ws/deals.yaml")
        #expect(try accord.run("import", "deals.yaml", in: "ws").status == 0)
        let explained = try accord.run("explain", "acme-export", in: "ws")
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("✓ standard.export-by-form → export   (priority 100, <bundled>/standard/init.lua:"),
                "\(explained.stdout)")
    }

    /// The bundled pack carries the records its tests name, so a copy tested elsewhere passes too.
    @Test(arguments: Backend.all)
    func aCopyOfTheBundledPackKeepsItsTestsWorking(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        #expect(try accord.run("init", "ws").status == 0)
        try FileManager.default.copyItem(at: AccordProcess.bundledStandard, to: accord.folder.appendingPathComponent("ws/Scripts/rules/standard"))

        let list = try accord.run("rules", "list", in: "ws")
        #expect(list.stdout.contains("standard  1.1.0    collect  32     yes      Scripts/rules/standard"), "\(list.stdout)")
        #expect(list.stdout.contains("standard  1.1.0    collect  32     no       <bundled>/standard"), "\(list.stdout)")
        let tested = try accord.run("test", "Scripts/rules/standard", in: "ws")
        #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.contains("standard 1.1.0 (Scripts/rules/standard): 45 cases, 45 passed, 0 failed, 0 todo"), "\(tested.stdout)")
    }

    /// Applies a second pack, `team`, beside the demo pack.
    private func addTeamPack(_ source: String, to accord: AccordProcess) throws {
        try accord.write(source, to: "ws/Scripts/rules/team/init.lua")
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config.replacingOccurrences(of: "  demo: ^1.0\n", with: "  demo: ^1.0\n  team: \"*\"\n"), to: "ws/accord.yaml")
    }

    /// The labels and reasons `classify --format json` gives a partnership.
    private func classified(_ id: String, in accord: AccordProcess) throws -> (labels: [String], reasons: [String: [String: String]]) {
        let result = try accord.run("classify", "--format", "json", id, in: "ws")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (object["labels"] as? [String] ?? [], object["reasons"] as? [String: [String: String]] ?? [:])
    }

    /// An overlay's condition runs on its own pack's copy of the partnership: rewriting the record
    /// there cannot make the pack it narrows label the partnership, nor change that pack's evidence.
    @Test(arguments: Backend.all)
    func anOverlayCannotChangeWhatTheNarrowedPackSees(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try addTeamPack("""
            local R = accord.rules
            return R.pack {
              name = "team", version = "1.0.0", requires = { demo = "^1.0" },
              overlays = {
                { rule = "demo.export", narrow = function(p)
                    p.form = "co_development"
                    p.territories[1] = "KR"
                    return true, "rewrote the record"
                  end },
              },
            }
            """, to: accord)
        let (labels, reasons) = try classified("dksh-hanmi-sea-export-2013", in: accord)
        #expect(labels == ["export"], "demo.rnd must not see the team's rewrite: \(reasons)")
        #expect(reasons["export"]?["evidence"] == "form is export_contract; rewrote the record")
        let explain = try accord.run("explain", "--format", "json", "dksh-hanmi-sea-export-2013", in: "ws")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(!explain.stdout.contains("form is co_development"), "\(explain.stdout)")
    }

    /// What a pack loads is what its digest covers: code in tests/, which the lock leaves out, cannot be required.
    @Test(arguments: Backend.all)
    func aPackCannotRequireCodeFromItsTestsFolder(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try accord.write("return { \"research\" }", to: "ws/Scripts/rules/demo/tests/words.lua")
        try accord.write(Self.pack.replacingOccurrences(of: "local R = accord.rules", with: "local R = accord.rules\nlocal words = require \"demo.tests.words\"")
            .replacingOccurrences(of: "R.mentions \"research\"", with: "R.mentions(table.unpack(words))"),
                         to: "ws/Scripts/rules/demo/init.lua")
        let check = try accord.run("rules", "check", in: "ws")
        #expect(check.status == 65, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("Scripts/rules/demo/init.lua:2: require: 'demo.tests.words' is in the pack's tests folder"),
                "\(check.stderr)")
        #expect(try accord.run("classify", in: "ws").status == 65)
    }

    /// A rule's evidence is cut, as a condition's text is: a rule cannot fill the database through it.
    @Test func evidenceIsCappedBeforeItIsSaved() throws {
        let accord = try workspace(on: .sqlite) // measured by the size of its file
        defer { accord.cleanUp() }
        try accord.write(Self.pack.replacingOccurrences(of: "when = any{ R.form_is \"co_development\", R.mentions \"research\" }",
                                                        with: "when = function(p) return true, string.rep(\"é\", 500000) end"),
                         to: "ws/Scripts/rules/demo/init.lua")
        let (_, reasons) = try classified("dksh-hanmi-sea-export-2013", in: accord)
        let evidence = try #require(reasons["rnd"]?["evidence"])
        #expect(evidence.utf8.count <= 240 && evidence.hasSuffix("...") && !evidence.contains("\u{FFFD}"), "\(evidence.utf8.count) bytes")
        let saved = try accord.run("classify", "--save", in: "ws")
        #expect(saved.status == 0, "\(saved.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: accord.folder.appendingPathComponent("ws/accord.db").path)[.size] as? Int ?? 0
        #expect(size < 4 << 20, "accord.db is \(size) bytes")
    }

    /// A stable rule without a test case: classify and explain say so and go on; what saves labels,
    /// `accord test` and `accord rules check` refuse it.
    @Test(arguments: Backend.all)
    func aStableRuleWithoutACaseIsAWarningUntilLabelsAreSaved(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try accord.write(Self.pack.replacingOccurrences(of: "rule { id = \"rnd\", label = \"rnd\",",
                                                        with: "rule { id = \"rnd\", label = \"rnd\", status = \"stable\","),
                         to: "ws/Scripts/rules/demo/init.lua")
        let warning = "Scripts/rules/demo/init.lua:10: warning: rule demo.rnd is stable but no test case expects it to fire"
        let classify = try accord.run("classify", in: "ws")
        #expect(classify.status == 0, "\(classify.stderr)")
        #expect(classify.stderr.contains(warning), "\(classify.stderr)")
        #expect(classify.stdout.contains("rnd "))
        let explain = try accord.run("explain", "abbvie-dong-a-st-mertk", in: "ws")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stderr.contains(warning), "\(explain.stderr)")
        #expect(explain.stdout.contains("demo.rnd"))
        let refusal = "Scripts/rules/demo/init.lua:10: rule demo.rnd is stable but no test case expects it to fire"
        for command in [["classify", "--save"], ["test"], ["rules", "check"]] {
            let refused = try accord.run(command, in: "ws")
            #expect(refused.status == 65, "\(command): \(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains(refusal), "\(command): \(refused.stderr)")
        }
    }

    /// A draft rule runs in classify and explain, marked as a draft, needs no test case, and is
    /// saved only with --include-drafts.
    @Test(arguments: Backend.all)
    func aDraftRuleIsShownMarkedAndSavedOnlyWhenIncluded(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try accord.write(Self.pack.replacingOccurrences(of: "  rules = {\n", with: """
                      rules = {
                        rule { id = "any-distribution", label = "export", status = "draft",
                               description = "Trying out: every distribution deal as export", when = R.form_is "distribution" },

                    """), to: "ws/Scripts/rules/demo/init.lua")
        #expect(try accord.run("rules", "check", in: "ws").status == 0, "a draft needs no test case")
        let tested = try accord.run("test", in: "ws")
        #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")
        #expect(!tested.stdout.contains("never exercised"), "\(tested.stdout)")

        let deal = "msd-samsung-bioepis-biosimilars"
        let json = try accord.run("classify", "--format", "json", deal, in: "ws")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["labels"] as? [String] == [], "a draft gives no label unless included: \(json.stdout)")
        let drafts = object["drafts"] as? [[String: String]] ?? []
        #expect(drafts.map { $0["rule"] } == ["demo.any-distribution"] && drafts.first?["label"] == "export", "\(json.stdout)")
        #expect(drafts.first?["evidence"] == "form is distribution")

        let summary = try accord.run("classify", in: "ws")
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("Draft rules that fired (not counted above; --include-drafts applies them):"), "\(summary.stdout)")
        #expect(summary.stdout.contains("demo.any-distribution"))

        let explain = try accord.run("explain", deal, in: "ws")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("labels: none\ndraft labels: export — given by draft rules; not saved without --include-drafts"),
                "\(explain.stdout)")
        #expect(explain.stdout.contains("✓ demo.any-distribution → export   (draft, priority 0, Scripts/rules/demo/init.lua:"))
        let explainJSON = try accord.run("explain", "--format", "json", deal, in: "ws")
        let explained = try JSONSerialization.jsonObject(with: Data(explainJSON.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(explained["draft_labels"] as? [String] == ["export"])
        let rule = (explained["rules"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "demo.any-distribution" }
        #expect(rule?["draft"] as? Bool == true && rule?["fired"] as? Bool == true)

        try accord.write("print(#accord.partnerships{ label = 'export' }, #accord.partnerships{ label = 'export', ids = { '\(deal)' } })",
                         to: "ws/count.lua")
        let saved = try accord.run("classify", "--save", in: "ws")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("draft rules were left out of the saved labels; --include-drafts saves them too"), "\(saved.stderr)")
        #expect(try accord.run("run", "count.lua", in: "ws").stdout == "2\t0\n", "as without the draft")

        let included = try accord.run("classify", "--save", "--include-drafts", in: "ws")
        #expect(included.status == 0, "\(included.stderr)")
        #expect(included.stdout.contains("demo.any-distribution ("), "\(included.stdout)")
        #expect(included.stdout.contains(", draft)"), "marked in the summary: \(included.stdout)")
        let counted = try accord.run("run", "count.lua", in: "ws").stdout.split(separator: "\t")
        #expect(counted.count == 2 && Int(counted[0]) ?? 0 > 2 && counted[1] == "1\n", "\(counted)")
    }

    /// What the system's tar writes on stdout, through a file.
    private static func tar(_ arguments: String...) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tar-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar"] + arguments
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// `accord rules pack`: checks and tests first, then one reproducible archive per version.
    @Test(arguments: Backend.all)
    func packingAPackWritesOneArchivePerVersion(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let version = try accord.run("--version")
        #expect(version.stdout == "0.9.0\n", "\(version.stdout)\(version.stderr)")
        try accord.write(Self.pack.replacingOccurrences(of: "description = \"A demo pack\",", with: """
            description = "A demo pack", accord = ">=0.9", license = "MIT", authors = { "Demo team" },
            """), to: "ws/Scripts/rules/demo/init.lua")

        let packed = try accord.run("rules", "pack", "demo", in: "ws")
        #expect(packed.status == 0, "\(packed.stdout)\(packed.stderr)")
        #expect(packed.stdout.hasPrefix("checked and tested demo 1.0.0 (2 cases passed)\nwrote dist/demo-1.0.0.tar.gz (sha256:"),
                "\(packed.stdout)")
        let archive = accord.folder.appendingPathComponent("ws/dist/demo-1.0.0.tar.gz")
        let listing = try Self.tar("-tzf", archive.path)
        #expect(listing == "accord-pack.yaml\ndemo/\ndemo/init.lua\ndemo/tests/\ndemo/tests/cases.yaml\n", "\(listing)")
        let manifest = try Self.tar("-xzOf", archive.path, "accord-pack.yaml")
        #expect(manifest.contains("\nname: demo\nversion: 1.0.0\ndescription: \"A demo pack\"\ndigest: sha256:"), "\(manifest)")
        #expect(manifest.hasSuffix("\naccord: \">=0.9\"\nlicense: MIT\nauthors:\n  - \"Demo team\"\n"), "\(manifest)")
        let bytes = try Data(contentsOf: archive)

        let again = try accord.run("rules", "pack", "demo", "--out", "other", in: "ws")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: accord.folder.appendingPathComponent("ws/other/demo-1.0.0.tar.gz")) == bytes, "the same bytes")
        let published = try accord.run("rules", "pack", "demo", in: "ws")
        #expect(published.status == 0)
        #expect(published.stdout == "dist/demo-1.0.0.tar.gz: demo 1.0.0 is already published, with the same content\n")

        try accord.write(Self.pack.replacingOccurrences(of: "priority = 10", with: "priority = 11"), to: "ws/Scripts/rules/demo/init.lua")
        let changed = try accord.run("rules", "pack", "demo", in: "ws")
        #expect(changed.status == 65)
        #expect(changed.stderr.contains("demo 1.0.0 is already published with other content: sha256:"), "\(changed.stderr)")
        #expect(changed.stderr.contains(" published, sha256:") && changed.stderr.contains(" now; raise the pack's version"))
        #expect(try Data(contentsOf: archive) == bytes)

        try accord.write(Self.cases.replacingOccurrences(of: "labels: [rnd]", with: "labels: [export]"),
                         to: "ws/Scripts/rules/demo/tests/cases.yaml")
        let failing = try accord.run("rules", "pack", "demo", "--out", "failing", in: "ws")
        #expect(failing.status == 65)
        #expect(failing.stderr.contains("case abbvie-dong-a-st-mertk fails: labels: expected [export], got [rnd]"), "\(failing.stderr)")
        #expect(failing.stderr.contains("pack demo 1.0.0 was not published: fix the problems above"))
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/failing").path))

        try accord.write(Self.pack.replacingOccurrences(of: "description = \"A demo pack\",", with: "accord = \">=1.0\","),
                         to: "ws/Scripts/rules/demo/init.lua")
        let future = try accord.run("classify", in: "ws")
        #expect(future.status == 65)
        #expect(future.stderr.contains("Scripts/rules/demo/init.lua:3: pack demo needs accord >=1.0, but this is accord 0.9.0"),
                "\(future.stderr)")
    }

    /// Explain on the sample data: a rule narrowed by an overlay is a near miss only when a part of
    /// the rule itself held, not because the overlay's condition did.
    @Test(arguments: Backend.all)
    func explainCountsNoNarrowedRuleAsANearMissOnAnUnrelatedRecord(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try accord.write("""
            local R = accord.rules
            return R.pack {
              name = "team", version = "1.0.0", requires = { standard = "^1.0" },
              overlays = { { rule = "standard.export-by-form", narrow = R.territory_in "KR", reason = "exports from Korea" } },
            }
            """, to: "ws/Scripts/rules/team/init.lua")
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config.replacingOccurrences(of: "  standard: ^1.0\n", with: "  standard: ^1.0\n  team: \"*\"\n"), to: "ws/accord.yaml")
        let explain = try accord.run("explain", "khidi-roche-open-innovation-center", in: "ws")
        #expect(explain.status == 0, "\(explain.stderr)")
        let nearMisses = explain.stdout.components(separatedBy: "Near misses:").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
        #expect(!nearMisses.contains("standard.export-by-form"), "\(explain.stdout)")
        #expect(explain.stdout.contains("No condition held for: ") && explain.stdout.contains("standard.export-by-form"))
        let json = try accord.run("explain", "--format", "json", "khidi-roche-open-innovation-center", in: "ws")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        let rule = (object["rules"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "standard.export-by-form" }
        #expect(rule?["near_miss"] as? Bool == false)
        // Where the rule itself held and the overlay kept it from firing, it is a near miss.
        let held = try accord.run("explain", "dksh-hanmi-sea-export-2013", in: "ws")
        #expect(held.stdout.contains("Near misses:") && held.stdout.contains("standard.export-by-form"), "\(held.stdout)")
    }
}
