import AccordTestSupport
import Foundation
import Testing

/// End-to-end: reports read labels that describe the data, and say which classification gave them.
@Suite(.serialized) struct ReportLabelsWorkflowTests {
    /// A sample workspace, classified and saved unless asked otherwise.
    private func sample(classified: Bool = true) throws -> AccordProcess {
        let accord = try AccordProcess()
        let created = try accord.run("init", "--sample", "ws")
        #expect(created.status == 0, "\(created.stderr)")
        if classified {
            let saved = try accord.run("classify", "--save", in: "ws")
            #expect(saved.status == 0, "\(saved.stderr)")
        }
        return accord
    }

    /// An export contract signed in 2019-Q2: the standard pack labels it `export`.
    static let exportDeal = """
        id,title,form,signed,parties,sources
        new-export-2019,Hanmi exports to Vietnam,export_contract,2019-05-20,hanmi:exporter,krpia-open-innovation

        """

    /// Applies a second pack, `team`, whose `init.lua` is `source`.
    private func applyTeamPack(_ accord: AccordProcess, _ source: String = Self.teamPack) throws {
        try accord.write(source, to: "ws/Scripts/rules/team/init.lua")
        let config = try accord.read("ws/accord.yaml")
        guard !config.contains("\n  team: ") else { return }
        let applied = config.replacingOccurrences(of: "\n  standard: ^1.0", with: "\n  standard: ^1.0\n  team: ^0.3")
        #expect(applied != config, "accord.yaml applies standard: ^1.0")
        try accord.write(applied, to: "ws/accord.yaml")
    }

    static let teamPack = """
        local R = accord.rules
        return R.pack { name = "team", version = "0.3.1", labels = { agreement = "A memorandum or letter of intent" },
          rules = { R.rule { id = "agreement", label = "agreement", when = R.form_is("mou", "loi") } } }
        """

