#if canImport(Glibc)
import Glibc
#endif

/// Comparing texts as Lua's `string.lower` and `==` do: byte by byte, ASCII letters alone lowered.
enum ASCII {
    static func lowered(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    static func lowered(_ bytes: [UInt8]) -> [UInt8] { bytes.map(lowered) }

    /// Whether `text`, lowered, is the bytes `lowered`.
    static func lowerEquals(_ text: String, _ lowered: [UInt8]) -> Bool {
        text.utf8.count == lowered.count && zip(text.utf8, lowered).allSatisfy { Self.lowered($0) == $1 }
    }

    /// Whether `text` is exactly the bytes `bytes`.
    static func equals(_ text: String, _ bytes: [UInt8]) -> Bool { text.utf8.elementsEqual(bytes) }

    /// Whether two texts have the same bytes (Swift's `==` would also equate canonically equivalent texts).
    static func same(_ a: String, _ b: String) -> Bool {
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        guard count > 0 else { return true }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in memcmp(x.baseAddress!, y.baseAddress!, count) == 0 }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of `text` in one copy: `append(contentsOf: text.utf8)` took twice as long.
    mutating func append(utf8 text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { append(contentsOf: text.utf8) }
    }
}
