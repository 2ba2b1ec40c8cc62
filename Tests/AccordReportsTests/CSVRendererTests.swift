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
            period,Partner,Deals,Value (USD),row
            2019-Q4,"Hanmi, Ltd.",2,1500000.25,data
            2019-Q4,"The ""best"" partner",1,,data
            2019-Q4,"two
            lines",1234,,data
            2019-Q4,Total,1237,1500000.25,total

            """)
    }

    @Test func noTablesNoFiles() throws {
        #expect(try ReportRenderer.render(SampleDocument.with([.paragraph(text: "x")]), as: .csv).isEmpty)
    }

    @Test("The row lumping the rest together and the totals row are marked apart from the data rows")
    func otherAndTotalRowsAreMarkedApart() throws {
        var lumped = table
        lumped.other = 2
        let text = String(decoding: try ReportRenderer.render(SampleDocument.with([.table(lumped)]), as: .csv)[0].data, as: UTF8.self)
        #expect(text.contains("best\"\" partner\",1,,data\n"))
        #expect(text.hasSuffix("lines\",1234,,other\n2019-Q4,Total,1237,1500000.25,total\n"))
    }

    @Test("With csv_bom set, each file starts with a UTF-8 byte order mark, for Excel")
    func aByteOrderMarkIsASetting() throws {
        let document = SampleDocument.with([.table(table)])
        let marked = try ReportRenderer.render(document, as: .csv, with: RenderContext(csvByteOrderMark: true))[0].data
        let plain = try ReportRenderer.render(document, as: .csv)[0].data
        #expect(marked == Data([0xEF, 0xBB, 0xBF]) + plain)
        #expect(plain.first == UInt8(ascii: "p"))
    }
}
