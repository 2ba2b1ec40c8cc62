import Foundation

/// Text made safe to place in Markdown, where it would otherwise format, link, or
/// break onto a line of its own.
enum MarkdownEscaping {
    /// Backslashes before the characters that start inline formatting, links or HTML,
    /// and before a `&` that starts an entity (`&#106;` stays as written).
    static func text(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var result = ""
        var rest = Substring(text)
        while let character = rest.first {
            if "\\`*_[]<>~".contains(character) || (character == "&" && startsEntity(rest)) { result += "\\" }
            result.append(character)
            rest = rest.dropFirst()
        }
        return result
    }

    /// The text on one line: each line break becomes a space.
    static func folded(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Text for a title, a heading or a value in a line: on one line, and escaped.
    static func line(_ text: String) -> String {
        self.text(folded(text))
    }

    /// A heading's text: a `#` it ends with would be taken for the heading's closing marks.
    static func heading(_ text: String) -> String {
        let line = self.line(text)
        return line.hasSuffix("#") ? String(line.dropLast()) + "\\#" : line
    }

    /// A paragraph: the formatting and links `InlineSpan` reads, written back on one line;
    /// everything else escaped, so that no other link, image or HTML forms, and nothing
    /// at its start begins another block.
    static func inline(_ text: String) -> String {
        blockStart(markdown(InlineSpan.parse(text)))
    }

    /// A line that cannot begin a block of its own: its leading spaces dropped (four would
    /// make code), and a backslash before a `#`, `-`, `+`, `=`, `|` or `>` it starts
    /// with, or before the `.` or `)` of a number it starts with.
    static func blockStart(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.first else { return "" }
        if "#-+=|>".contains(first) { return "\\" + trimmed }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = trimmed.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + trimmed.dropFirst(digits.count)
        }
        return String(trimmed)
    }

    /// Text for a pipe-table cell: on one line, and with `|` escaped too.
    static func cell(_ text: String) -> String {
        line(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A URL as a link's destination: the characters that would end it or open another, percent-encoded.
    static func destination(_ url: String) -> String {
        guard url.contains(where: { "()<>\\".contains($0) }) else { return url }
        var out = ""
        for character in url {
            switch character {
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            default: out.append(character)
            }
        }
        return out
    }

    private static func markdown(_ spans: [InlineSpan]) -> String {
        var out = ""
        for span in spans {
            switch span {
            case .text(let plain):
                out += text(folded(plain))
                // `!` before a link would make it an image.
                if out.hasSuffix("!") { out.insert("\\", at: out.index(before: out.endIndex)) }
            case .code(let code): out += "`" + folded(code) + "`"
            case .strong(let inner): out += "**" + markdown(inner) + "**"
            case .emphasis(let inner): out += "*" + markdown(inner) + "*"
            case .link(let inner, let url): out += "[" + markdown(inner) + "](" + destination(url) + ")"
            }
        }
        return out
    }

    /// Whether `text`, which starts with `&`, starts an entity: `&name;`, `&#106;`, `&#x6A;`.
    private static func startsEntity(_ text: Substring) -> Bool {
        let body = text.dropFirst().prefix(32)
        guard let end = body.firstIndex(of: ";"), end != body.startIndex else { return false }
        return body[..<end].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"), UInt8(ascii: "&"): true
        default: false
        }
    }
}
