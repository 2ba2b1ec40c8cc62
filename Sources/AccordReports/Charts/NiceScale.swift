import Foundation

/// A value axis that starts at zero (or below, for negative values) and ends at a round
/// number, with ticks every 1, 2 or 5 times a power of ten.
struct NiceScale: Equatable {
    let lower: Double
    let upper: Double
    /// The step is `stepMantissa` × 10^`stepExponent`, kept apart so that ticks are exact.
    let stepMantissa: Int
    let stepExponent: Int
    let tickCount: Int
    private let firstIndex: Int

    /// - Parameters:
    ///   - integral: whether values are counts, so that no step is smaller than 1.
    ///   - targetTicks: about how many steps the axis should have.
    init(minimum: Double, maximum: Double, integral: Bool = false, targetTicks: Int = 5) {
        let low = min(0, minimum.isFinite ? minimum : 0)
        var high = max(0, maximum.isFinite ? maximum : 0)
        if high == low { high = low + 1 }
        let raw = (high - low) / Double(max(1, targetTicks))
        var exponent = Int(log10(raw).rounded(.down))
        let residual = raw / NiceScale.power(exponent)
        var mantissa: Int
        switch residual {
        case ...1.000_000_1: mantissa = 1
        case ...2.000_000_1: mantissa = 2
        case ...5.000_000_1: mantissa = 5
        default: mantissa = 1; exponent += 1
        }
        if integral, exponent < 0 { mantissa = 1; exponent = 0 }
        let step = Double(mantissa) * NiceScale.power(exponent)
        let below = Int((low / step + 1e-9).rounded(.down))
        let above = Int((high / step - 1e-9).rounded(.up))
        stepMantissa = mantissa
        stepExponent = exponent
        tickCount = above - below + 1
        lower = NiceScale.multiple(below, mantissa, exponent)
        upper = NiceScale.multiple(above, mantissa, exponent)
        firstIndex = below
    }

    var step: Double { Double(stepMantissa) * NiceScale.power(stepExponent) }

    /// From `lower` to `upper`, each computed rather than accumulated: `0.3`, never `0.30000000000000004`.
    var ticks: [Double] {
        (0..<tickCount).map { NiceScale.multiple(firstIndex + $0, stepMantissa, stepExponent) }
    }

    /// Where `value` lies between `lower` (0) and `upper` (1).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    private static func multiple(_ index: Int, _ mantissa: Int, _ exponent: Int) -> Double {
        let units = Double(index * mantissa)
        return exponent >= 0 ? units * power(exponent) : units / power(-exponent)
    }

    private static func power(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }
}
