import Foundation

/// What a script may use before it is stopped: the `limits` of `accord.yaml`,
/// overridden by `--max-instructions`, `--timeout` and `--max-memory`.
public struct ScriptLimits: Equatable, Sendable {
    /// Lua VM instructions; nil for no limit.
    public var instructions: Int?
    /// Wall-clock seconds; nil for no limit.
    public var timeout: Double?
    /// Bytes; nil for no limit.
    public var memory: Int?

    public init(instructions: Int? = nil, timeout: Double? = nil, memory: Int? = nil) {
        self.instructions = instructions
        self.timeout = timeout
        self.memory = memory
    }

    /// One billion instructions, five minutes, 1 GiB: generous for a report over
    /// a large database, and a stop for a runaway script within minutes.
    public static let defaults = ScriptLimits(instructions: 10_000_000_000, timeout: 300, memory: 1 << 30)

    /// Parses an instruction count: `100000000`, `100_000_000`, `100M`, `1G`, or `none`.
    public static func parseCount(_ text: String) -> Int?? {
        parse(text, units: ["": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000])
    }

    /// Parses a size: `512MiB`, `1GiB`, `1048576`, `64MB`, or `none`.
    public static func parseSize(_ text: String) -> Int?? {
        parse(text, units: ["": 1, "b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000,
                            "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30])
    }

    /// Parses a duration: `30`, `30s`, `2m`, `1h`, `0.5s`, or `none`.
    public static func parseSeconds(_ text: String) -> Double?? {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "none" { return .some(nil) }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let value = Double(t.dropLast(suffix.count)), value > 0, value.isFinite else { continue }
            return .some(value * factor)
        }
        return nil
    }

    /// `.some(nil)` for `none`, `.some(n)` for a value, nil when unreadable.
    private static func parse(_ text: String, units: [String: Int]) -> Int?? {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
        if t == "none" { return .some(nil) }
        let digits = t.prefix { $0.isNumber }
        guard let value = Int(digits), value > 0,
              let factor = units[String(t.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)] else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : .some(product)
    }
}

