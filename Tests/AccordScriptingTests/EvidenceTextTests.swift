import Foundation
import Testing
@testable import AccordScripting
import ToolSupport

/// The texts the compiled engine writes into evidence, against what the DSL's Lua writes.
@Suite struct EvidenceTextTests {
    private static func written(_ amount: Double) -> String {
        var out: [UInt8] = []
        EvidenceToken.fifteenDigits(amount, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func anAmountIsWrittenAsLuasFifteenDigitsWriteIt() {
        var random = SeededRandom(seed: 15)
        var amounts: [Double] = [0, -0.0, 1, -1, 520_000_000, 999_999_999_999_999, -999_999_999_999_999, 1e15, 1e15 + 2,
                                 123.5, 0.1, 1e20, -3e14, 9_007_199_254_740_993, 1.5e-7, .infinity, -.infinity, .nan]
        for _ in 0..<2000 {
            let digits = Double(random.below(1_000_000_000))
            amounts += [digits, digits * 1000, digits / 100, Double(random.below(100)) * pow(10, Double(random.below(24)))]
        }
        for amount in amounts {
            #expect(Self.written(amount) == String(format: "%.15g", amount), "\(amount)")
        }
    }
}
