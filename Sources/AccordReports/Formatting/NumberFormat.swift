import Foundation

/// How every renderer writes numbers: the same in every locale, with `,` between
/// thousands and `.` before decimals.
enum NumberFormat {
    /// A value in its unit: a count when `unit` is nil, a percentage for `%`, money otherwise.
    static func value(_ value: Double, unit: String?) -> String {
        switch unit {
        case nil, "": count(value)
        case "%": percent(value)
        case let currency?: money(value, currency: currency)
        }
    }

    /// A value in its unit with `decimals` decimals (a percentage always has one).
    static func value(_ value: Double, unit: String?, decimals: Int) -> String {
        switch unit {
        case nil, "": grouped(value, decimals: decimals, trimmed: false)
        case "%": percent(value)
        case let currency?: grouped(value, decimals: decimals, trimmed: false) + " " + currency
        }
    }

    /// The decimals `value(_:unit:)` shows `value` with: up to two for a count, none or two for money.
    static func decimals(_ value: Double, unit: String?) -> Int {
        switch unit {
        case nil, "":
            let text = count(value)
            return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        case "%": return 1
        default: return (value * 100).rounded().truncatingRemainder(dividingBy: 100) == 0 ? 0 : 2
        }
    }

    /// `1,234`; a fractional count keeps up to two decimals: `2.5`.
    static func count(_ value: Double) -> String {
        grouped(value, decimals: 2, trimmed: true)
    }

    /// `1,500,000 KRW`, `1,234.50 USD`: cents only when the amount is not whole.
    static func money(_ value: Double, currency: String) -> String {
        let whole: Bool
        if value.magnitude * 100 < exact {
            whole = (value * 100).rounded().truncatingRemainder(dividingBy: 100) == 0
        } else {
            let cents = ((value.magnitude - value.magnitude.rounded(.towardZero)) * 100).rounded()
            whole = cents == 0 || cents == 100
        }
        return grouped(value, decimals: whole ? 0 : 2, trimmed: false) + " " + currency
    }

    /// An amount in short form with its currency, as a reader scans it: `₩477.5bn`,
    /// `$153.7m`, `€12m`, `CHF 15.7m`; a symbol only where it is unambiguous.
    static func compactMoney(_ value: Double, currency: String) -> String {
        let sign = value < 0 ? "−" : ""
        let amount = compact(value.magnitude)
        if let symbol = currencySymbols[currency] { return sign + symbol + amount }
        return sign + currency + " " + amount
    }

    /// Currencies written with a symbol: those whose symbol names one currency in a report
    /// about partnerships (the dollar for the US dollar alone, the yen for the Japanese yen).
    static let currencySymbols = ["KRW": "₩", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"]

    /// `12.5%`: always one decimal.
    static func percent(_ value: Double) -> String {
        grouped(value, decimals: 1, trimmed: false) + "%"
    }

    /// `1.5k`, `2.3m`, `170bn`: short, for labels drawn in charts.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let rounded = (abs(value) * 10).rounded() / 10
        guard var index = suffixes.lastIndex(where: { rounded >= $0.divisor }) else {
            return grouped(value, decimals: 1, trimmed: true)
        }
        if index + 1 < suffixes.count, (abs(value) / suffixes[index].divisor * 10).rounded() >= 10_000 {
            index += 1
        }
        return grouped(value / suffixes[index].divisor, decimals: 1, trimmed: true) + suffixes[index].suffix
    }

    /// A chart's value in short form with its unit: `170bn KRW`, `3`, `12.5%`.
    static func compact(_ value: Double, unit: String?) -> String {
        switch unit {
        case nil, "": compact(value)
        case "%": percent(value)
        case let unit?: compact(value) + " " + unit
        }
    }

    /// An axis label for a tick of `scale`: no more decimals than the step needs, and a
    /// suffix (`50bn`) once the axis reaches ten thousand.
    static func tick(_ value: Double, of scale: NiceScale) -> String {
        let top = max(abs(scale.lower), abs(scale.upper))
        guard top >= 10_000, let (divisor, suffix) = suffixes.last(where: { top >= $0.divisor }) else {
            return grouped(value, decimals: max(0, -scale.stepExponent), trimmed: false)
        }
        if value == 0 { return "0" }
        let power = Int(log10(divisor).rounded())
        return grouped(value / divisor, decimals: max(0, power - scale.stepExponent), trimmed: true) + suffix
    }

    /// `1234`, `1234.5`, `-0.25`: no separators and no exponent, for CSV.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == value.rounded() { return digits(value.magnitude, sign: value < 0) }
        let shortest = "\(value)"
        return shortest.contains("e") ? grouped(value, decimals: 12, trimmed: true, separator: "") : shortest
    }

    /// A change: `+3`, `-1,250 KRW`, `+0.5 pp` for a change in percent.
    static func signed(_ value: Double, unit: String?) -> String {
        let text = unit == "%" ? grouped(value, decimals: 1, trimmed: false) + " pp" : self.value(value, unit: unit)
        return value > 0 ? "+" + text : text
    }

    /// `value` rounded half away from zero to `decimals`, with thousands separated.
    static func grouped(_ value: Double, decimals: Int, trimmed: Bool, separator: String = ",") -> String {
        guard value.isFinite else { return "–" }
        let factor = pow10(decimals)
        var integer: Double, scaled: Double
        if value.magnitude * factor < exact {
            scaled = (value.magnitude * factor).rounded()
            integer = (scaled / factor).rounded(.towardZero)
            scaled -= integer * factor
        } else {
            // Too large to scale without losing digits: the whole part and the fraction apart.
            integer = value.magnitude.rounded(.towardZero)
            scaled = ((value.magnitude - integer) * factor).rounded()
            if scaled >= factor {
                integer += 1
                scaled -= factor
            }
        }
        var fraction = ""
        if decimals > 0 {
            let padded = digits(scaled, sign: false)
            fraction = String(repeating: "0", count: max(0, decimals - padded.count)) + padded
            if trimmed { while fraction.hasSuffix("0") { fraction.removeLast() } }
        }
        let negative = value < 0 && (integer > 0 || scaled > 0)
        var text = group(digits(integer, sign: false), separator: separator)
        if !fraction.isEmpty { text += "." + fraction }
        return negative ? "-" + text : text
    }

    /// Below this, every whole number is a Double, so scaling by a power of ten loses nothing.
    private static let exact = 9e15

    private static let suffixes: [(divisor: Double, suffix: String)] = [
        (1e3, "k"), (1e6, "m"), (1e9, "bn"), (1e12, "tn"),
    ]

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The decimal digits of a whole, non-negative number, without an exponent: exact
    /// below 9e18, and beyond, the shortest digits that read back as the same Double.
    private static func digits(_ whole: Double, sign: Bool) -> String {
        var text: String
        if whole < 9e18 {
            text = String(UInt64(whole))
        } else {
            let shortest = "\(whole)"
            let parts = shortest.split(separator: "e")
            let mantissa = parts[0].split(separator: ".")
            var significant = String(mantissa[0]) + (mantissa.count > 1 && mantissa[1] != "0" ? String(mantissa[1]) : "")
            let exponent = parts.count > 1 ? Int(parts[1])! : mantissa[0].count - 1
            significant += String(repeating: "0", count: max(0, exponent + 1 - significant.count))
            text = significant
        }
        return sign ? "-" + text : text
    }

    private static func group(_ digits: String, separator: String) -> String {
        guard !separator.isEmpty, digits.count > 3 else { return digits }
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return result
    }
}
