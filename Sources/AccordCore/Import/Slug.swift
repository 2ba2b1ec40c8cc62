/// Record ids: lower-case ASCII letters and digits in words joined by single dashes.
public enum Slug {
    /// Whether `text` is such an id.
    public static func isValid(_ text: String) -> Bool {
        // Read where the string holds its bytes: through its `utf8` view, a byte at a time took ten times as long.
        text.withBytes { bytes in
            var previous = UInt8(ascii: "-") // so that a leading dash is refused
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
                case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
                default: return false
                }
                previous = byte
            }
            return previous != UInt8(ascii: "-")
        }
    }

    /// A valid id made from `text`: its ASCII letters and digits, lower-cased, in
    /// words joined by dashes (`my-id` when it has none).
    public static func make(_ text: String) -> String {
        var words: [String] = [], word = ""
        for s in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(s) || ("0"..."9").contains(s) {
                word.unicodeScalars.append(s)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.isEmpty ? "my-id" : words.joined(separator: "-")
    }
}
