import AccordCore
import AccordScripting
import AccordTestSupport
import Foundation
import Testing

/// The standard reports on the sample workspace match their golden files, byte for byte.
///
/// Golden files live in `Golden/<report>/`; regenerate them after a deliberate
/// change with `ACCORD_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests`.
@Suite struct ReportGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The text with classification run ids (which hold the time of the run) replaced by `RUN-ID`.
    static func withoutRunIDs(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        let id = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-[0-9a-f]+/
        return Data(text.replacing(id, with: "RUN-ID").utf8)
    }

    /// Each standard report, its period and its parameters.
    static let reports: [(String, String, [String: String])] = [
        ("quarterly", "2019-Q2", [:]),
        ("yearly", "2019", [:]),
        ("organization", "2019", ["org": "khidi"]),
    ]

    @Test(arguments: Backend.all, reports)
    func standardReportsMatchTheirGoldenFiles(on backend: Backend, _ made: (String, String, [String: String])) throws {
        let (report, period, parameters) = made
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.classify()
        let out = sample.folder.appendingPathComponent("out")
        let (outcome, _) = try sample.report(report, period: period, parameters: parameters, out: out)
        #expect(outcome == .written(folder: out, files: try files(in: out).keys.sorted()))
        var rendered = try files(in: out).mapValues(Self.withoutRunIDs)
        rendered["manifest.json"] = nil // holds the time it was made
        // Binary, and holds the run ids in its About sheet: read back with openpyxl instead
        // (AccordReportsTests.WorkbookReadBackTests, AccordCLITests.WorkbookWorkflowTests).
        #expect(rendered.removeValue(forKey: "report.xlsx") != nil)
        let golden = Self.golden.appendingPathComponent(report)
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
            Issue.record("\(report)/\(name) differs from its golden file at line \(line + 1)")
        }
    }
}
