import AccordReports
import AccordTestSupport
import Foundation
import Testing

/// The workbook as openpyxl reads it back: a reader that shares nothing with libxlsxwriter.
@Suite struct WorkbookReadBackTests {
    static let partnerships = [
        PeriodPartnership(id: "khidi-academy-2019", date: "2019", title: "K-Pharma Academy 2019", form: "Programme",
                          status: "Completed", parties: [.init(name: "KHIDI", role: "Organizer", country: "KR")],
                          countries: ["KR"], territories: ["ASEAN"],
                          labels: [.init(code: "training", name: "Training", primary: true)],
                          sources: [SourceLink(title: "KHIDI notice", url: "https://example.org/n")]),
        PeriodPartnership(id: "hanmi-vn-2019", date: "2019-06-30", title: "=Hanmi export to Vietnam", form: "Export contract",
                          status: "Signed",
                          parties: [.init(name: "한미약품", role: "Exporter", country: "KR"), .init(name: "Vimedimex", role: "Distributor", country: "VN")],
                          countries: ["KR", "VN"], territories: ["VN"], products: ["Amosartan"],
                          amounts: [.init(type: "Deal value", amount: 30_000_000, currency: "USD", wording: "$30 million"),
                                    .init(type: "Upfront payment", wording: "undisclosed")],
                          labels: [.init(code: "export", name: "Export", primary: true), .init(code: "rnd", name: "R&D", primary: false)]),
        PeriodPartnership(id: "gc-my-2019", date: "2019-11", title: "GC in Malaysia", form: "Licence", status: "Signed"),
    ]

    static let moneyTable = ReportTable(id: "money", title: "Money committed by kind and currency [all]", columns: [
        TableColumn(title: "Kind"), TableColumn(title: "Committed", kind: .number, format: .money),
        TableColumn(title: "Share", kind: .number, format: .percent),
    ], rows: [
        [TableCell(text: "Deal value", key: "deal_value"), TableCell(number: 30_000_000, unit: "USD"), TableCell(number: 0.75)],
        [TableCell(text: "Other (2 more)"), TableCell(number: 10_000_000, unit: "USD"), TableCell(number: 0.25)],
        [TableCell(text: "Grant", key: "grant"), TableCell(number: 1_000_000.5, unit: "USD"), TableCell(number: 0)],
    ], totals: true, other: 1)

    static func document() -> ReportDocument {
        var document = SampleDocument.document
        document.blocks.append(.table(moneyTable))
        document.source = ReportSource(
            asOf: "2026-01-01", timeZone: "Asia/Seoul", parameters: ["org": "khidi"], script: "Scripts/reports/yearly.lua",
            modules: ["Scripts/reports/lib/summary.lua"], digest: "sha256:abc",
            classification: ReportClassification(runs: ["run-1"], packs: [.init(name: "standard", version: "1.0.0", digest: "sha256:def")],
                                                 partnerships: 3, unlabelled: 1, unclassified: 0),
            exchangeRates: ExchangeRates(currency: "USD", date: "2025-12-31", source: "ECB", rates: ["EUR": 1.17]))
        return document
    }

