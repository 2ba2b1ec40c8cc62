import Foundation
import Yams

/// The exchange rates a workspace converts amounts with: one dated file, with its source, of
/// how much of a reporting currency one unit of each other currency is worth. Reports convert
/// only with these, and say so: never silently, never at a rate the file does not give.
///
/// ```yaml
/// currency: USD               # the reporting currency
/// date: 2025-12-31            # the day the rates are for
/// source: Central bank reference rates, 31 Dec 2025
/// rates:                      # USD per unit
///   KRW: 0.00069
///   EUR: 1.17
/// ```
public struct FXRates: Equatable, Sendable {
    public var currency: String
    public var date: String
    public var source: String
    public var rates: [String: Double]

    public init(currency: String, date: String, source: String, rates: [String: Double]) {
        self.currency = currency
        self.date = date
        self.source = source
        self.rates = rates
    }

    /// `amount` in the reporting currency, or nil when the file gives no rate for `from`.
    public func convert(_ amount: Double, from: String) -> Double? {
        from == currency ? amount : rates[from].map { amount * $0 }
    }

    /// Reads the rates file at `path` (`display` names it in errors, with the line).
    public static func load(from path: String, display: String) throws(ConfigError) -> FXRates {
        let root = try YAMLDocument.load(path, display: display)
        guard let mapping = root?.mapping else {
            throw ConfigError(file: display, line: root?.mark?.line, message: "expected currency, date, source and rates")
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard ["currency", "date", "source", "rates"].contains(name) else {
                throw ConfigError(file: display, line: key.mark?.line, message: "unknown field '\(name)'"
                    + Suggestion.hint(for: name, in: ["currency", "date", "source", "rates"]))
            }
            fields[name] = value
        }
        func field(_ name: String) throws(ConfigError) -> String {
            guard let value = fields[name]?.scalar?.string, !value.isEmpty else {
                throw ConfigError(file: display, line: fields[name]?.mark?.line ?? root?.mark?.line,
                                  message: "'\(name)' is missing or not a text value")
            }
            return value
        }
        let currency = try field("currency")
        guard isCurrency(currency) else {
            throw ConfigError(file: display, line: fields["currency"]?.mark?.line, message: "currency: '\(currency)' is not an ISO 4217 code")
        }
        let date = try field("date")
        guard let day = PartialDate(date), day.precision == .day else {
            throw ConfigError(file: display, line: fields["date"]?.mark?.line, message: "date: '\(date)' is not a day (YYYY-MM-DD)")
        }
        guard let rateNodes = fields["rates"]?.mapping else {
            throw ConfigError(file: display, line: fields["rates"]?.mark?.line ?? root?.mark?.line,
                              message: "'rates' must map currencies to how much \(currency) one unit is worth")
        }
        var rates: [String: Double] = [:]
        for (key, value) in rateNodes {
            let code = key.string ?? ""
            guard isCurrency(code) else {
                throw ConfigError(file: display, line: key.mark?.line, message: "rates: '\(code)' is not an ISO 4217 code")
            }
            guard let rate = value.scalar.flatMap({ Double($0.string) }), rate.isFinite, rate > 0 else {
                throw ConfigError(file: display, line: value.mark?.line, message: "rates.\(code): expected a positive number")
            }
            rates[code] = rate
        }
        return FXRates(currency: currency, date: day.description, source: try field("source"), rates: rates)
    }

    private static func isCurrency(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
