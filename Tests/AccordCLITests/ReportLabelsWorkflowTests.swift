import AccordTestSupport
import Foundation
import Testing

/// End-to-end: scheduled reports bring the labels up to date, and a report whose labels cannot be
/// is not made. How reports classify what changed is tested in-process (`ReportProducerTests`).
@Suite(.serialized) struct ReportLabelsWorkflowTests {
    /// A sample workspace, classified and saved.
    private func sample(on backend: Backend) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        try accord.initSample("ws")
        let saved = try accord.run("classify", "--save", in: "ws")
        #expect(saved.status == 0, "\(saved.stderr)")
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

    /// A schedule that makes the quarterly report of 2019-Q2 due on 2019-07-04.
    static let schedule = """
        schedule:
          reports:
            - report: quarterly
              due: 3d 06:00
              start: 2019-Q2
              formats: [json]

        """

    @Test(arguments: Backend.all)
    func runDueClassifiesWhatChangedAndAReportThatCannotBringLabelsUpToDateFails(on backend: Backend) throws {
        let accord = try sample(on: backend)
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
