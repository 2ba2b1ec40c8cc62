/// `report.xlsx`: a sheet for each table, in the document's order, then `Partnerships` and
/// `Amounts` (the period's partnerships and their amounts, flat) and `About` (what the report
/// was made from). The workbook's creation date is the report's as-of day, so the same
/// document gives the same bytes.
enum XLSXRenderer {
    static let fileName = "report.xlsx"

    static func render(_ document: ReportDocument, context: RenderContext) throws(RenderError) -> RenderedFile {
        RenderedFile(name: fileName, data: try WorkbookWriter.data(sheets(document, context: context), title: document.title,
                                                              created: created(document)))
    }

    /// The sheets, each with at most `rowLimit` rows (Excel's); the About sheet counts the data
    /// rows left out.
    static func sheets(_ document: ReportDocument, context: RenderContext, rowLimit: Int = Sheet.excelRows) -> [Sheet] {
        var names = SheetNames(reserving: [PartnershipSheets.partnershipsName, PartnershipSheets.amountsName, AboutSheet.name])
        var tables: [(name: String, table: ReportTable)] = []
        for case .table(let table) in document.blocks {
            tables.append((names.name(for: table.title, fallback: table.id.isEmpty ? "Table" : table.id), table))
        }
        let listing = context.workbookListing.flatMap { $0.count == context.partnerships.count ? $0 : nil }
            ?? WorkbookListing(context.partnerships)
        var sheets = tables.map { TableSheet.sheet($0.table, named: $0.name) } + [listing.partnerships, listing.amounts]
        for i in sheets.indices { sheets[i].fit(rows: rowLimit) }
        return sheets + [AboutSheet.sheet(document, tables: tables, partnerships: context.partnerships.count,
                                          omitted: sheets.filter { $0.omitted > 0 }.map { ($0.name, $0.omitted) })]
    }

    /// The as-of day, else the period's last day.
    static func created(_ document: ReportDocument) -> CalendarDate {
        document.source.flatMap { CalendarDate($0.asOf) } ?? CalendarDate(document.period.finish)
            ?? CalendarDate("2000-01-01")!
    }
}