    private func json(_ accord: AccordProcess, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try accord.read(path).utf8)) as! [String: Any]
    }

    /// Rows of a table of a report.json, by their first cell.
    private func counts(_ report: [String: Any], table: String) -> [String: Int] {
        let blocks = report["blocks"] as! [[String: Any]]
        let byPurpose = blocks.first { $0["id"] as? String == table }!
        var counts: [String: Int] = [:]
        for row in byPurpose["rows"] as! [[[String: Any]]] {
            counts[(row[0]["key"] ?? row[0]["text"]) as! String] = (row[1]["number"] as! NSNumber).intValue
        }
        return counts
    }

    @Test func aReportClassifiesWhatAnImportAddedBeforeItCountsPurposes() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let before = try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "json", "--out", "before", in: "ws")
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stderr.isEmpty, "nothing changed since classify --save")
        let exports = counts(try json(accord, "ws/before/report.json"), table: "by-purpose")["export"] ?? 0

        try accord.write(Self.exportDeal, to: "ws/new.csv")
        #expect(try accord.run("import", "new.csv", in: "ws").status == 0)
        let after = try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "json,md", "--out", "after", in: "ws")
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stderr.hasPrefix("classified 1 partnership new or changed since the last classification (run "), "\(after.stderr)")
        let report = try json(accord, "ws/after/report.json")
        #expect(counts(report, table: "by-purpose")["export"] == exports + 1)

        // The document, the manifest and the footer say which classification the labels came from.
        let source = report["source"] as! [String: Any]
        let classification = source["classification"] as! [String: Any]
        let runs = classification["runs"] as! [String]
        #expect(runs.count == 2, "the sample's run and the one that classified the new deal")
        #expect(after.stderr.contains("(run \(runs[0]))"))
        let packs = classification["packs"] as! [[String: String]]
        #expect(packs.map { $0["name"]! + " " + $0["version"]! } == ["standard 1.0.0"])
        #expect(packs.allSatisfy { $0["digest"]!.hasPrefix("sha256:") })
        #expect(classification["partnerships"] as? Int == 3)
        let unlabelled = classification["unlabelled"] as! Int
        let manifest = try json(accord, "ws/after/manifest.json")
        #expect((manifest["classification"] as? NSDictionary) == (classification as NSDictionary))
        let markdown = try accord.read("ws/after/report.md")
        #expect(markdown.contains("*Purposes from classification run \(runs[0]) by standard 1.0.0 (and 1 earlier run with the same packs); "
            + "partnerships filed in 2019-Q2 without a purpose: \(unlabelled) of 3.*\n"), "\(markdown)")

        // Made again, nothing is classified and the output is the same.
        let again = try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "json,md", "--out", "after", in: "ws")
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(try accord.read("ws/after/report.md") == markdown)
    }

    @Test func aWorkspaceNeverClassifiedOrWhosePacksChangedIsClassifiedWhole() throws {
        let accord = try sample(classified: false)
        defer { accord.cleanUp() }
        let first = try accord.run("report", "yearly", "--period", "2019", "--format", "json", in: "ws")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix("classified 80 partnerships new or changed"), "\(first.stderr)")
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "json", in: "ws").stderr.isEmpty)

        // Another pack applied, then that pack edited: each time every partnership is classified again.
        for edit in ["", "\n-- a comment changes the pack's digest\n"] {
            try applyTeamPack(accord, Self.teamPack + edit)
            let changed = try accord.run("report", "yearly", "--period", "2019", "--format", "json", in: "ws")
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect(changed.stderr.hasPrefix("classified 80 partnerships"), "\(changed.stderr)")
            let source = try json(accord, "ws/Reports/yearly/2019/report.json")["source"] as! [String: Any]
            let classification = source["classification"] as! [String: Any]
            #expect((classification["runs"] as! [String]).count == 1, "every label now comes from the new run")
            #expect((classification["packs"] as! [[String: String]]).map { $0["name"]! + " " + $0["version"]! } == ["standard 1.0.0", "team 0.3.1"])
        }
    }

    /// A schedule that makes the quarterly report of 2019-Q2 due on 2019-07-04.
    static let schedule = """
        schedule:
          reports:
            - report: quarterly
              due: 3d 06:00
              start: 2019-Q2
              formats: [json]

        """

    @Test func runDueClassifiesWhatChangedAndAReportThatCannotBringLabelsUpToDateFails() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        try accord.write(try accord.read("ws/accord.yaml") + Self.schedule, to: "ws/accord.yaml")
        try accord.write(Self.exportDeal, to: "ws/new.csv")
        #expect(try accord.run("import", "new.csv", in: "ws").status == 0)
        let due = try accord.run("run-due", "--now", "2019-07-10T07:00", in: "ws")
        #expect(due.status == 0 && due.stdout.isEmpty && due.stderr.isEmpty, "\(due.stdout)\(due.stderr)")
        let report = try json(accord, "ws/Reports/quarterly/2019-Q2/report.json")
        let listed = ((report["blocks"] as! [[String: Any]]).first { $0["type"] as? String == "partnerships" }!["items"] as! [[String: Any]])
        #expect(listed.first { $0["id"] as? String == "new-export-2019" }?["labels"] as? [String] == ["export"])

        // A pack that does not load: the report is not made (65), and run-due records the failure.
        try applyTeamPack(accord, Self.teamPack.replacingOccurrences(of: "local R = accord.rules", with: "local R = accord.rules +"))
        try accord.write(Self.exportDeal.replacingOccurrences(of: "Vietnam", with: "Thailand"), to: "ws/new.csv")
        #expect(try accord.run("import", "new.csv", in: "ws").status == 0)
        let broken = try accord.run("report", "quarterly", "--period", "2019-Q2", "--out", "broken", in: "ws")
        #expect(broken.status == 65)
        #expect(broken.stderr.hasPrefix("accord: the saved labels could not be brought up to date, so no report was made: "
            + "Scripts/rules/team/init.lua:"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/broken").path))
        let failed = try accord.run("backfill", "quarterly", "--from", "2019-Q2", "--to", "2019-Q2", "--reprocess", "all", in: "ws")
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("accord: quarterly 2019-Q2 failed: the saved labels could not be brought up to date"), "\(failed.stderr)")
        let history = try accord.run("history", "--format", "json", in: "ws")
        #expect(history.stdout.split(separator: "\n").first?.contains("\"status\":\"failed\"") == true, "\(history.stdout)")

        // A rule that fails on a partnership: exit 1, naming it.
        try applyTeamPack(accord, """
            local R = accord.rules
            return R.pack { name = "team", version = "0.3.1", labels = { export = "Export" },
              rules = { R.rule { id = "fails", label = "export",
                                 when = R.condition("fails", function(p) error("cannot read " .. p.id) end) } } }
            """)
        let failing = try accord.run("report", "quarterly", "--period", "2019-Q2", "--out", "broken", in: "ws")
        #expect(failing.status == 1)
        #expect(failing.stderr.hasPrefix("accord: the saved labels could not be brought up to date, so no report was made: "), "\(failing.stderr)")
        #expect(failing.stderr.contains("cannot read "), "\(failing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/broken").path))
    }
}
