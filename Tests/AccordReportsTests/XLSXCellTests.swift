@testable import AccordReports
import Testing

@Suite struct XLSXCellTests {
    @Test("A partnership dated only by year shows its year, as a number, and its precision")
    func yearOnlyIsTheYear() {
        #expect(Cell.date("2019") == Cell(.number(2019), format: "0"))
        #expect(Cell.date("2019-06") == Cell(.date(year: 2019, month: 6, day: 1), format: "yyyy-mm"))
        #expect(Cell.date("2019-06-30") == Cell(.date(year: 2019, month: 6, day: 30), format: "yyyy-mm-dd"))
        #expect(Cell.date("2019-02-30") == Cell(.text("2019-02-30")))
        #expect(Cell.date(nil) == Cell(.blank))
        let p = PeriodPartnership(id: "a", date: "2019", title: "A", form: "MOU", status: "Signed")
        #expect(p.precision == .year)
        let sheet = PartnershipSheets.partnerships([p])
        #expect(sheet[1, 1] == Cell(.number(2019), format: "0"))
        #expect(sheet[1, 2] == Cell(.text("year")))
    }

    @Test("Number cells are numbers in their column's format, money with its currency")
    func numbersAreTyped() {
        let money = TableColumn(title: "Committed", kind: .number, unit: "USD", format: .money)
        #expect(TableSheet.cell(TableCell(number: 1_500_000), column: money, decimals: 0)
            == Cell(.number(1_500_000), format: "#,##0 \"USD\""))
        let own = TableColumn(title: "Amount", kind: .number, format: .money)
        #expect(TableSheet.cell(TableCell(number: 12.5, unit: "EUR"), column: own, decimals: 2)
            == Cell(.number(12.5), format: "#,##0.00 \"EUR\""))
        let share = TableColumn(title: "Share", kind: .number, format: .percent)
        #expect(TableSheet.cell(TableCell(number: 0.25), column: share, decimals: 1) == Cell(.number(0.25), format: "0.0%"))
        let percent = TableColumn(title: "Share", kind: .number, unit: "%")
        #expect(TableSheet.cell(TableCell(number: 25), column: percent, decimals: 1) == Cell(.number(25), format: "0.0\"%\""))
        let places = TableColumn(title: "Average", kind: .number, format: .decimal, places: 3)
        #expect(TableSheet.cell(TableCell(number: 2), column: places, decimals: 0) == Cell(.number(2), format: "#,##0.000"))
        let count = TableColumn(title: "Partnerships", kind: .number)
        #expect(TableSheet.cell(TableCell(number: 3), column: count, decimals: 0) == Cell(.number(3), format: "#,##0"))
        let text = TableColumn(title: "Name")
        #expect(TableSheet.cell(TableCell(text: "1999"), column: text, decimals: 0) == Cell(.text("1999")))
        let dates = TableColumn(title: "Signed", format: .date)
        #expect(TableSheet.cell(TableCell(text: "2019-06-30"), column: dates, decimals: 0)
            == Cell(.date(year: 2019, month: 6, day: 30), format: "yyyy-mm-dd"))
        #expect(TableSheet.cell(TableCell(text: "2019"), column: dates, decimals: 0) == Cell(.number(2019), format: "0"))
        #expect(TableSheet.cell(TableCell(number: 5, trend: [1, 2.5, 5]), column: count, decimals: 0) == Cell(.text("1 2.5 5")))
    }

    @Test("Totals and Other rows sit below the data after an empty row, in bold, outside the autofilter")
    func totalsAndOtherAreApart() {
        let table = ReportTable(id: "by-form", title: "By form", columns: [
            TableColumn(title: ""), TableColumn(title: "Partnerships", kind: .number),
        ], rows: [
            [TableCell(text: "MOU", key: "mou"), TableCell(number: 5)],
            [TableCell(text: "Other (3 more)"), TableCell(number: 4)],
            [TableCell(text: "Licence", key: "license"), TableCell(number: 2)],
        ], totals: true, other: 1)
        let sheet = TableSheet.sheet(table, named: "By form")
        #expect(sheet.rows[0].map(\.value) == [.text("Id"), .text("Name"), .text("Partnerships"), .text("Row")])
        #expect(sheet.rows[1].map(\.value) == [.text("mou"), .text("MOU"), .number(5), .text("data")])
        #expect(sheet.rows[2].map(\.value) == [.text("license"), .text("Licence"), .number(2), .text("data")])
        #expect(sheet.rows[3].isEmpty)
        #expect(sheet.rows[4].map(\.value) == [.blank, .text("Other (3 more)"), .number(4), .text("other")])
        #expect(sheet.rows[5].map(\.value) == [.blank, .text("Total"), .number(11), .text("total")])
        #expect(sheet.rows[4].allSatisfy(\.bold) && sheet.rows[5].allSatisfy(\.bold))
        #expect(sheet.rows[1].allSatisfy { !$0.bold })
        #expect(sheet.filter == CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 3))
        #expect(sheet.frozenRows == 1)
    }

    @Test("Column widths follow the content, a Hangul character counting two")
    func widthsFollowContent() {
        #expect(ColumnWidths.width(of: "Hanmi") == 5)
        #expect(ColumnWidths.width(of: "한미약품") == 8)
        let widths = ColumnWidths.of([[.text("Id"), .text(String(repeating: "x", count: 100))], [.text("a-much-longer-id")]])
        #expect(widths == [18, 60])
    }

    @Test("A column stops being measured at the widest, with the widths of measuring every cell")
    func widthsStopAtTheWidest() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let rows: [[Cell]] = (0..<Int.random(in: 0...30, using: &random)).map { _ in
                (0..<Int.random(in: 0...4, using: &random)).map { _ in
                    Int.random(in: 0...3, using: &random) == 0
                        ? Cell(.number(Double.random(in: -1e9...1e9, using: &random)), format: "#,##0.00")
                        : .text(String(repeating: "한x", count: Int.random(in: 0...40, using: &random)),
                                bold: Bool.random(using: &random))
                }
            }
            let every = (0..<(rows.map(\.count).max() ?? 0)).map { column in
                let widest = rows.compactMap { $0.indices.contains(column) ? ColumnWidths.width(of: $0[column]) : nil }.max() ?? 0
                return min(max(widest + 2, ColumnWidths.narrowest), ColumnWidths.widest)
            }
            #expect(ColumnWidths.of(rows) == every)
        }
    }

    @Test("The workbook renders to the same bytes every time")
    func sameBytes() throws {
        let first = try ReportRenderer.render(SampleDocument.document, as: .xlsx, with: RenderContext(partnerships: [
            PeriodPartnership(id: "a", date: "2019", title: "A", form: "MOU", status: "Signed"),
        ]))
        let second = try ReportRenderer.render(SampleDocument.document, as: .xlsx, with: RenderContext(partnerships: [
            PeriodPartnership(id: "a", date: "2019", title: "A", form: "MOU", status: "Signed"),
        ]))
        #expect(first.map(\.name) == ["report.xlsx"])
        #expect(first == second)
    }

    @Test("The listing's sheets made ahead give the workbook's bytes; made of other partnerships, they are not used")
    func listingMadeAhead() throws {
        let partnerships = (1...3).map { PeriodPartnership(id: "p\($0)", date: "2019-0\($0)", title: "P\($0)", form: "MOU", status: "Signed") }
        var context = RenderContext(partnerships: partnerships)
        let alone = try ReportRenderer.render(SampleDocument.document, as: .xlsx, with: context)
        context.workbookListing = WorkbookListing(partnerships)
        #expect(try ReportRenderer.render(SampleDocument.document, as: .xlsx, with: context) == alone)
        context.workbookListing = WorkbookListing(Array(partnerships.prefix(2)))
        #expect(try ReportRenderer.render(SampleDocument.document, as: .xlsx, with: context) == alone)
    }
}

