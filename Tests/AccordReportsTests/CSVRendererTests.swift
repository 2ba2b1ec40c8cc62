@testable import AccordReports
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
        #expect(files.map(\.name) == ["deals.csv", "partnerships.csv"])
        #expect(String(decoding: files[0].data, as: UTF8.self) == """
            period,Partner,Deals,Value (USD),row
            2019-Q4,"Hanmi, Ltd.",2,1500000.25,data
            2019-Q4,"The ""best"" partner",1,,data
            2019-Q4,"two
            lines",1234,,data
            2019-Q4,Total,1237,1500000.25,total

            """)
    }

    @Test("The row lumping the rest together and the totals row are marked apart from the data rows")
    func otherAndTotalRowsAreMarkedApart() throws {
        var lumped = table
        lumped.other = 2
        let text = try String(decoding: ReportRenderer.render(SampleDocument.with([.table(lumped)]), as: .csv)[0].data, as: UTF8.self)
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

    @Test("A document without tables still lists the period's partnerships")
    func noTablesOnlyThePartnerships() throws {
        #expect(try ReportRenderer.render(SampleDocument.with([.paragraph(text: "x")]), as: .csv).map(\.name) == ["partnerships.csv"])
    }

    @Test("partnerships.csv lists the period's partnerships, one a row, many values joined with semicolons")
    func partnershipsCSV() throws {
        let partnerships = [
            PeriodPartnership(id: "hanmi-vn-2019", date: "2019", title: "=Hanmi, in Vietnam", form: "Export contract", status: "Signed",
                              parties: [.init(name: "Hanmi", role: "Exporter"), .init(name: "Vimedimex", role: "Distributor")],
                              countries: ["KR", "VN"], amounts: [.init(type: "Deal value", amount: 1_500_000.5, currency: "USD")],
                              labels: [.init(code: "export", name: "Export", primary: true), .init(code: "rnd", name: "R&D", primary: false)],
                              sources: [SourceLink(title: "Notice", url: "https://example.org/n"), SourceLink(title: "Paper", url: nil)]),
        ]
        let files = try ReportRenderer.render(SampleDocument.with([]), as: .csv, with: RenderContext(partnerships: partnerships))
        #expect(String(decoding: files[0].data, as: UTF8.self) == """
            period,Id,Date,Precision,Title,Form,Status,Parties,Countries,Territories,Products,Amounts,Figures,Primary purpose,Purposes,Sources
            2019-Q4,hanmi-vn-2019,2019,year,"'=Hanmi, in Vietnam",Export contract,Signed,Hanmi (exporter); Vimedimex (distributor),KR; VN,,,\
            "Deal value: 1,500,000.50 USD",,Export,Export; R&D,Notice <https://example.org/n>; Paper

            """)
    }

    @Test("An approximate amount, an amount per winner and a qualified figure read as the source gives them")
    func qualifiedAmountsAndFigures() throws {
        let p = PeriodPartnership(id: "challenge-2024", date: "2024", title: "Challenge", form: "Programme", status: "Completed",
                                  amounts: [.init(type: "Prize", amount: 150_000_000, currency: "KRW", qualifier: "up to", per: "winner")],
                                  figures: ["participants 100+", "winners ≤ 2"])
        #expect(PartnershipFields.texts(p)[10] == "Prize: up to 150,000,000 KRW per winner")
        #expect(PartnershipFields.texts(p)[11] == "participants 100+; winners ≤ 2")
    }

    @Test("A script's own table with the id partnerships is written as partnerships-table.csv, overwriting nothing")
    func aTableNamedPartnershipsIsRenamed() throws {
        let mine = ReportTable(id: "partnerships", title: "Mine", columns: [TableColumn(title: "A")], rows: [[TableCell(text: "x")]])
        let taken = ReportTable(id: "partnerships-table", title: "Taken", columns: [TableColumn(title: "B")], rows: [[TableCell(text: "y")]])
        let files = try ReportRenderer.render(SampleDocument.with([.table(mine), .table(taken)]), as: .csv)
        #expect(files.map(\.name) == ["partnerships-table-2.csv", "partnerships-table.csv", "partnerships.csv"])
        #expect(String(decoding: files[0].data, as: UTF8.self) == "period,A,row\n2019-Q4,x,data\n")
        #expect(String(decoding: files[1].data, as: UTF8.self) == "period,B,row\n2019-Q4,y,data\n")
        #expect(String(decoding: files[2].data, as: UTF8.self).hasPrefix("period,Id,Date,"))
    }

    @Test("Control characters other than tab and line breaks never reach a CSV file")
    func controlCharactersAreReplaced() throws {
        let table = ReportTable(id: "t", title: "T", columns: [TableColumn(title: "Name")],
                                rows: [[TableCell(text: "\u{1B}[31mred\u{1}\u{7F} a\tb\nc")]])
        let text = String(decoding: try ReportRenderer.render(SampleDocument.with([.table(table)]), as: .csv)[0].data, as: UTF8.self)
        #expect(text == "period,Name,row\n2019-Q4,\"\u{FFFD}[31mred\u{FFFD}\u{FFFD} a\tb\nc\",data\n")
    }
}
