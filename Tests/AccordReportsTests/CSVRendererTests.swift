import AccordReports
import Foundation
import Testing

@Suite struct CSVRendererTests {
    private let table = ReportTable(id: "deals", title: "Deals", columns: [
        TableColumn(title: "Partner"), TableColumn(title: "Deals", kind: .number), TableColumn(title: "Value", kind: .number, unit: "USD"),
    ], rows: [
        [TableCell(text: "Hanmi, Ltd."), TableCell(number: 2), TableCell(number: 1_500_000.25)],
        [TableCell(text: "The \"best\" partner"), TableCell(number: 1), TableCell()],
        [TableCell(text: "two\nlines"), TableCell(number: 1234)],
    ], totals: true)

    @Test func oneFilePerTableQuotedWhereNeeded() throws {
        let files = try ReportRenderer.render(SampleDocument.with([.table(table)]), as: .csv)
        #expect(files.map(\.name) == ["deals.csv"])
        #expect(String(decoding: files[0].data, as: UTF8.self) == """
            Partner,Deals,Value (USD)
            "Hanmi, Ltd.",2,1500000.25
            "The ""best"" partner",1,
            "two
            lines",1234,
            Total,1237,1500000.25

            """)
    }

    @Test func noTablesNoFiles() throws {
        #expect(try ReportRenderer.render(SampleDocument.with([.paragraph(text: "x")]), as: .csv).isEmpty)
    }
}
