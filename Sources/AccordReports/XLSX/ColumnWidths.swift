/// How wide each column is set: as wide as its widest cell reads, in characters of the
/// default font (Hangul, kana and CJK ideographs count two), between 6 and 60.
enum ColumnWidths {
    static let narrowest = 6.0
    static let widest = 60.0

    static func of(_ rows: [[Cell]]) -> [Double] {
        let columns = rows.map(\.count).max() ?? 0
        return (0..<columns).map { column in
            var widest = 0.0
            // A column stops at the widest: once a cell reaches it, the rest need not be measured.
            for row in rows where column < row.count {
                widest = max(widest, width(of: row[column]))
                if widest + 2 >= Self.widest { break }
            }
            return min(max(widest + 2, narrowest), Self.widest)
        }
    }

    /// The characters a cell shows, bold a little wider.
    static func width(of cell: Cell) -> Double {
        let text: String = switch cell.value {
        case .text(let text): text
        case .number(let number): shown(number, format: cell.format)
        case .date: cell.format ?? ExcelFormat.day
        case .blank: ""
        }
        return width(of: text) * (cell.bold ? 1.1 : 1)
    }

    /// The widest line of `text`, a wide character counting two; past the widest column it
    /// stops counting.
    static func width(of text: String) -> Double {
        var widest = 0.0
        var line = 0.0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 {
                widest = max(widest, line)
                line = 0
            } else if value < 0x300 {
                line += 1 // Latin; combining marks start at U+0300
            } else if TextWidth.isWide(value) {
                line += 2
            } else if scalar.properties.generalCategory != .nonspacingMark {
                line += 1
            }
            if line > Self.widest { return line }
        }
        return max(widest, line)
    }

    /// About as many characters as `format` shows `number` with.
    private static func shown(_ number: Double, format: String?) -> String {
        guard let format else { return NumberFormat.plain(number) }
        let decimals = format.split(separator: ".").dropFirst().first.map { $0.prefix { $0 == "0" }.count } ?? 0
        let digits = format.hasPrefix("#,##0") ? NumberFormat.grouped(number, decimals: decimals, trimmed: false)
            : NumberFormat.plain(number)
        let suffix = format.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first.map { " " + $0 } ?? ""
        return digits + suffix + (format.hasSuffix("%") ? "%" : "")
    }
}