    static func workbook() throws -> ReadWorkbook {
        let files = try ReportRenderer.render(document(), as: .xlsx, with: RenderContext(partnerships: partnerships))
        return try ReadWorkbook.read(try #require(files.first { $0.name == "report.xlsx" }).data)
    }

    @Test("The workbook has a sheet per table, then Partnerships, Amounts and About")
    func sheetNames() throws {
        let workbook = try Self.workbook()
        #expect(workbook.names == ["Partnerships by purpose", "Partners named", "Money committed by kind and",
                                   "Partnerships", "Amounts", "About"])
        #expect(workbook.title == "Partnerships in review")
        #expect(workbook.created?.hasPrefix("2026-01-01T00:00:00") == true)
    }

    @Test("Every sheet keeps its header row in view, and data sheets filter their data rows")
    func frozenAndFiltered() throws {
        let workbook = try Self.workbook()
        for sheet in workbook.sheets { #expect(sheet.freeze == "A2", "\(sheet.name)") }
        #expect(workbook["Partnerships by purpose"]?.filter == "A1:E4")
        #expect(workbook["Money committed by kind and"]?.filter == "A1:F3")
        #expect(workbook["Partnerships"]?.filter == "A1:O4")
        #expect(workbook["Amounts"]?.filter == "A1:H3")
        #expect(workbook["About"]?.filter == nil)
    }

    @Test("A partnership dated only by year shows its year, not a date, and its precision is a column")
    func partnershipDates() throws {
        let sheet = try #require(try Self.workbook()["Partnerships"])
        #expect(sheet.rows[0].map(\.text) == ["Id", "Date", "Precision", "Title", "Form", "Status", "Parties", "Countries",
                                              "Territories", "Products", "Amounts", "Figures", "Primary purpose", "Purposes", "Sources"])
        #expect(sheet[1, 1].type == "number")
        #expect(sheet[1, 1].number == 2019)
        #expect(sheet[1, 2].text == "year")
        #expect(sheet[2, 1].type == "date")
        #expect(sheet[2, 1].text == "2019-06-30")
        #expect(sheet[2, 2].text == "day")
        #expect(sheet[3, 1].type == "date")
        #expect(sheet[3, 1].text == "2019-11-01")
        #expect(sheet[3, 1].format == "yyyy-mm")
        #expect(sheet[3, 2].text == "month")
        // Text that looks like a formula stays text.
        #expect(sheet[2, 3] == ReadWorkbook.Cell(type: "text", value: .text("=Hanmi export to Vietnam"), format: "General", bold: false))
        #expect(sheet[2, 6].text == "한미약품 (exporter); Vimedimex (distributor)")
        #expect(sheet[2, 7].text == "KR; VN")
        #expect(sheet[2, 10].text == "Deal value: 30,000,000 USD (\"$30 million\"); Upfront payment: undisclosed")
        #expect(sheet[2, 12].text == "Export")
        #expect(sheet[2, 13].text == "Export; R&D")
        #expect(sheet[1, 14].text == "KHIDI notice <https://example.org/n>")
        #expect(sheet[0, 0].bold && !sheet[1, 0].bold)
    }

    @Test("Amounts are numbers with their currency's format, one a row")
    func amounts() throws {
        let sheet = try #require(try Self.workbook()["Amounts"])
        #expect(sheet.rows.count == 3)
        #expect(sheet[1, 3].type == "number")
        #expect(sheet[1, 3].number == 30_000_000)
        #expect(sheet[1, 3].format == "#,##0 \"USD\"")
        #expect(sheet[1, 4].text == "USD")
        #expect(sheet[2, 3].type == "blank")
        #expect(sheet[2, 5].text == "undisclosed")
    }

    @Test("Table cells are typed, and Total and Other rows are set apart in bold below the data")
    func tableSheet() throws {
        let workbook = try Self.workbook()
        let purposes = try #require(workbook["Partnerships by purpose"])
        #expect(purposes.rows[0].map(\.text) == ["Purpose", "Partnerships", "Disclosed value", "Share", "Row"])
        #expect(purposes[1, 1].type == "number")
        #expect(purposes[1, 1].number == 3)
        #expect(purposes[1, 2].number == 120e9)
        #expect(purposes[1, 2].format == "#,##0.00 \"KRW\"")
        #expect(purposes[1, 3].format == "0.0\"%\"")
        #expect(purposes[3, 2].type == "blank")
        #expect(purposes.rows[4].allSatisfy { $0.type == "blank" })
        #expect(purposes[5, 0].text == "Total")
        #expect(purposes[5, 1].number == 1242)
        #expect(purposes[5, 1].bold)
        #expect(purposes[5, 4].text == "total")

        let money = try #require(workbook["Money committed by kind and"])
        #expect(money.rows[0].map(\.text) == ["Id", "Kind", "Committed", "Committed currency", "Share", "Row"])
        #expect(money[1, 0].text == "deal_value")
        #expect(money[1, 2].number == 30_000_000)
        #expect(money[1, 2].format == "#,##0.00 \"USD\"")
        #expect(money[1, 3].text == "USD")
        #expect(money[1, 4].number == 0.75)
        #expect(money[1, 4].format == "0.0%")
        #expect(money[2, 1].text == "Grant")
        #expect(money[3, 1].type == "blank")
        #expect(money[4, 1].text == "Other (2 more)")
        #expect(money[4, 5].text == "other")
        #expect(money[4, 1].bold)
        #expect(money[5, 1].text == "Total")
        #expect(money[5, 2].number == 41_000_000.5)
        #expect(money[5, 4].type == "blank")
        #expect(money[5, 5].text == "total")
        #expect((money.widths["B"] ?? 0) >= 14)
    }

    @Test("The About sheet says what the workbook was made from")
    func about() throws {
        let sheet = try #require(try Self.workbook()["About"])
        func row(_ field: String) -> [ReadWorkbook.Cell] { sheet.rows.first { $0.first?.text == field } ?? [] }
        #expect(row("Report").dropFirst().first?.text == "quarterly")
        #expect(row("Period").dropFirst().first?.text == "2019-Q4")
        #expect(row("Start").dropFirst().first?.type == "date")
        #expect(row("Start").dropFirst().first?.text == "2019-10-01")
        #expect(row("As of").dropFirst().first?.text == "2026-01-01")
        #expect(row("Time zone").dropFirst().first?.text == "Asia/Seoul")
        #expect(row("Parameter").dropFirst().prefix(2).map(\.text) == ["org", "khidi"])
        #expect(row("Script digest").dropFirst().first?.text == "sha256:abc")
        #expect(row("Module").dropFirst().first?.text == "Scripts/reports/lib/summary.lua")
        #expect(row("Pack").dropFirst().map(\.text) == ["standard", "1.0.0", "sha256:def"])
        #expect(row("Classification run").dropFirst().first?.text == "run-1")
        #expect(row("Rate").dropFirst().first?.text == "1 EUR")
        #expect(row("Rate").dropFirst(2).first?.number == 1.17)
        #expect(row("Partnerships in the period").dropFirst().first?.number == 3)
        let sheets = sheet.rows.filter { $0.first?.text == "Sheet" }.map { $0.dropFirst().first?.text }
        #expect(sheets == ["Partnerships by purpose", "Partners named", "Money committed by kind and", "Partnerships", "Amounts"])
    }
}