@Suite struct XLSXRowLimitTests {
    @Test("Past Excel's rows a sheet leaves out its last data rows, keeps its totals, and the About sheet counts them")
    func rowsPastTheLimitAreCounted() {
        let partnerships = (1...5).map { PeriodPartnership(id: "p\($0)", date: "2019", title: "P\($0)", form: "MOU", status: "Signed") }
        let table = ReportTable(id: "t", title: "T", columns: [TableColumn(title: "A"), TableColumn(title: "N", kind: .number)],
                                rows: (1...5).map { [TableCell(text: "r\($0)"), TableCell(number: 1)] }, totals: true)
        let sheets = XLSXRenderer.sheets(SampleDocument.with([.table(table)]), context: RenderContext(partnerships: partnerships),
                                         rowLimit: 4)
        #expect(sheets.map(\.name) == ["T", "Partnerships", "Amounts", "About"])
        #expect(sheets[0].rows.map { $0.first?.value } == [.text("A"), .text("r1"), nil, .text("Total")])
        #expect(sheets[0].rows[3][1].value == .number(5), "the total counts every row")
        #expect(sheets[0].filter?.lastRow == 1)
        #expect(sheets[0].omitted == 4)
        #expect(sheets[1].rows.map { $0.first?.value } == [.text("Id"), .text("p1"), .text("p2"), .text("p3")])
        #expect(sheets[1].filter?.lastRow == 3)
        let about = sheets[3].rows.filter { $0.first?.value == .text("Rows left out") }.map { Array($0.dropFirst().prefix(2)).map(\.value) }
        #expect(about == [[.text("T"), .number(4)], [.text("Partnerships"), .number(2)]])
    }
}
