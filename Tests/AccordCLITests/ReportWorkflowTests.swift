import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the standard reports on the sample workspace, through the binary.
///
/// Golden files live in `Golden/<report>/`; regenerate them after a deliberate
/// change with `ACCORD_UPDATE_GOLDEN=1 swift test --filter ReportWorkflowTests`.
@Suite(.serialized) struct ReportWorkflowTests {
    /// A sample workspace whose partnerships are classified and saved.
    private func sample() throws -> AccordProcess {
        let accord = try AccordProcess()
        let created = try accord.run("init", "--sample", "ws")
        #expect(created.status == 0, "\(created.stderr)")
        let classified = try accord.run("classify", "--save", in: "ws")
        #expect(classified.status == 0, "\(classified.stderr)")
        return accord
    }

    private func files(in folder: URL) throws -> [String: Data] {
        let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        var out: [String: Data] = [:]
        for name in names.sorted() {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                out[name] = try Data(contentsOf: url)
            }
        }
        return out
    }

    /// The text with classification run ids (which hold the time of the run) replaced by `RUN-ID`.
    static func withoutRunIDs(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        let id = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-[0-9a-f]+/
        return Data(text.replacing(id, with: "RUN-ID").utf8)
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: [
        ["quarterly", "--period", "2019-Q2"],
        ["yearly", "--period", "2019"],
        ["organization", "--period", "2019", "--param", "org=khidi"],
    ])
    func standardReportsMatchTheirGoldenFiles(_ arguments: [String]) throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let out = accord.folder.appendingPathComponent("out")
        let result = try accord.run(["report"] + arguments + ["--as-of", "2026-01-01", "--out", out.path], in: "ws")
        #expect(result.status == 0, "\(result.stderr)")
        var rendered = try files(in: out).mapValues(Self.withoutRunIDs)
        rendered["manifest.json"] = nil // holds the time it was made
        let golden = Self.golden.appendingPathComponent(arguments[0])
        if ProcessInfo.processInfo.environment["ACCORD_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            for (name, data) in rendered {
                let url = golden.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = try files(in: golden)
        #expect(rendered.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = rendered[name], actual != data else { continue }
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let e = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("\(arguments[0])/\(name) differs from its golden file at line \(line + 1)")
        }
    }

    @Test func aReportInEveryFormatIsRepeatableAndMatchesClassify() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let first = try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "html,md,csv,json", in: "ws")
        #expect(first.status == 0, "\(first.stderr)")
        let folder = accord.folder.appendingPathComponent("ws/Reports/quarterly/2019-Q2")
        let written = try files(in: folder)
        for name in ["report.html", "report.md", "report.json", "by-purpose.csv", "by-form.csv", "charts/by-form-chart.svg", "manifest.json"] {
            #expect(written[name] != nil, "\(name)")
        }
        #expect(first.stdout.contains("Reports/quarterly/2019-Q2/report.html\n"))

        // The JSON parses, and its purposes agree with `accord classify` on the same partnerships.
        let report = try JSONSerialization.jsonObject(with: written["report.json"]!) as! [String: Any]
        let blocks = report["blocks"] as! [[String: Any]]
        let byPurpose = blocks.first { $0["id"] as? String == "by-purpose" }!
        var counts: [String: Int] = [:]
        for row in byPurpose["rows"] as! [[[String: Any]]] {
            counts[row[0]["key"] as! String] = (row[1]["number"] as! NSNumber).intValue
        }
        let classify = try accord.run("classify", "--period", "2019-Q2", "--format", "json", in: "ws")
        var expected: [String: Int] = [:]
        for line in classify.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for label in object["labels"] as! [String] { expected[label, default: 0] += 1 }
        }
        #expect(counts == expected)
        #expect(!counts.isEmpty)

        let manifest = try JSONSerialization.jsonObject(with: written["manifest.json"]!) as! [String: Any]
        #expect((manifest["period"] as! [String: String])["start"] == "2019-04-01")
        #expect(manifest["timeZone"] as? String == "UTC")
        #expect((manifest["scriptDigest"] as! String).hasPrefix("sha256:"))
        let classification = try #require(manifest["classification"] as? [String: Any])
        #expect((classification["packs"] as? [[String: String]])?.map { $0["name"]! + " " + $0["version"]! } == ["standard 1.0.0"])
        #expect(manifest["partnerships"] as? Int == 2)

        let again = try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "html,md,csv,json", in: "ws")
        #expect(again.status == 0)
        var second = try files(in: folder)
        var firstFiles = written
        firstFiles["manifest.json"] = nil
        second["manifest.json"] = nil
        #expect(firstFiles == second)

        // The digest covers the modules a script loads, not the script alone.
        let digest = manifest["scriptDigest"] as! String
        #expect((manifest["modules"] as? [String]) == nil)
        let helper = try accord.read("ws/Scripts/reports/lib/summary.lua")
        try accord.write(helper + "\n-- edited\n", to: "ws/Scripts/reports/lib/summary.lua")
        #expect(try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "json", in: "ws").status == 0)
        let edited = try JSONSerialization.jsonObject(with: Data(try accord.read("ws/Reports/quarterly/2019-Q2/manifest.json").utf8)) as! [String: Any]
        #expect(edited["scriptDigest"] as! String != digest)
        let source = (try JSONSerialization.jsonObject(with: Data(try accord.read("ws/Reports/quarterly/2019-Q2/report.json").utf8)) as! [String: Any])["source"] as! [String: Any]
        #expect(source["modules"] as? [String] == ["Scripts/reports/lib/summary.lua"])
    }

    /// A quarter of thousands of partnerships lists the most recent 200 and says so.
    @Test func aLongListKeepsTheMostRecent() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        var csv = "id,title,form,signed,parties,sources\n"
        for i in 1...205 {
            csv += "bulk-\(i),Bulk deal \(i),mou,2024-\(i % 2 == 0 ? "11" : "12")-\(String(format: "%02d", i % 28 + 1)),khidi:signatory,krpia-open-innovation\n"
        }
        try accord.write(csv, to: "ws/bulk.csv")
        let imported = try accord.run("import", "bulk.csv", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")
        let made = try accord.run("report", "quarterly", "--period", "2024-Q4", "--format", "json", "--out", "q", in: "ws")
        #expect(made.status == 0, "\(made.stderr)")
        let json = try accord.read("ws/q/report.json")
        #expect(json.contains("The 200 most recent of 207 partnerships are listed"), "205 new and 2 of the sample's")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let blocks = try #require(document["blocks"] as? [[String: Any]])
        let list = try #require(blocks.first { $0["type"] as? String == "partnerships" })
        #expect((list["items"] as? [Any])?.count == 200)
    }

    @Test func aFailingScriptLeavesEarlierOutputIntact() throws {
        let accord = try sample()
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
        #expect(leftovers == ["2019"])
    }

    @Test func outRefusesAFolderThatIsNotAReportsAndCrashLeftoversAreRecovered() throws {
        let accord = try sample()
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
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path) == ["2019"])
    }

    @Test func badRequestsAreUsageErrors() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let grain = try accord.run("report", "quarterly", "--period", "2019", in: "ws")
        #expect(grain.status == 64)
        #expect(grain.stderr == "accord: report quarterly covers a quarter at a time; 2019 is a year\n")
        let param = try accord.run("report", "organization", "--period", "2019", "--param", "orgg=khidi", in: "ws")
        #expect(param.status == 64)
        #expect(param.stderr == "accord: report organization has no parameter 'orgg' (it takes org) (did you mean 'org'?)\n")
        let missing = try accord.run("report", "organization", "--period", "2019", in: "ws")
        #expect(missing.stderr == "accord: report organization needs --param org=… (The organization: its id, name or alias)\n")
        let format = try accord.run("report", "yearly", "--format", "pdf", in: "ws")
        #expect(format.stderr.hasPrefix("accord: unknown format 'pdf'"))
        let unknown = try accord.run("report", "yaerly", in: "ws")
        #expect(unknown.stderr == "accord: no report 'yaerly' in Scripts/reports (did you mean 'yearly'?); the reports are organization, quarterly, yearly\n")
        let list = try accord.run("report", "list", in: "ws")
        #expect(list.stdout.contains("quarterly     quarter              Scripts/reports/quarterly.lua     Quarterly partnership overview"))
    }

    @Test func emptyPeriodsCanBeSkippedAndFiscalQuartersWork() throws {
        let accord = try sample()
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
        let json = try accord.read("ws/Reports/count/FY2020-Q1/report.json")
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(report["period"] as? [String: String] == ["label": "FY2020-Q1", "grain": "quarter", "start": "2019-04-01",
                                                         "finish": "2019-06-30", "previous": "FY2019-Q4", "yearBefore": "FY2019-Q1"])
    }

    /// The HTML opens in a real browser without console errors; skipped when
    /// Chromium is not installed.
    @Test func theHTMLRendersInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let accord = try sample()
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
