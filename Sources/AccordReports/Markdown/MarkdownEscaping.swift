import Foundation

/// Plain text made safe to place in Markdown, where it would otherwise format or break.
enum MarkdownEscaping {
    /// Backslashes before the characters that start inline formatting or HTML.
    static func text(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }

    /// Text for a pipe-table cell: on one line, and with `|` escaped too.
    static func cell(_ text: String) -> String {
        self.text(text.split(whereSeparator: \.isNewline).joined(separator: " "))
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
