import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the standard reports on the sample workspace, through the binary: what is printed,
/// exit codes, and the folder a report is written to. What reports hold is tested in-process
/// (`AccordUseCaseTests`), their golden files among it.
@Suite(.serialized) struct ReportWorkflowTests {
    /// A sample workspace whose partnerships are classified and saved.
    private func sample(on backend: Backend) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        try accord.initSample("ws")
        let classified = try accord.run("classify", "--save", in: "ws")
        #expect(classified.status == 0, "\(classified.stderr)")
        return accord
    }

    @Test(arguments: Backend.all)
    func aFailingScriptLeavesEarlierOutputIntact(on backend: Backend) throws {
        let accord = try sample(on: backend)
        defer { accord.cleanUp() }
        #expect(try accord.run("report", "yearly", "--period", "2019", in: "ws").status == 0)
        let folder = accord.folder.appendingPathComponent("ws/Reports/yearly/2019")
        let before = try files(in: folder)
        let script = try accord.read("ws/Scripts/reports/yearly.lua")
        try accord.write(script.replacingOccurrences(of: "r:heading(\"The partnerships\")", with: "r:heading(\"The partnerships\")\nlocal x = nil + 1"),
                         to: "ws/Scripts/reports/yearly.lua")
        let failed = try accord.run("report", "yearly", "--period", "2019", in: "ws")
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("Scripts/reports/yearly.lua:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("attempt to perform arithmetic on a nil value"))
        #expect(try files(in: folder) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(leftovers.sorted() == ["2019", "index.html"])
    }

    @Test func aReportWrittenElsewhereNeedsNoOutputFolderAndMakesNone() throws {
        let accord = try sample(on: .sqlite)
        defer { accord.cleanUp() }
        let reports = accord.folder.appendingPathComponent("ws/Reports")
        try FileManager.default.removeItem(at: reports)
        let made = try accord.run("report", "yearly", "--period", "2019", "--format", "json", "--out", "../elsewhere", in: "ws")
        #expect(made.status == 0)
        #expect(made.stderr.isEmpty, "\(made.stderr)")
        #expect(made.stdout.hasSuffix("/elsewhere/report.json\n"), "\(made.stdout)")
        #expect(!FileManager.default.fileExists(atPath: reports.path))
    }

    @Test(arguments: Backend.all)
    func outRefusesAFolderThatIsNotAReportsAndCrashLeftoversAreRecovered(on backend: Backend) throws {
        let accord = try sample(on: backend)
        defer { accord.cleanUp() }
        try accord.write("precious", to: "victim/keep.txt")
        let refused = try accord.run("report", "yearly", "--period", "2019", "--out", "../victim", in: "ws")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("it holds files but no manifest.json, so it is not a report's folder"))
        #expect(try accord.read("victim/keep.txt") == "precious")

        // A crash between the two renames leaves the earlier output aside: the next run puts it right.
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "json", in: "ws").status == 0)
        let reports = accord.folder.appendingPathComponent("ws/Reports/yearly")
        try FileManager.default.moveItem(at: reports.appendingPathComponent("2019"), to: reports.appendingPathComponent(".2019.old-dead"))
        try FileManager.default.createDirectory(at: reports.appendingPathComponent(".2019.new-dead"), withIntermediateDirectories: true)
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "json", in: "ws").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path).sorted() == ["2019", "index.html"])
    }

    @Test(arguments: Backend.all)
    func badRequestsAreUsageErrors(on backend: Backend) throws {
        let accord = try sample(on: backend)
        defer { accord.cleanUp() }
        let grain = try accord.run("report", "quarterly", "--period", "2019", in: "ws")
        #expect(grain.status == 64)
        #expect(grain.stderr == "accord: report quarterly covers a quarter at a time; 2019 is a year\n")
        let param = try accord.run("report", "organization", "--period", "2019", "--param", "orgg=khidi", in: "ws")
        #expect(param.status == 64)
        #expect(param.stderr == "accord: report organization has no parameter 'orgg' (it takes org) (did you mean 'org'?)\n")
        let missing = try accord.run("report", "organization", "--period", "2019", in: "ws")
        #expect(missing.stderr == "accord: report organization needs --param org=… (The organization: its id, name or alias)\n")
        let format = try accord.run("report", "yearly", "--format", "docx", in: "ws")
        #expect(format.status == 64)
        #expect(format.stderr.hasPrefix("accord: unknown format 'docx': use html, md, csv, json, xlsx or pdf"))
        let unknown = try accord.run("report", "yaerly", in: "ws")
        #expect(unknown.stderr == "accord: no report 'yaerly' in Scripts/reports (did you mean 'yearly'?); the reports are organization, quarterly, yearly\n")
        let list = try accord.run("report", "list", in: "ws")
        #expect(list.stdout.contains("quarterly     quarter              Scripts/reports/quarterly.lua     Quarterly partnership overview"))
    }

    @Test(arguments: Backend.all)
    func emptyPeriodsCanBeSkippedAndFiscalQuartersWork(on backend: Backend) throws {
        let accord = try sample(on: backend)
        defer { accord.cleanUp() }
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config.replacingOccurrences(of: "fiscal_year_start: 1 ", with: "fiscal_year_start: 4 "), to: "ws/accord.yaml")
        try accord.write("""
            return accord.report { title = "Count", grain = "quarter", skip_if_empty = true, formats = { "json" },
              build = function(r, period)
                r:figures{ { label = "Partnerships", value = function(p) return accord.partnerships{ period = p } end } }
              end }
            """, to: "ws/Scripts/reports/count.lua")
        let skipped = try accord.run("report", "count", "--period", "FY2031-Q1", in: "ws")
        #expect(skipped.status == 0)
        #expect(skipped.stderr == "skipped count for FY2031-Q1: no partnerships are filed in it\n")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/count").path))

        let fiscal = try accord.run("report", "count", "--period", "FY2020-Q1", in: "ws")
        #expect(fiscal.status == 0, "\(fiscal.stderr)")
        #expect(fiscal.stdout == "Reports/count/FY2020-Q1/manifest.json\nReports/count/FY2020-Q1/report.json\n")
        let unchanged = try accord.run("report", "count", "--period", "FY2020-Q1", "--if-changed", in: "ws")
        #expect(unchanged.status == 0 && unchanged.stdout.isEmpty)
        #expect(unchanged.stderr == "unchanged count for FY2020-Q1: Reports/count/FY2020-Q1\n")
        let json = try accord.read("ws/Reports/count/FY2020-Q1/report.json")
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(report["period"] as? [String: String] == ["label": "FY2020-Q1", "grain": "quarter", "start": "2019-04-01",
                                                         "finish": "2019-06-30", "previous": "FY2019-Q4", "yearBefore": "FY2019-Q1"])
    }

    /// The HTML opens in a real browser without console errors; skipped when
    /// Chromium is not installed.
    @Test(arguments: Backend.all)
    func theHTMLRendersInHeadlessChromium(on backend: Backend) throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let accord = try sample(on: backend)
        defer { accord.cleanUp() }
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "html", in: "ws").status == 0)
        let html = accord.folder.appendingPathComponent("ws/Reports/yearly/2019/report.html")
        let png = accord.folder.appendingPathComponent("yearly.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--enable-logging=stderr",
                             "--v=0", "--user-data-dir=" + accord.folder.appendingPathComponent("chromium").path,
                             "--screenshot=" + png.path, "--window-size=1200,3000", html.absoluteString]
        let logURL = accord.folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: logURL)
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try err.close()
        let log = try String(contentsOf: logURL, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(log)")
        let image = try Data(contentsOf: png)
        #expect(image.count > 20_000)
        #expect(image.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
    }
}
