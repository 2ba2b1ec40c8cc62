/// A table as a sheet: a header row (frozen), the data rows under it with the autofilter over
/// them, then, after an empty row and in bold, the row lumping the rest together ("Other")
/// and the totals row, outside the filter, so that sorting, filtering, a pivot or a SUM over
/// the data counts nothing twice. A last column, `Row`, says which each row is (`data`,
/// `other`, `total`).
///
/// Numbers are numbers in their column's format: money with its currency (`#,##0 "USD"`), a
/// share as a percentage, a date column's dates as dates (a year as the number). A table
/// whose rows name codes starts with an `Id` column of them, and an amount whose cell has its
/// own currency gets a currency column beside it, as in the CSV. A sparkline's cell holds its
/// series as text, oldest first (`3 5 2 4`), as in the CSV.
enum TableSheet {
    static let rowColumn = "Row"

    static func sheet(_ table: ReportTable, named name: String) -> Sheet {
        let totals = TableValues.totals(table, traced: false)
        let decimals = TableValues.decimals(table, totals: totals)
        let hasID = table.rows.contains { $0.first?.key != nil }
        let ownCurrency = Set(table.columns.indices.filter { index in
            table.rows.contains { $0.indices.contains(index) && $0[index].unit != nil }
        })
        func row(_ cells: [TableCell], kind: String, bold: Bool) -> [Cell] {
            var out: [Cell] = hasID ? [.text(cells.first?.key, bold: bold)] : []
            for (index, (cell, column)) in zip(TableValues.cells(cells, columns: table.columns.count), table.columns).enumerated() {
                out.append(Self.cell(cell, column: column, decimals: decimals[index], bold: bold))
                if ownCurrency.contains(index) { out.append(.text(cell.unit, bold: bold)) }
            }
            return out + [.text(kind, bold: bold)]
        }
        var header: [Cell] = hasID ? [.text("Id", bold: true)] : []
        for (index, column) in table.columns.enumerated() {
            // A pivot needs every column named.
            let title = column.title.isEmpty ? (index == 0 ? "Name" : "Column \(index + 1)") : column.title
            header.append(.text(title, bold: true))
            if ownCurrency.contains(index) { header.append(.text("\(column.title.isEmpty ? "Amount" : column.title) currency", bold: true)) }
        }
        header.append(.text(rowColumn, bold: true))

        let other = table.other.flatMap { table.rows.indices.contains($0) ? $0 : nil }
        let data = table.rows.indices.filter { $0 != other }.map { row(table.rows[$0], kind: "data", bold: false) }
        var apart: [[Cell]] = []
        if let other { apart.append(row(table.rows[other], kind: "other", bold: true)) }
        if let totals { apart.append(row(totals, kind: "total", bold: true)) }
        let rows = [header] + data + (apart.isEmpty ? [] : [[]] + apart)
        return Sheet(name: name, rows: rows, frozenRows: 1,
                     filter: CellRange(firstRow: 0, firstColumn: 0, lastRow: data.count, lastColumn: header.count - 1))
    }

    /// A table cell typed: a number in its column's format, a date column's date as a date,
    /// text as text, a sparkline's series as text.
    static func cell(_ cell: TableCell, column: TableColumn, decimals: Int, bold: Bool = false) -> Cell {
        if let trend = cell.trend { return .text(trend.map(NumberFormat.plain).joined(separator: " "), bold: bold) }
        if column.format == .date {
            if let number = cell.number { return Cell(.number(number), format: ExcelFormat.year, bold: bold) }
            return .date(cell.text, bold: bold)
        }
        if let number = cell.number, column.kind == .number || cell.text == nil {
            return Cell(.number(number), format: format(cell, column: column, decimals: decimals), bold: bold)
        }
        return .text(cell.text, bold: bold)
    }

    /// The number format of a cell's number, matching what the page shows.
    static func format(_ cell: TableCell, column: TableColumn, decimals: Int) -> String {
        if let currency = cell.unit ?? (column.format == .money ? column.unit : nil) {
            return ExcelFormat.money(currency, decimals: decimals > 0 ? 2 : 0)
        }
        return switch column.format {
        case .integer: ExcelFormat.grouped(decimals: 0)
        case .decimal: ExcelFormat.grouped(decimals: column.places ?? 2)
        case .percent: ExcelFormat.percent
        case .money: ExcelFormat.grouped(decimals: decimals > 0 ? 2 : 0)
        case .date: ExcelFormat.year
        case nil: column.unit.map { ExcelFormat.unit($0, decimals: decimals) } ?? ExcelFormat.grouped(decimals: decimals)
        }
    }
}
