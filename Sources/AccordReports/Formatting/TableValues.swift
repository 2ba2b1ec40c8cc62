/// What a table's cells and totals row hold, the same for every format.
enum TableValues {
    /// A cell as shown: a number column shows the number in its unit, a text column the text;
    /// each falls back on the other. A number has the decimals its column shows (`decimals`).
    static func display(_ cell: TableCell, in column: TableColumn, decimals: Int) -> String {
        if let trend = cell.trend { return Sparkline.text(trend) }
        if let number = cell.number, let shown = formatted(number, cell: cell, column: column) { return shown }
        return switch (column.kind, cell.number, cell.text) {
        case (.number, let number?, _), (.text, let number?, nil): NumberFormat.value(number, unit: column.unit, decimals: decimals)
        case (_, _, let text?): text
        case (_, nil, nil): ""
        }
    }

    /// A number as its column's format shows it, or nil for a column without one.
    private static func formatted(_ number: Double, cell: TableCell, column: TableColumn) -> String? {
        if let currency = cell.unit ?? (column.format == .money ? column.unit : nil) {
            return NumberFormat.compactMoney(number, currency: currency)
        }
        switch column.format {
        case .integer: return NumberFormat.grouped(number, decimals: 0, trimmed: false)
        case .decimal: return NumberFormat.grouped(number, decimals: column.places ?? 2, trimmed: false)
        case .percent: return NumberFormat.percent(number * 100)
        case .money: return NumberFormat.grouped(number, decimals: 0, trimmed: false)
        case .date: return NumberFormat.plain(number)
        case nil: return nil
        }
    }

    /// The decimals each column shows its numbers with: as many as its most precise
    /// number (the `totals` row included) needs, so that a column reads `10.10` and `20.00`,
    /// never `10.10` and `20`.
    static func decimals(_ table: ReportTable, totals: [TableCell]?) -> [Int] {
        let rows = table.rows + (totals.map { [$0] } ?? [])
        return table.columns.enumerated().map { index, column in
            rows.compactMap { $0.indices.contains(index) ? $0[index].number : nil }
                .map { NumberFormat.decimals($0, unit: column.unit) }.max() ?? 0
        }
    }

    /// The totals row, when the table asks for one and has rows: each number column summed,
    /// except percentages, dates and columns declared not additive, which do not add up, and
    /// amounts in more than one currency, which are never added together; `Total` in a leading text column.
    /// A `traced` sum carries the partnerships of its cells, once each: a format that shows them asks for them.
    static func totals(_ table: ReportTable, traced: Bool) -> [TableCell]? {
        guard table.totals, !table.rows.isEmpty else { return nil }
        return table.columns.enumerated().map { index, column in
            if column.kind == .text || column.unit == "%" || column.format == .percent || column.format == .date
                || column.additive == false {
                return TableCell(text: index == 0 ? "Total" : nil)
            }
            let cells = table.rows.compactMap { $0.indices.contains(index) ? $0[index] : nil }
            let numbers = cells.compactMap(\.number)
            guard !numbers.isEmpty else { return TableCell() }
            let currencies = Set(cells.filter { $0.number != nil }.map(\.unit))
            guard currencies.count == 1 else { return TableCell() }
            var partnerships: [String] = []
            if traced {
                var seen = Set<String>()
                partnerships = cells.flatMap(\.partnerships).filter { seen.insert($0).inserted }
            }
            return TableCell(number: numbers.reduce(0, +), partnerships: partnerships, unit: currencies.first ?? nil)
        }
    }

    /// A row padded or cut to one cell per column.
    static func cells(_ row: [TableCell], columns: Int) -> [TableCell] {
        Array(row.prefix(columns)) + Array(repeating: TableCell(), count: max(0, columns - row.count))
    }
}
