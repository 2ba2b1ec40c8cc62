/// The items of a `;`-separated cell read on its bytes when the cell is ASCII, as
/// `CSVCells.split`, `trimmed` and `CSVCells.unescape` read them on characters: in
/// ASCII every character is a byte (CR LF aside, which splits and trims the same),
/// and whitespace is tab to CR and the space. Nil for any other cell, which the
/// callers read on characters.
enum CSVItemBytes {
    /// A `parties` item: `org:role` split at its last colon, or the item as written when it has none.
    enum Party {
        case pair(org: String, role: String)
        case noColon(String)
    }

    /// Each non-empty item, unescaped and trimmed.
    static func items(_ cell: String) -> [String]? {
        read(cell) { bytes in
            var result: [String] = [], scratch: [UInt8] = []
            forEachItem(bytes) { result.append(text(bytes, $0, &scratch)) }
            return result
        }
    }

    /// Each non-empty item as a party.
    static func parties(_ cell: String) -> [Party]? {
        read(cell) { bytes in
            var result: [Party] = [], scratch: [UInt8] = []
            forEachItem(bytes) { item in
                guard let colon = bytes[item].lastIndex(of: UInt8(ascii: ":")) else {
                    result.append(.noColon(String(decoding: UnsafeBufferPointer(rebasing: bytes[item]), as: UTF8.self)))
                    return
                }
                result.append(.pair(org: text(bytes, item.lowerBound..<colon, &scratch),
                                    role: text(bytes, (colon + 1)..<item.upperBound, &scratch)))
            }
            return result
        }
    }

    /// Each non-empty item of a `products` or `financials` cell, split on each `|` not
    /// escaped into its first `count` parts, unescaped and trimmed, nil where a part is
    /// empty, as `CSVParts` reads them on characters; `extra` is called with the number
    /// of each item that has more parts than `count`, and how many it has.
    static func parts(_ cell: String, count: Int, extra: (_ item: Int, _ found: Int) -> Void) -> [[String?]]? {
        read(cell) { bytes in
            var result: [[String?]] = [], scratch: [UInt8] = []
            forEachItem(bytes) { item in
                var values = [String?](repeating: nil, count: count)
                var found = 0, start = item.lowerBound, i = item.lowerBound
                func part(_ range: Range<Int>) {
                    if found < count && !trim(bytes, range).isEmpty { values[found] = text(bytes, range, &scratch) }
                    found += 1
                }
                while i < item.upperBound {
                    switch bytes[i] {
                    case UInt8(ascii: "\\"):
                        i += 2
                        continue
                    case UInt8(ascii: "|"):
                        part(start..<i)
                        start = i + 1
                    default: break
                    }
                    i += 1
                }
                part(start..<item.upperBound)
                if found > count { extra(result.count + 1, found) }
                result.append(values)
            }
            return result
        }
    }

    /// Calls `body` with the cell's bytes when they are ASCII.
    private static func read<T>(_ cell: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        cell.withBytes { bytes -> T? in bytes.isASCII ? body(bytes) : nil }
    }

    /// Calls `body` with the range of each non-empty item, trimmed, split at each `;` not escaped.
    private static func forEachItem(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = 0, i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                i += 2
                continue
            case UInt8(ascii: ";"):
                let item = trim(bytes, start..<i)
                if !item.isEmpty { body(item) }
                start = i + 1
            default: break
            }
            i += 1
        }
        let item = trim(bytes, start..<bytes.count)
        if !item.isEmpty { body(item) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var from = range.lowerBound, to = range.upperBound
        while from < to && isSpace(bytes[from]) { from += 1 }
        while to > from && isSpace(bytes[to - 1]) { to -= 1 }
        return from..<to
    }

    /// The bytes unescaped (`\;`, `\|` and `\\` lose their backslash) and trimmed, as a string.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ scratch: inout [UInt8]) -> String {
        guard bytes[range].contains(UInt8(ascii: "\\")) else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[trim(bytes, range)]), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), i + 1 < range.upperBound {
                let next = bytes[i + 1]
                if next != UInt8(ascii: "\\") && next != UInt8(ascii: ";") && next != UInt8(ascii: "|") { scratch.append(byte) }
                scratch.append(next)
                i += 2
            } else {
                scratch.append(byte)
                i += 1
            }
        }
        return scratch.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[trim($0, 0..<$0.count)]), as: UTF8.self) }
    }
}
