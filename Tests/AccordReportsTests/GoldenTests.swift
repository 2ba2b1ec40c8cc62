import AccordReports
import Foundation
import Testing

/// Every format of the sample document against `Golden/`; see `Golden` for regenerating them.
@Suite struct GoldenTests {
    /// The workbook is binary: openpyxl reads it back instead (`WorkbookReadBackTests`).
    @Test(arguments: ReportFormat.standard)
    func theSampleRendersAsItsGoldenFiles(format: ReportFormat) throws {
        for file in try ReportRenderer.render(SampleDocument.document, as: format) {
            try Golden.check(file)
        }
    }

    @Test(.disabled(if: Golden.updating, "the golden files are being written"))
    func everyGoldenChartIsStillRendered() throws {
        let rendered = Set(try ReportRenderer.render(SampleDocument.document, as: .md).map(\.name).filter { $0.hasPrefix("charts/") })
        let stored = try FileManager.default.contentsOfDirectory(atPath: Golden.folder.appendingPathComponent("charts").path)
        #expect(Set(stored.map { "charts/" + $0 }) == rendered)
    }

    @Test(arguments: ReportFormat.standard)
    func renderingTwiceGivesTheSameBytes(format: ReportFormat) throws {
        let first = try ReportRenderer.render(SampleDocument.document, as: format)
        #expect(try ReportRenderer.render(SampleDocument.document, as: format) == first)
    }
}

@Suite struct GoldenComparisonTests {
    @Test func aMismatchNamesTheFirstDifferingLine() {
        #expect(Golden.firstDifference(expected: Data("a\nb\nc".utf8), actual: Data("a\nx\nc".utf8))
            == "line 2: expected «b» but rendered «x»")
        #expect(Golden.firstDifference(expected: Data("a\n".utf8), actual: Data("a\nmore".utf8))
            == "line 2: expected «» but rendered «more»")
        #expect(Golden.firstDifference(expected: Data("same".utf8), actual: Data("same".utf8)) == nil)
    }
}
