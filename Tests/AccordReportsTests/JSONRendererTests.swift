import AccordReports
import Foundation
import Testing

@Suite struct JSONRendererTests {
    @Test func theDocumentRoundTrips() throws {
        let files = try ReportRenderer.render(SampleDocument.document, as: .json)
        #expect(files.map(\.name) == ["report.json"])
        #expect(try JSONDecoder().decode(ReportDocument.self, from: files[0].data) == SampleDocument.document)
    }

    @Test func keysAreSortedAndSlashesLeftAlone() {
        let json = SampleDocument.text(SampleDocument.document, as: .json)
        #expect(json.hasPrefix("{\n  \"blocks\" : ["))
        #expect(json.contains("\"url\" : \"https://example.com/news/1234\""))
    }

    @Test func nonFiniteNumbersStillEncode() throws {
        let document = SampleDocument.with([.figures([KeyFigure(label: "ratio", value: .infinity, previous: .nan)])])
        let data = try #require(try ReportRenderer.render(document, as: .json).first?.data)
        guard case let .figures(figures) = try ReportDocument(json: data).blocks.first else {
            Issue.record("no figures")
            return
        }
        #expect(figures.first?.value == .infinity)
        #expect(figures.first?.previous?.isNaN == true)
    }
}
