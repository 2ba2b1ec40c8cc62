/// A list of codes (`Codes.countries`, `Codes.currencies`, territories) with its two-
/// and three-letter upper-case codes also kept as bits, so that a value like `GB` or
/// `EUR` is looked up by its letters rather than by hashing a string. Any other text
/// is looked up in the set, which also gives the hints of a message.
struct CodeTable: Sendable {
    let set: Set<String>
    /// One bit per code of two or three letters A–Z, at `index(of:)`.
    private let bits: [UInt64]

    init(_ set: Set<String>) {
        self.set = set
        var bits = [UInt64](repeating: 0, count: (Self.size + 63) / 64)
        for code in set {
            if let i = Self.index(of: code) { bits[i >> 6] |= 1 << UInt64(i & 63) }
        }
        self.bits = bits
    }

    func contains(_ text: String) -> Bool {
        guard let i = Self.index(of: text) else { return set.contains(text) }
        return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// 26 × 26 two-letter codes, then 26 × 26 × 26 three-letter ones.
    private static let size = 26 * 26 + 26 * 26 * 26

    /// The position of a code of two or three ASCII letters A–Z, nil for any other text.
    /// Such text is equal to another string only when it has the same bytes.
    private static func index(of text: String) -> Int? {
        let utf8 = text.utf8
        let count = utf8.count
        guard count == 2 || count == 3 else { return nil }
        var i = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { return nil }
            i = i * 26 + Int(byte - UInt8(ascii: "A"))
        }
        return count == 2 ? i : 26 * 26 + i
    }
}
