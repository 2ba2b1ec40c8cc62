import Foundation

/// The dates a PDF engine writes into a PDF's metadata, set to a given day, so that the same
/// page prints to the same bytes on any day. Each date keeps its length, so the offsets in the
/// file's cross-reference table stay right.
enum PDFMetadata {
    /// `pdf` with each `/CreationDate` and `/ModDate` (`D:20261202141530+00'00'`) at `day` (`2026-01-01`), 00:00:00 UTC.
    static func dated(_ pdf: Data, day: String) -> Data {
        let digits = day.filter(\.isNumber)
        guard digits.count == 8 else { return pdf }
        var bytes = pdf
        let stamp = Data((digits + "000000").utf8)
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            var from = bytes.startIndex
            while let found = bytes.range(of: Data(key.utf8), in: from..<bytes.endIndex) {
                // `D:YYYYMMDDHHmmSS` then an optional zone: `Z`, or `+HH'mm'` whose digits become 0.
                let start = found.upperBound
                from = start
                guard start + 14 <= bytes.endIndex, bytes[start..<(start + 14)].allSatisfy({ (48...57).contains($0) }) else { continue }
                bytes.replaceSubrange(start..<(start + 14), with: stamp)
                var i = start + 14
                guard i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { continue }
                bytes[i] = UInt8(ascii: "+")
                i += 1
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: ")") {
                    if (48...57).contains(bytes[i]) { bytes[i] = UInt8(ascii: "0") }
                    i += 1
                }
            }
        }
        return bytes
    }
}
