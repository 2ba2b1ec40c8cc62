/// The exchange rates a report converted amounts with, as its footer and manifest cite them:
/// no conversion is silent.
public struct ExchangeRates: Codable, Equatable, Sendable {
    /// The currency amounts were converted to.
    public var currency: String
    /// The day the rates are for, and where they come from.
    public var date: String
    public var source: String
    /// The rates used, by currency: how much of `currency` one unit is worth.
    public var rates: [String: Double]

    public init(currency: String, date: String, source: String, rates: [String: Double]) {
        self.currency = currency
        self.date = date
        self.source = source
        self.rates = rates
    }

    /// `Amounts in USD converted at the rates of 2025-12-31 (source): 1 EUR = 1.17 USD, 1 KRW = 0.00069 USD.`
    public var line: String {
        let used = rates.sorted { $0.key < $1.key }
            .map { "1 \($0.key) = \(NumberFormat.plain($0.value)) \(currency)" }.joined(separator: ", ")
        return "Amounts in \(currency) converted at the rates of \(date) (\(source)): \(used)."
    }
}
