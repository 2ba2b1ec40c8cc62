/// Text made safe to place in HTML or SVG, between tags or in a quoted attribute.
public enum HTMLEscaping {
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    /// `text` with `& < > " '` as entities and control characters but tab and line breaks as U+FFFD.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A URL fit for `href`: http, https and mailto links and `#anchors`; nil for any other.
    public static func safeURL(_ url: String) -> String? {
        let lowered = url.lowercased()
        let allowed = ["http://", "https://", "mailto:", "#"].contains { lowered.hasPrefix($0) }
        guard allowed, !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            return nil
        }
        return escape(url)
    }
}
