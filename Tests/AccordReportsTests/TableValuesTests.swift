import AccordReports
import Foundation
import Testing

/// How tables show their numbers and totals, the same in HTML and Markdown.
@Suite struct TableValuesTests {
    private func cells(_ html: String) -> [String] {
        html.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.1) }
    }

    @Test func aColumnOfNumbersShowsEveryCellWithTheSameDecimals() {
        let table = ReportTable(id: "t", title: "Values", columns: [
            TableColumn(title: "Name"), TableColumn(title: "Amount", kind: .number, unit: "USD"),
            TableColumn(title: "Count", kind: .number), TableColumn(title: "Share", kind: .number, unit: "%"),
        ], rows: [
            [TableCell(text: "a"), TableCell(number: 10.1), TableCell(number: 2.5), TableCell(number: 40)],
            [TableCell(text: "b"), TableCell(number: 20), TableCell(number: 3), TableCell(number: 60)],
        ], totals: true)
        let document = SampleDocument.with([.table(table)])
        #expect(cells(SampleDocument.text(document, as: .html))
            == ["a", "10.10 USD", "2.5", "40.0%", "b", "20.00 USD", "3.0", "60.0%", "Total", "30.10 USD", "5.5", ""])
        let markdown = SampleDocument.text(document, as: .md)
        #expect(markdown.contains("| a | 10.10 USD | 2.5 | 40.0% |\n| b | 20.00 USD | 3.0 | 60.0% |\n| **Total** | **30.10 USD** | **5.5** |  |"),
                "\(markdown)")
        // Whole numbers stay whole; the CSV keeps numbers as they are.
        let whole = ReportTable(id: "w", title: "Whole", columns: [TableColumn(title: "n", kind: .number, unit: "KRW")],
                                rows: [[TableCell(number: 1_500_000)], [TableCell(number: 20)]])
        #expect(cells(SampleDocument.text(SampleDocument.with([.table(whole)]), as: .html)) == ["1,500,000 KRW", "20 KRW"])
        let csv = String(decoding: ReportRenderer.render(document, as: .csv)[0].data, as: UTF8.self)
        #expect(csv.contains("a,10.1,2.5,40\nb,20,3,60\nTotal,30.1,5.5,\n"))
    }

    @Test func anEmptyTableHasNoTotalsRow() {
        let empty = ReportTable(id: "by-form", title: "By form", columns: [TableColumn(title: "Form"),
                                                                          TableColumn(title: "Partnerships", kind: .number)],
                                rows: [], totals: true)
        let document = SampleDocument.with([.table(empty)])
        let html = SampleDocument.text(document, as: .html)
        #expect(!html.contains("<tfoot>") && !html.contains("Total"))
        #expect(!SampleDocument.text(document, as: .md).contains("Total"))
        #expect(String(decoding: ReportRenderer.render(document, as: .csv)[0].data, as: UTF8.self) == "Form,Partnerships\n")
    }
}
