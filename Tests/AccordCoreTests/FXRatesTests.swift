import Foundation
import Testing
@testable import AccordCore

/// The exchange rates file reports convert amounts with.
@Suite struct FXRatesTests {
    private func rates(_ yaml: String) throws -> FXRates {
        try reading(yaml, as: "fx.yaml") { path in try FXRates.load(from: path, display: "fx.yaml") }
    }

    @Test func convertsOnlyWithTheRatesTheFileGives() throws {
        let fx = try rates("currency: USD\ndate: 2025-12-31\nsource: A central bank\nrates:\n  KRW: 0.0007\n  EUR: 1.2\n")
        #expect(fx.convert(1_000_000, from: "KRW") == 700)
        #expect(fx.convert(10, from: "EUR") == 12)
        #expect(fx.convert(5, from: "USD") == 5)
        #expect(fx.convert(5, from: "JPY") == nil)
        #expect(fx.date == "2025-12-31" && fx.source == "A central bank")
    }

    @Test(arguments: [
        ("currency: usd\ndate: 2025-12-31\nsource: s\nrates: {}\n", "fx.yaml:1: currency: 'usd' is not an ISO 4217 code"),
        ("currency: USD\ndate: 2025-12\nsource: s\nrates: {}\n", "fx.yaml:2: date: '2025-12' is not a day (YYYY-MM-DD)"),
        ("currency: USD\ndate: 2025-12-31\nrates: {}\n", "'source' is missing or not a text value"),
        ("currency: USD\ndate: 2025-12-31\nsource: s\nrates:\n  KRW: -1\n", "fx.yaml:5: rates.KRW: expected a positive number"),
        ("currency: USD\ndate: 2025-12-31\nsource: s\nrate: {}\n", "fx.yaml:4: unknown field 'rate' (did you mean"),
    ])
    func aMistakeNamesItsLine(_ example: (yaml: String, message: String)) throws {
        let error = #expect(throws: ConfigError.self) { try rates(example.yaml) }
        #expect(error?.description.contains(example.message) == true, "\(String(describing: error))")
    }
}
