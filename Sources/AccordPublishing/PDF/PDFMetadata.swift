import Foundation

/// The dates a PDF engine writes into a PDF's metadata, set to a given day, so that the same
/// page prints to the same bytes on any day. Each date keeps its length, so the offsets in the
/// file's cross-reference table stay right.
enum PDFMetadata {
    /// `pdf` with each `/CreationDate` and `/ModDate` (`D:20261202141530+00'00'`) at `day` (`2026-01-01`), 00:00:00 UTC.
    static func dated(_ pdf: Data, day: String) -> Data {
        let digits = day.filter(\.isNumber)
        guard digits.count == 8 else { return pdf }
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate", "/ModDate"] {
            var from = 0
            while let found = find(Array(key.utf8), in: bytes, from: from) {
                from = found + key.utf8.count
                // `/CreationDate (D:YYYYMMDDHHmmSS` then an optional zone: `Z` or `+HH'mm'`.
                var i = from
                while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                guard i + 17 <= bytes.count, bytes[i] == UInt8(ascii: "("), bytes[i + 1] == UInt8(ascii: "D"),
                      bytes[i + 2] == UInt8(ascii: ":"), bytes[(i + 3)..<(i + 17)].allSatisfy({ (48...57).contains($0) }) else { continue }
                let stamp = Array((digits + "000000").utf8)
                bytes.replaceSubrange((i + 3)..<(i + 17), with: stamp)
                var j = i + 17
                if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") {
                    bytes[j] = UInt8(ascii: "+")
                    j += 1
                    while j < bytes.count, bytes[j] != UInt8(ascii: ")") {
                        if (48...57).contains(bytes[j]) { bytes[j] = UInt8(ascii: "0") }
                        j += 1
                    }
                }
            }
        }
        return Data(bytes)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
