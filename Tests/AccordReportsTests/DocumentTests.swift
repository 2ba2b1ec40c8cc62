import AccordReports
import Foundation
import Testing

@Suite struct DocumentTests {
    @Test func aDocumentRoundTripsThroughJSON() throws {
        let document = ReportDocument(
            id: "quarterly", title: "Partnerships",
            period: ReportPeriod(label: "2019-Q4", grain: "quarter", start: "2019-10-01", finish: "2019-12-31",
                                 previous: "2019-Q3", yearBefore: "2018-Q4"),
            blocks: [.heading(text: "Overview", level: 1), .figures([KeyFigure(label: "New", value: 3, previous: 1)])])
        let data = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(ReportDocument.self, from: data) == document)
    }
}
