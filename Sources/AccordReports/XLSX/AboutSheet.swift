/// What a workbook was made from, a fact a row: the report, its period, the as-of day and
/// zone, the parameters, the script and its digest, the modules it loaded, the classification
/// runs and packs, the exchange rates, and which sheet holds which table.
enum AboutSheet {
    static let name = "About"

    /// `tables` are the table sheets' names with the tables they hold.
    /// `omitted` counts the data rows each sheet left out, past Excel's rows.
    static func sheet(_ document: ReportDocument, tables: [(name: String, table: ReportTable)], partnerships: Int,
                      omitted: [(sheet: String, rows: Int)] = []) -> Sheet {
        var rows: [[Cell]] = [[.text("Field", bold: true), .text("Value", bold: true)]]
        func add(_ field: String, _ values: Cell...) { rows.append([.text(field)] + values) }
        add("Report", .text(document.id))
        add("Title", .text(document.title))
        if let workspace = document.workspace { add("Workspace", .text(workspace)) }
        let period = document.period
        add("Period", .text(period.label))
        add("Grain", .text(period.grain))
        add("Start", .date(period.start))
        add("Finish", .date(period.finish))
        add("Previous period", .text(period.previous))
        add("Year before", .text(period.yearBefore))
        add("Partnerships in the period", Cell(.number(Double(partnerships)), format: ExcelFormat.grouped(decimals: 0)))
        for (sheet, rows) in omitted {
            add("Rows left out", .text(sheet), count(rows),
                .text("a sheet holds \(NumberFormat.grouped(Double(Sheet.excelRows), decimals: 0, trimmed: false)) rows at most; "
                      + "the CSV format has them all"))
        }
        if let source = document.source {
            add("As of", .date(source.asOf))
            add("Time zone", .text(source.timeZone))
            for (key, value) in source.parameters.sorted(by: { $0.key < $1.key }) { add("Parameter", .text(key), .text(value)) }
            add("Script", .text(source.script))
            add("Script digest", .text(source.digest))
            for module in source.modules { add("Module", .text(module)) }
            if let classification = source.classification {
                for run in classification.runs { add("Classification run", .text(run)) }
                for pack in classification.packs { add("Pack", .text(pack.name), .text(pack.version), .text(pack.digest)) }
                add("Partnerships filed in the period", count(classification.partnerships))
                add("Without a purpose", count(classification.unlabelled))
                add("Changed since classified", count(classification.unclassified))
            }
            if let rates = source.exchangeRates {
                add("Exchange rates", .text(rates.currency), .date(rates.date), .text(rates.source))
                for (currency, rate) in rates.rates.sorted(by: { $0.key < $1.key }) {
                    add("Rate", .text("1 \(currency)"), Cell(.number(rate)), .text(rates.currency))
                }
            }
            for line in source.lines(period: period.label) { add("Made from", .text(line)) }
        }
        for (name, table) in tables { add("Sheet", .text(name), .text(table.title), .text(table.id)) }
        add("Sheet", .text(PartnershipSheets.partnershipsName), .text("The period's partnerships, one a row"))
        add("Sheet", .text(PartnershipSheets.amountsName), .text("The period's amounts, one a row"))
        return Sheet(name: name, rows: rows, frozenRows: 1)
    }

    private static func count(_ value: Int) -> Cell {
        Cell(.number(Double(value)), format: ExcelFormat.grouped(decimals: 0))
    }
}
