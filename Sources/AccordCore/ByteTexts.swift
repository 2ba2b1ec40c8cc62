import Foundation

/// Texts kept as their UTF-8 bytes in one array, numbered in order: what `ByteKeys` numbered,
/// without the table that finds a text by its bytes. A year's organizations at a million
/// partnerships, tens of thousands of ids, take a third of what they take as strings.
struct ByteTexts {
    /// Each text's UTF-8, one after the other, text `k`'s at `bytes[bounds[k]..<bounds[k + 1]]`.
    private let bytes: [UInt8]
    private let bounds: [Int]

    init(bytes: [UInt8], bounds: [Int]) {
        self.bytes = bytes
        self.bounds = bounds
    }

    /// How many texts.
    var count: Int { bounds.count - 1 }

    /// Text `k`.
    func text(_ k: Int) -> String { String(decoding: bytes[bounds[k]..<bounds[k + 1]], as: UTF8.self) }

    /// Every text, in order.
    var all: [String] { (0..<count).map(text) }

    /// Text `k`'s bytes.
    func withUTF8<T>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[bounds[k]..<bounds[k + 1]])) }
    }

    /// Whether text `a` comes before text `b` in the order of their bytes, as SQLite orders text.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            let (x, y) = (UnsafeBufferPointer(rebasing: all[bounds[a]..<bounds[a + 1]]),
                          UnsafeBufferPointer(rebasing: all[bounds[b]..<bounds[b + 1]]))
            let common = min(x.count, y.count)
            let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
            return order != 0 ? order < 0 : x.count < y.count
        }
    }
}
