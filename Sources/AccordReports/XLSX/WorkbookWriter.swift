import CXLSXWriter
import Foundation

/// Writes sheets into an `.xlsx` workbook with libxlsxwriter. libxlsxwriter 1.1.4 writes
/// to a file only, so the workbook goes to a temporary file in a private folder (mode 0700)
/// that is read back and removed. Its creation date is the day given, so the same sheets give the same bytes.
///
/// The workbook is written in libxlsxwriter's constant-memory mode: each row's XML is made as
/// the next row starts, into a file in the same folder, and each text is kept in its cell
/// rather than in a table of shared strings. Sheets are written row by row, as that mode asks.
/// A year's workbook at a million partnerships takes about a second less this way (no lookup
/// of each text among the others, no table of them to write at the end), for a file a quarter larger.
enum WorkbookWriter {
    /// Excel's longest text in a cell, in characters; longer text is cut, with `…`.
    static let longestText = 32_767

    static func data(_ sheets: [Sheet], title: String, created day: CalendarDate) throws(RenderError) -> Data {
        // A folder only this user can read: the workbook holds the period's partnerships.
        var template = Array("\(FileManager.default.temporaryDirectory.path)/accord-xlsx-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw RenderError("cannot make a temporary folder for the workbook: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/report.xlsx"
        var options = lxw_workbook_options()
        options.constant_memory = 1
        let rowFiles = strdup(folder)
        defer { free(rowFiles) }
        options.tmpdir = rowFiles
        guard let workbook = workbook_new_opt(path, &options) else {
            throw RenderError("cannot start a workbook at \(path)")
        }
        setProperties(of: workbook, title: title, created: day)
        var formats = Formats(workbook: workbook)
        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                _ = workbook_close(workbook)
                throw RenderError("the workbook refused the sheet name '\(sheet.name)'")
            }
            write(sheet, to: worksheet, formats: &formats)
        }
        let status = workbook_close(workbook)
        guard status.rawValue == 0, let data = FileManager.default.contents(atPath: path) else {
            throw RenderError("cannot write the workbook \(path): \(String(cString: lxw_strerror(status)))")
        }
        return data
    }

    private static func setProperties(of workbook: UnsafeMutablePointer<lxw_workbook>, title: String, created day: CalendarDate) {
        var properties = lxw_doc_properties()
        let copied = strdup(title)
        defer { free(copied) }
        properties.title = copied
        // 0 would mean now; the day's midnight UTC is never 0 for a report's day.
        properties.created = time_t(max(day.daysSinceEpoch, 1) * 86_400)
        _ = workbook_set_properties(workbook, &properties)
    }

    /// The sheet's settings first: in constant-memory mode an autofilter over rows already written is refused.
    private static func write(_ sheet: Sheet, to worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: inout Formats) {
        for (c, width) in sheet.widths.enumerated() {
            _ = worksheet_set_column(worksheet, lxw_col_t(c), lxw_col_t(c), width, nil)
        }
        if sheet.frozenRows > 0 { worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozenRows), 0) }
        if let range = sheet.filter {
            _ = worksheet_autofilter(worksheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                     lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn))
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                let (rowIndex, columnIndex) = (lxw_row_t(r), lxw_col_t(c))
                let format = formats.format(cell.format, bold: cell.bold)
                switch cell.value {
                case .text(let text):
                    _ = worksheet_write_string(worksheet, rowIndex, columnIndex, cellText(text), format)
                case .number(let number):
                    _ = worksheet_write_number(worksheet, rowIndex, columnIndex, number, format)
                case let .date(year, month, day):
                    var datetime = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                    _ = worksheet_write_datetime(worksheet, rowIndex, columnIndex, &datetime, format)
                case .blank:
                    if format != nil { _ = worksheet_write_blank(worksheet, rowIndex, columnIndex, format) }
                }
            }
        }
    }

    /// Text as Excel takes it: cut to its longest, without NUL (which ends a C string), and
    /// with text that reads as an escape of the file format (`_x0041_`, which Excel would show
    /// as `A`) escaped itself (`_x005F_x0041_`). libxlsxwriter escapes control characters
    /// (`_x0007_`) but not such text.
    static func cellText(_ text: String) -> String {
        // Most text has no NUL, fits, and reads as no escape: found in one pass over its bytes, where
        // Foundation's `contains` went through NSString (a tenth of a large workbook's time) and a
        // walk of `utf8` pairs took a tenth of what was left.
        var text = text
        let plain = text.withUTF8 { bytes in
            guard bytes.count <= longestText else { return false }
            for i in bytes.indices where bytes[i] == 0
                || (bytes[i] == 0x5F && i + 1 < bytes.count && bytes[i + 1] | 0x20 == 0x78) { return false }
            return true
        }
        if plain { return text }
        var clean = text.utf8.contains(0) ? String(decoding: text.utf8.filter { $0 != 0 }, as: UTF8.self) : text
        // UTF-8 is never shorter than the scalars it encodes: most text need not be counted.
        if clean.utf8.count > longestText, clean.unicodeScalars.count > longestText {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: clean.unicodeScalars.prefix(longestText - 1))
            clean = String(out) + "…"
        }
        guard zip(clean.utf8, clean.utf8.dropFirst()).contains(where: { $0 == 0x5F && ($1 | 0x20) == 0x78 }) else { return clean }
        return clean.replacing(/_(?=[xX][0-9A-Fa-f]{4}_)/, with: "_x005F_")
    }

    /// The workbook's formats, each made once: a number format, bold, or both.
    private struct Formats {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        var made: [String: UnsafeMutablePointer<lxw_format>] = [:]

        init(workbook: UnsafeMutablePointer<lxw_workbook>) { self.workbook = workbook }

        mutating func format(_ numberFormat: String?, bold: Bool) -> UnsafeMutablePointer<lxw_format>? {
            guard numberFormat != nil || bold else { return nil }
            let key = (bold ? "b|" : "|") + (numberFormat ?? "")
            if let format = made[key] { return format }
            guard let format = workbook_add_format(workbook) else { return nil }
            if bold { format_set_bold(format) }
            if let numberFormat { format_set_num_format(format, numberFormat) }
            made[key] = format
            return format
        }
    }
}
