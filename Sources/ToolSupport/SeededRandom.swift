/// SplitMix64: a small seeded generator whose sequence depends only on the seed,
/// never on the platform or the Swift version. Its own helpers (`below`, `pick`,
/// …) keep that promise; the standard library's `random(in:using:)` algorithms
/// may change between Swift versions.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<n` (`n` > 0), by multiply-shift.
    public mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A number in `[0, 1)`.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index in `0..<n` skewed toward 0 (uniform 70% of the time, else `n·u²`):
    /// a few organizations take part in many deals.
    public mutating func skewed(_ n: Int) -> Int {
        let uniform = chance(0.7), u = unit()
        return min(n - 1, Int(Double(n) * (uniform ? u : u * u)))
    }

    /// `k` distinct items of `items` (all of them when `k` ≥ their count), in drawing order.
    public mutating func sample<T>(_ items: [T], _ k: Int) -> [T] {
        var pool = items, out: [T] = []
        for _ in 0..<min(k, pool.count) { out.append(pool.remove(at: below(pool.count))) }
        return out
    }
}

/// Items drawn in proportion to their weights.
public struct Weighted<T: Sendable>: Sendable {
    public let items: [T]
    private let cumulative: [Double]

    public init(_ pairs: [(T, Double)]) {
        items = pairs.map(\.0)
        var total = 0.0
        cumulative = pairs.map { total += $0.1; return total }
    }

    public func pick(_ random: inout SeededRandom) -> T {
        let x = random.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > x { high = mid } else { low = mid + 1 }
        }
        return items[low]
    }
}
