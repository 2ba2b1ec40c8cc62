/// Number formats in Excel's notation, as the other formats show the same numbers:
/// `,` between thousands, a currency code after an amount, a share as a percentage.
enum ExcelFormat {
    static let day = "yyyy-mm-dd"
    static let month = "yyyy-mm"
    static let year = "0"
    static let percent = "0.0%"

    /// `#,##0` with `decimals` decimals: `#,##0.00`.
    static func grouped(decimals: Int) -> String {
        decimals > 0 ? "#,##0." + String(repeating: "0", count: min(decimals, 15)) : "#,##0"
    }

    /// An amount with its currency after it: `#,##0 "USD"`, `#,##0.00 "EUR"`.
    static func money(_ currency: String, decimals: Int = 0) -> String {
        grouped(decimals: decimals) + " " + quoted(currency)
    }

    /// A number in a unit that is not a currency: `%` after a number already in percent
    /// (`25` reads `25.0%`), otherwise the unit quoted after it.
    static func unit(_ unit: String, decimals: Int) -> String {
        unit == "%" ? "0.0" + quoted("%") : grouped(decimals: decimals) + " " + quoted(unit)
    }

    /// Text shown as it is in a number format: in quotes, with quotes and backslashes left out.
    static func quoted(_ text: String) -> String {
        "\"" + text.filter { $0 != "\"" && $0 != "\\" && !$0.isNewline } + "\""
    }
}
