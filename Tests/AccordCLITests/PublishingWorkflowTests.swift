import AccordTestSupport
import Foundation
import Testing

/// End-to-end: PDF through the real engine, the folder that keeps every format, and the index
/// pages, through the binary on the sample workspace.
@Suite(.serialized) struct PublishingWorkflowTests {
    private func sample() throws -> AccordProcess {
        let accord = try AccordProcess()
        try accord.initSample("ws")
        return accord
    }

    @Test("The yearly report prints to a paginated PDF that pdfinfo and pdftotext read back")
    func theYearlyReportPrintsToAPaginatedPDF() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let made = try accord.run("report", "yearly", "--period", "2019", "--format", "pdf,html", "--as-of", "2026-01-01", in: "ws")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Reports/yearly/2019/report.pdf"))
        let pdf = accord.folder.appendingPathComponent("ws/Reports/yearly/2019/report.pdf").path
        let info = try Tool.run("/usr/bin/pdfinfo", [pdf])
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(pages >= 2)
        #expect(info.contains("(A4)"))
        #expect(info.contains("CreationDate:") && info.contains("2026"), "dated the as-of day: \(info)")
        let second = try Tool.run("/usr/bin/pdftotext", ["-f", "2", "-l", "2", pdf, "-"])
        #expect(second.contains("Yearly partnership review · 2019"), "the running header")
        #expect(second.contains("2 / \(pages)") || second.contains("2/\(pages)"), "the page number: \(second)")
    }

    @Test("Without Chromium, PDF exits 78 saying what to install, and the other formats still render")
    func withoutChromiumPDFSaysWhatToInstall() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let bare = ["PATH": accord.folder.appendingPathComponent("empty").path]
        let refused = try accord.run(["report", "yearly", "--period", "2019", "--format", "pdf"], in: "ws", environment: bare)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("install Chromium"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/yearly/2019").path))
        let html = try accord.run(["report", "yearly", "--period", "2019", "--format", "html"], in: "ws", environment: bare)
        #expect(html.status == 0, "\(html.stderr)")
        // Asked for with another format, that one is written, and the command still says what to install.
        let both = try accord.run(["report", "yearly", "--period", "2019", "--format", "md,pdf"], in: "ws", environment: bare)
        #expect(both.status == 78)
        #expect(both.stdout.contains("Reports/yearly/2019/report.md"), "\(both.stdout)")
        #expect(both.stderr.contains("the other formats were written, not pdf: no PDF engine: install Chromium"), "\(both.stderr)")
    }

    @Test("Rendering HTML again keeps the Markdown and CSV rendered before it")
    func renderingOneFormatKeepsTheOthers() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "md,csv", in: "ws").status == 0)
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "html", in: "ws").status == 0)
        let folder = accord.folder.appendingPathComponent("ws/Reports/yearly/2019")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.contains("report.md") && names.contains("report.html") && names.contains("by-purpose.csv"))
    }

    @Test("The index links every rendered period, newest first, and each page links its neighbours")
    func theIndexLinksEveryRenderedPeriod() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        for period in ["2019", "2020"] {
            #expect(try accord.run("report", "yearly", "--period", period, "--format", "html", in: "ws").status == 0)
        }
        #expect(try accord.run("report", "quarterly", "--period", "2019-Q2", "--format", "html,pdf", in: "ws").status == 0)
        let reports = accord.folder.appendingPathComponent("ws/Reports")
        let index = try String(contentsOf: reports.appendingPathComponent("index.html"), encoding: .utf8)
        for link in ["yearly/2020/report.html", "yearly/2019/report.html", "quarterly/2019-Q2/report.html", "quarterly/2019-Q2/report.pdf",
                     "yearly/index.html", "quarterly/index.html"] {
            #expect(index.contains("href=\"\(link)\""), "no link to \(link)")
        }
        #expect(try #require(index.range(of: "yearly/2020/")).lowerBound < #require(index.range(of: "yearly/2019/")).lowerBound)
        #expect(!index.lowercased().contains("<script"))
        let yearly = try String(contentsOf: reports.appendingPathComponent("yearly/index.html"), encoding: .utf8)
        #expect(yearly.contains("href=\"2019/report.html\"") && yearly.contains("href=\"2020/report.html\""))
        let page = try String(contentsOf: reports.appendingPathComponent("yearly/2020/report.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"../2019/report.html\" rel=\"prev\">← 2019</a>"))
        #expect(page.contains("<a href=\"../2021/report.html\" rel=\"next\">2021 →</a>"))
        #expect(page.contains("<a href=\"../../index.html\">All reports</a>"))
        // The year after 2025 has not ended on 2026-01-01: no link to it yet.
        #expect(try accord.run("report", "yearly", "--period", "2025", "--format", "html", "--as-of", "2026-01-01", in: "ws").status == 0)
        let last = try String(contentsOf: reports.appendingPathComponent("yearly/2025/report.html"), encoding: .utf8)
        #expect(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
        // The quarterly report starts at 2019-Q1: its first page has no period before it.
        #expect(try accord.run("report", "quarterly", "--period", "2019-Q1", "--format", "html", in: "ws").status == 0)
        let first = try String(contentsOf: reports.appendingPathComponent("quarterly/2019-Q1/report.html"), encoding: .utf8)
        #expect(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""))
    }
}

/// Runs a system tool and returns what it printed.
enum Tool {
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: output, encoding: .utf8)
    }
}
