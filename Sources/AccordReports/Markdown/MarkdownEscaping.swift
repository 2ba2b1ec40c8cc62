import Foundation

/// Plain text made safe to place in Markdown, where it would otherwise format or break.
enum MarkdownEscaping {
    /// Backslashes before the characters that start inline formatting or HTML.
    static func text(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var result = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }

    /// Text for a heading or a title: escaped, and on one line.
    static func line(_ text: String) -> String {
        self.text(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }

    /// A paragraph's Markdown kept, but with raw HTML shown as text and links
    /// to anything but http, https, mailto and anchors reduced to their text.
    static func inline(_ text: String) -> String {
        var safe = text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        var out = ""
        while let open = safe.range(of: "](") {
            guard let close = safe[open.upperBound...].firstIndex(of: ")"),
                  let start = safe[..<open.lowerBound].lastIndex(of: "[") else { break }
            let label = safe[safe.index(after: start)..<open.lowerBound]
            let url = String(safe[open.upperBound..<close])
            out += safe[..<start]
            out += HTMLEscaping.safeURL(url) == nil ? String(label) : String(safe[start...close])
            safe = String(safe[safe.index(after: close)...])
        }
        return out + safe
    }

    /// Text for a pipe-table cell: on one line, and with `|` escaped too.
    static func cell(_ text: String) -> String {
        self.text(text.split(whereSeparator: \.isNewline).joined(separator: " "))
            .replacingOccurrences(of: "|", with: "\\|")
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }
}