/// Text a workbook must keep as text, whole or cut where Excel stops.
@Suite struct WorkbookHostileTextTests {
    @Test("Control characters, formulas, a NUL and text longer than Excel takes all read back as text")
    func hostileText() throws {
        let long = String(repeating: "한", count: 40_000)
        let table = ReportTable(id: "t", title: "Hostile: [x]/y?", columns: [TableColumn(title: "=SUM(A1)"), TableColumn(title: "B")], rows: [
            [TableCell(text: "bell\u{7} and escape\u{1B}"), TableCell(text: "=HYPERLINK(\"http://x\")")],
            [TableCell(text: "nul\u{0}inside"), TableCell(text: long)],
            [TableCell(text: "_x0041_"), TableCell(text: "line\r\nbreak")],
        ])
        let files = try ReportRenderer.render(SampleDocument.with([.table(table)]), as: .xlsx)
        let sheet = try #require(try ReadWorkbook.read(files[0].data).sheets.first)
        #expect(sheet.name == "Hostile x y")
        #expect(sheet[0, 0].text == "=SUM(A1)")
        // openpyxl leaves the file format's escapes of control characters as they are; Excel and
        // LibreOffice read them as the characters (a bell, an escape, a carriage return).
        #expect(sheet[1, 0].text == "bell_x0007_ and escape_x001B_")
        #expect(sheet[1, 1].type == "text")
        #expect(sheet[1, 1].text == "=HYPERLINK(\"http://x\")")
        #expect(sheet[2, 0].text == "nulinside")
        #expect(sheet[2, 1].text?.count == 32_767)
        #expect(sheet[2, 1].text?.hasSuffix("한…") == true)
        // Written as the escape of its `_`, which Excel reads as `_x0041_` where unescaped it would read "A".
        #expect(sheet[3, 0].text == "_x005F_x0041_")
        #expect(sheet[3, 1].text == "line_x000D_\nbreak")
    }
}
