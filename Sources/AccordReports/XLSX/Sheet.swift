/// A worksheet as it is to be written: its cells by row, the header rows frozen above the
/// data, the autofilter's range and the width of each column. Sheets are built from the
/// document first and written afterwards, so what each cell holds can be checked without
/// reading a workbook.
struct Sheet: Equatable, Sendable {
    var name: String
    /// Row by row; a row may be shorter than the widest.
    var rows: [[Cell]]
    /// The rows kept in view above the rest (the header).
    var frozenRows: Int
    /// The header and the data rows the autofilter covers; nil for none.
    var filter: CellRange?
    /// In characters of the default font, one per column.
    var widths: [Double]
    /// The data rows left out for want of room (see `fit(rows:)`).
    var omitted = 0

    init(name: String, rows: [[Cell]], frozenRows: Int = 1, filter: CellRange? = nil) {
        self.name = name
        self.rows = rows
        self.frozenRows = frozenRows
        self.filter = filter
        self.widths = ColumnWidths.of(rows)
    }

    /// Excel's rows in a sheet.
    static let excelRows = 1_048_576

    /// At most `limit` rows, leaving out the last data rows (those under the header that the
    /// autofilter covers) and keeping the rows set apart below them, and counting them in
    /// `omitted`. A sheet without an autofilter is left as it is.
    mutating func fit(rows limit: Int) {
        guard rows.count > limit, var range = filter else { return }
        let data = range.lastRow - range.firstRow
        let removed = min(rows.count - limit, data)
        guard removed > 0 else { return }
        rows.removeSubrange((range.lastRow - removed + 1)...range.lastRow)
        range.lastRow -= removed
        filter = range
        omitted += removed
    }

    /// The cell at `row`, `column`, blank outside the rows.
    subscript(row: Int, column: Int) -> Cell {
        rows.indices.contains(row) && rows[row].indices.contains(column) ? rows[row][column] : Cell(.blank)
    }
}

/// Rows and columns from the first to the last, both included, counted from 0.
struct CellRange: Equatable, Sendable {
    var firstRow: Int
    var firstColumn: Int
    var lastRow: Int
    var lastColumn: Int
}

/// One cell: a typed value, its number format (Excel's notation) and whether it is bold.
struct Cell: Equatable, Sendable {
    enum Value: Equatable, Sendable {
        case text(String)
        case number(Double)
        /// A day, shown by `format` (`yyyy-mm-dd`, or `yyyy-mm` for a month).
        case date(year: Int, month: Int, day: Int)
        case blank
    }

    var value: Value
    var format: String?
    var bold: Bool

    init(_ value: Value, format: String? = nil, bold: Bool = false) {
        self.value = value
        self.format = format
        self.bold = bold
    }

    static func text(_ text: String?, bold: Bool = false) -> Cell {
        guard let text, !text.isEmpty else { return Cell(.blank, bold: bold) }
        return Cell(.text(text), bold: bold)
    }

    /// A date as a report writes it: a day as a date, a month as the date of its first day
    /// shown `yyyy-mm`, a year as the number (`2019`, never 2019-01-01); other text as text.
    static func date(_ text: String?, bold: Bool = false) -> Cell {
        guard let text, let date = CalendarDate(text) else { return .text(text, bold: bold) }
        switch (date.month, date.day) {
        case let (month?, day?): return Cell(.date(year: date.year, month: month, day: day), format: ExcelFormat.day, bold: bold)
        case let (month?, nil): return Cell(.date(year: date.year, month: month, day: 1), format: ExcelFormat.month, bold: bold)
        default: return Cell(.number(Double(date.year)), format: ExcelFormat.year, bold: bold)
        }
    }
}
