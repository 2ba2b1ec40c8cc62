@testable import AccordPublishing
import AccordReports
import Foundation
import Testing

/// The index pages of a workspace's output folder, made from the manifests of its report folders.
@Suite struct ReportIndexTests {
    private let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-index-\(UUID().uuidString)")

    private func folder(_ report: String, _ label: String, start: String, files: [String], title: String = "Yearly review",
                        figures: [IndexFigure] = []) throws {
        let folder = output.appendingPathComponent(report).appendingPathComponent(label)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let manifest = ReportManifest(
            report: report, title: title,
            period: ReportPeriod(label: label, grain: "year", start: start, finish: start, previous: "", yearBefore: ""),
            asOf: "2026-01-01", timeZone: "UTC", parameters: [:], script: "x.lua", scriptDigest: "sha256:0", classification: nil,
            rows: [:], partnerships: 0, files: files.map { .init(name: $0, bytes: 1, digest: "sha256:0") }, contentDigest: "sha256:0",
            generated: "2026-01-02T03:04:05Z", seconds: 0, figures: figures)
        try manifest.json().write(to: folder.appendingPathComponent("manifest.json"))
    }

    @Test("Every report and period is listed with links, newest first, with its key figures")
    func everyPeriodIsListedNewestFirst() throws {
        defer { try? FileManager.default.removeItem(at: output) }
        try folder("yearly", "2019", start: "2019-01-01", files: ["report.html", "report.pdf", "by-label.csv"],
                   figures: [IndexFigure(label: "New partnerships", value: 8, previous: 2)])
        try folder("yearly", "2020", start: "2020-01-01", files: ["report.md"])
        try folder("quarterly", "2019-Q4", start: "2019-10-01", files: ["report.html"], title: "Quarterly overview")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("notes/drafts"), withIntermediateDirectories: true)
        let written = try ReportIndexWriter.update(output: output, workspace: "Sample <partnerships>")
        #expect(written.map(\.lastPathComponent) == ["index.html", "index.html", "index.html"])
        let all = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(all.contains("Sample &lt;partnerships&gt;"))
        #expect(all.contains("<a href=\"quarterly/2019-Q4/report.html\">2019-Q4</a>"))
        #expect(all.contains("<a href=\"yearly/2019/report.pdf\">PDF</a>"))
        #expect(all.contains("<a href=\"yearly/2019/by-label.csv\">by-label</a>"))
        #expect(all.contains("New partnerships: <b>8</b>"))
        // 2020 has no page of its own, so its label is not a link; the Markdown is.
        #expect(all.contains("<td>2020</td>") && all.contains("<a href=\"yearly/2020/report.md\">Markdown</a>"))
        let newer = try #require(all.range(of: "yearly/2020/")), older = try #require(all.range(of: "yearly/2019/"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(!all.contains("notes"), "a folder without report folders is not a report")
        #expect(!all.lowercased().contains("<script"))
        let yearly = try String(contentsOf: output.appendingPathComponent("yearly/index.html"), encoding: .utf8)
        #expect(yearly.contains("<a href=\"2019/report.html\">2019</a>") && yearly.contains("<a href=\"../index.html\">All reports</a>"))
        #expect(yearly.contains("<tr id=\"2019\">"), "report pages link to a period's row")
    }

    @Test("An index that would not change is not written again")
    func anUnchangedIndexIsNotRewritten() throws {
        defer { try? FileManager.default.removeItem(at: output) }
        try folder("yearly", "2019", start: "2019-01-01", files: ["report.html"])
        #expect(try ReportIndexWriter.update(output: output, workspace: nil).count == 2)
        #expect(try ReportIndexWriter.update(output: output, workspace: nil).isEmpty)
    }
}
