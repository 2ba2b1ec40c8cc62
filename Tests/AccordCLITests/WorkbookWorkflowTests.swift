import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord report yearly --period 2019 --format xlsx` on the sample workspace,
/// the workbook read back with openpyxl.
@Suite(.serialized) struct WorkbookWorkflowTests {
    private func sample() throws -> AccordProcess {
        let accord = try AccordProcess()
        try accord.initSample("ws")
        let classified = try accord.run("classify", "--save", in: "ws")
        #expect(classified.status == 0, "\(classified.stderr)")
        return accord
    }

    @Test("The yearly report as a workbook: a sheet per table, the year's partnerships, and what it was made from")
    func yearlyWorkbook() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let made = try accord.run("report", "yearly", "--period", "2019", "--format", "xlsx", "--as-of", "2026-01-01", in: "ws")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasSuffix("Reports/yearly/2019/report.xlsx\n"), "\(made.stdout)")
        let folder = accord.folder.appendingPathComponent("ws/Reports/yearly/2019")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["manifest.json", "report.xlsx"])
        let first = try Data(contentsOf: folder.appendingPathComponent("report.xlsx"))
        let workbook = try ReadWorkbook.read(first)

        #expect(workbook.names.suffix(3) == ["Partnerships", "Amounts", "About"])
        #expect(workbook.names.count > 3)
        #expect(Set(workbook.names.map { $0.lowercased() }).count == workbook.names.count)
        for sheet in workbook.sheets { #expect(sheet.freeze == "A2", "\(sheet.name)") }

        let partnerships = try #require(workbook["Partnerships"])
        let rows = partnerships.rows.dropFirst()
        #expect(!rows.isEmpty)
        for row in rows {
            switch row[2].text {
            case "year": #expect(row[1].type == "number" && row[1].number == 2019, "\(row[0])")
            case "month", "day": #expect(row[1].type == "date" && row[1].text?.hasPrefix("2019-") == true, "\(row[0])")
            default: Issue.record("a partnership of 2019 without a precision: \(row)")
            }
        }
        #expect(rows.contains { $0[2].text == "year" }, "the sample has partnerships dated only 2019")
        #expect(partnerships.filter == "A1:O\(rows.count + 1)")

        let about = try #require(workbook["About"])
        #expect(about.rows.contains { $0.first?.text == "Period" && $0.dropFirst().first?.text == "2019" })
        #expect(about.rows.contains { $0.first?.text == "Pack" })

        // A table sheet: numbers are numbers, and a Total row, when there is one, lies outside the filter.
        let byForm = try #require(workbook.sheets.first { $0.rows.first?.last?.text == "Row" && $0.rows.count > 3 })
        let data = byForm.rows.dropFirst().prefix { !$0.allSatisfy { $0.type == "blank" } }
        #expect(data.allSatisfy { $0.last?.text == "data" })
        #expect(data.contains { $0.contains { $0.type == "number" } })

        // The same data renders the same bytes.
        #expect(try accord.run("report", "yearly", "--period", "2019", "--format", "xlsx", "--as-of", "2026-01-01", in: "ws").status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.xlsx")) == first)
    }

    @Test("The CSV format writes the period's partnership list as partnerships.csv")
    func partnershipsCSV() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let made = try accord.run("report", "yearly", "--period", "2019", "--format", "csv", in: "ws")
        #expect(made.status == 0, "\(made.stderr)")
        let csv = try accord.read("ws/Reports/yearly/2019/partnerships.csv")
        #expect(csv.hasPrefix("period,Id,Date,Precision,Title,Form,Status,Parties,Countries,Territories,Products,Amounts,Figures,Primary purpose,Purposes,Sources\n"))
        #expect(csv.contains(",2019,year,"))
    }

    @Test("An unknown format names every format there is")
    func unknownFormat() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let refused = try accord.run("report", "yearly", "--period", "2019", "--format", "xlxs", in: "ws")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("unknown format 'xlxs': use html, md, csv, json, xlsx or pdf"), "\(refused.stderr)")
    }
}
