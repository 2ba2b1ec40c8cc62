import AccordReports
import Foundation
import Testing

/// How tables show their numbers and totals, the same in HTML and Markdown.
@Suite struct TableValuesTests {
    private func cells(_ html: String) -> [String] {
        html.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.1) }
    }

    @Test func formattedColumnsReadAsTheirFormatSays() throws {
        let table = ReportTable(id: "f", title: "Formats", columns: [
            TableColumn(title: "Name"), TableColumn(title: "Deals", kind: .number, format: .integer),
            TableColumn(title: "Ratio", kind: .number, format: .decimal, places: 1),
            TableColumn(title: "Share", kind: .number, format: .percent),
            TableColumn(title: "Committed", kind: .number, format: .money),
        ], rows: [
            [TableCell(text: "a"), TableCell(number: 1200), TableCell(number: 10.1), TableCell(number: 0.25),
             TableCell(number: 477_490_000_000, unit: "KRW")],
            [TableCell(text: "b"), TableCell(number: 3), TableCell(number: 20), TableCell(number: 0.75),
             TableCell(number: 153_700_000, unit: "USD")],
        ], totals: true)
        let document = SampleDocument.with([.table(table)])
        // Shares do not add up, and amounts in two currencies are never added together.
        #expect(cells(SampleDocument.text(document, as: .html))
            == ["a", "1,200", "10.1", "25.0%", "₩477.5bn", "b", "3", "20.0", "75.0%", "$153.7m", "Total", "1,203", "30.1", "", ""])
        let csv = try String(decoding: ReportRenderer.render(document, as: .csv)[0].data, as: UTF8.self)
        // The CSV keeps amounts whole, each with its currency in a column beside it.
        #expect(csv.hasPrefix("period,Name,Deals,Ratio,Share,Committed,Committed currency,row\n2019-Q4,a,1200,10.1,0.25,477490000000,KRW,data\n"),
                "\(csv)")
    }

    @Test func aColumnDeclaredNotAdditiveHasNoTotal() {
        let table = ReportTable(id: "a", title: "Averages", columns: [
            TableColumn(title: "Name"), TableColumn(title: "Deals", kind: .number),
            TableColumn(title: "Average size", kind: .number, additive: false),
        ], rows: [
            [TableCell(text: "a"), TableCell(number: 2), TableCell(number: 10)],
            [TableCell(text: "b"), TableCell(number: 3), TableCell(number: 20)],
        ], totals: true)
        #expect(cells(SampleDocument.text(SampleDocument.with([.table(table)]), as: .html))
            == ["a", "2", "10", "b", "3", "20", "Total", "5", ""])
    }

    @Test func theCSVIdColumnIsDefusedLikeEveryOtherText() throws {
        let table = ReportTable(id: "k", title: "Keys", columns: [TableColumn(title: "Area"), TableColumn(title: "n", kind: .number)],
                                rows: [[TableCell(text: "=1+1", key: "=HYPERLINK(\"http://x\")"), TableCell(number: 1)]])
        let csv = try String(decoding: ReportRenderer.render(SampleDocument.with([.table(table)]), as: .csv)[0].data, as: UTF8.self)
        #expect(csv == "period,id,Area,n,row\n2019-Q4,\"'=HYPERLINK(\"\"http://x\"\")\",'=1+1,1,data\n", "\(csv)")
    }

    @Test func amountsInOneCurrencyAreTotalled() {
        let table = ReportTable(id: "m", title: "Money", columns: [
            TableColumn(title: "Kind"), TableColumn(title: "Committed", kind: .number, format: .money),
        ], rows: [
            [TableCell(text: "Fund"), TableCell(number: 2e9, unit: "EUR")],
            [TableCell(text: "Grant"), TableCell(number: 5e8, unit: "EUR")],
        ], totals: true)
        #expect(cells(SampleDocument.text(SampleDocument.with([.table(table)]), as: .html))
            == ["Fund", "€2bn", "Grant", "€500m", "Total", "€2.5bn"])
    }

    @Test func aColumnOfNumbersShowsEveryCellWithTheSameDecimals() throws {
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
        let csv = try String(decoding: ReportRenderer.render(document, as: .csv)[0].data, as: UTF8.self)
        #expect(csv.contains("2019-Q4,a,10.1,2.5,40,data\n2019-Q4,b,20,3,60,data\n2019-Q4,Total,30.1,5.5,,total\n"))
    }

    @Test func aTotalOnThePageNamesEachPartnershipOfItsCellsOnce() {
        let table = ReportTable(id: "p", title: "Purposes", columns: [TableColumn(title: "Purpose"), TableColumn(title: "n", kind: .number)],
                                rows: [[TableCell(text: "R&D"), TableCell(number: 2, partnerships: ["a", "b"])],
                                       [TableCell(text: "Export"), TableCell(number: 2, partnerships: ["b", "c"])]], totals: true)
        let html = SampleDocument.text(SampleDocument.with([.table(table)]), as: .html)
        #expect(html.contains("<td class=\"num traced\" title=\"Partnerships: a, b, c\">4</td>"), "\(html)")
    }

    @Test func anEmptyTableHasNoTotalsRow() throws {
        let empty = ReportTable(id: "by-form", title: "By form", columns: [TableColumn(title: "Form"),
                                                                          TableColumn(title: "Partnerships", kind: .number)],
                                rows: [], totals: true)
        let document = SampleDocument.with([.table(empty)])
        let html = SampleDocument.text(document, as: .html)
        #expect(!html.contains("<tfoot>") && !html.contains("Total"))
        #expect(!SampleDocument.text(document, as: .md).contains("Total"))
        #expect(try String(decoding: ReportRenderer.render(document, as: .csv)[0].data, as: UTF8.self) == "period,Form,Partnerships,row\n")
    }
}
