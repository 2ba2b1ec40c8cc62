import Foundation

/// One `<table-id>.csv` for each table: a header of column titles (with the unit of a number
/// column), the rows, and the totals row when the table has one. Numbers are written plainly.
/// A `period` column first names the report's period, so that the files of several periods
/// stack; a `row` column last tells the data rows from the `other` row that lumps the rest
/// together and the `total` row, so that a sum over the data rows is right. A table whose rows
/// name codes (`TableCell.key`) has an `id` column of them, and an amount whose cell has its
/// own currency has a currency column beside it. Then `partnerships.csv`, the period's
/// partnerships (see `PartnershipsCSV`); a table with the id `partnerships` is written as
/// `partnerships-table.csv`.
enum CSVRenderer {
    /// The UTF-8 byte order mark, which Excel needs to read a CSV file as UTF-8.
    static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    static func render(_ document: ReportDocument, partnerships: [PeriodPartnership], byteOrderMark: Bool = false) -> [RenderedFile] {
        let tables = document.blocks.compactMap { block -> ReportTable? in
            guard case let .table(table) = block else { return nil }
            return table
        }
        let period = document.period.label
        let files = zip(tables, FileNames.tables(tables)).map { table, name in RenderedFile(name: name, data: csv(table, period: period)) }
            + [PartnershipsCSV.render(partnerships, period: period)]
        return byteOrderMark ? files.map { RenderedFile(name: $0.name, data: Self.byteOrderMark + $0.data) } : files
    }

    static func csv(_ table: ReportTable, period: String) -> Data {
        var header = table.columns.map { column in column.unit.map { "\(column.title) (\($0))" } ?? column.title }
        var rows = table.rows.map { row(TableValues.cells($0, columns: table.columns.count), table.columns) }
        let totals = TableValues.totals(table, traced: false)
        if let totals { rows.append(row(totals, table.columns)) }
        // Amounts whose cells carry their own currency get a currency column beside them.
        for index in table.columns.indices.reversed() where table.rows.contains(where: { $0.indices.contains(index) && $0[index].unit != nil }) {
            header.insert("\(table.columns[index].title) currency", at: index + 1)
            for i in rows.indices {
                let cells = i < table.rows.count ? table.rows[i] : (totals ?? [])
                rows[i].insert(cells.indices.contains(index) ? cells[index].unit ?? "" : "", at: index + 1)
            }
        }
        if table.rows.contains(where: { $0.first?.key != nil }) {
            header.insert("id", at: 0)
            for i in rows.indices { rows[i].insert(defused(i < table.rows.count ? table.rows[i].first?.key ?? "" : ""), at: 0) }
        }
        header = ["period"] + header + ["row"]
        for i in rows.indices {
            let kind = i == table.rows.count ? "total" : i == table.other ? "other" : "data"
            rows[i] = [defused(period)] + rows[i] + [kind]
        }
        return data([header] + rows)
    }

    /// RFC 4180 text of `rows`, ending with a line break.
    static func data(_ rows: [[String]]) -> Data {
        Data(CSVEncoding.bytes(rows))
    }

    /// Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or
    /// carriage return first) gets a leading `'`, so that it stays text; control characters
    /// other than tab and line breaks (an escape sequence for a terminal) become U+FFFD, as in the HTML.
    static func defused(_ text: String) -> String {
        var text = text
        // Control characters are single bytes in UTF-8: look for them there, the fast way.
        if text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
        }
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }

    private static func row(_ cells: [TableCell], _ columns: [TableColumn]) -> [String] {
        zip(cells, columns).map { cell, column in
            if let trend = cell.trend { return trend.map(NumberFormat.plain).joined(separator: " ") }
            return switch (column.kind, cell.number, cell.text) {
            case (.number, let number?, _), (.text, let number?, nil): NumberFormat.plain(number)
            case (_, _, let text?): defused(text)
            case (_, nil, nil): ""
            }
        }
    }
}
