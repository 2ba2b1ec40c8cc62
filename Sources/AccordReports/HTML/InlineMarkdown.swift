import Foundation

/// Markdown's inline formatting turned into HTML: `**bold**`, `*emphasis*`, `` `code` ``,
/// `[text](url)` and backslash escapes. The text is escaped first, so nothing in it
/// becomes markup but these; a link whose URL `HTMLEscaping.safeURL` refuses stays text.
enum InlineMarkdown {
    static func html(_ markdown: String) -> String {
        let characters = Array(HTMLEscaping.escape(markdown))
        return convert(characters[...], links: true)
    }

    private static let escapable: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|"]

    private static func convert(_ text: ArraySlice<Character>, links: Bool) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "\\", i + 1 < text.endIndex, escapable.contains(text[i + 1]) {
                out.append(text[i + 1])
                i += 2
                continue
            }
            if c == "`", let close = text[(i + 1)...].firstIndex(of: "`"), close > i + 1 {
                out += "<code>" + String(text[(i + 1)..<close]) + "</code>"
                i = close + 1
                continue
            }
            if c == "*", let (html, next) = emphasis(text, at: i, links: links) {
                out += html
                i = next
                continue
            }
            if c == "[", links, let (html, next) = link(text, at: i) {
                out += html
                i = next
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `**strong**` or `*em*` opening at `start`: the opener is followed by a non-space, the
    /// closer preceded by one.
    private static func emphasis(_ text: ArraySlice<Character>, at start: Int, links: Bool) -> (String, Int)? {
        let strong = start + 1 < text.endIndex && text[start + 1] == "*"
        let width = strong ? 2 : 1
        let open = start + width
        guard open < text.endIndex, !text[open].isWhitespace else { return nil }
        var j = open
        while j < text.endIndex {
            if text[j] == "\\" { j += 2; continue }
            if text[j] == "`", let close = text[(j + 1)...].firstIndex(of: "`") { j = close + 1; continue }
            if text[j] == "*", !text[j - 1].isWhitespace, j > open {
                let double = j + 1 < text.endIndex && text[j + 1] == "*"
                if strong, double {
                    return ("<strong>" + convert(text[open..<j], links: links) + "</strong>", j + 2)
                }
                if !strong, !double, text[j - 1] != "*" {
                    return ("<em>" + convert(text[open..<j], links: links) + "</em>", j + 1)
                }
                if double { j += 2; continue }
            }
            j += 1
        }
        return nil
    }

    /// `[text](url)` opening at `start`, when the URL is one a link may point to.
    private static func link(_ text: ArraySlice<Character>, at start: Int) -> (String, Int)? {
        guard let close = find("]", in: text, from: start + 1), close + 1 < text.endIndex, text[close + 1] == "(",
              let end = find(")", in: text, from: close + 2),
              let url = HTMLEscaping.safeURL(unescaped(text[(close + 2)..<end])) else { return nil }
        return ("<a href=\"\(url)\">" + convert(text[(start + 1)..<close], links: false) + "</a>", end + 1)
    }

    private static func find(_ target: Character, in text: ArraySlice<Character>, from start: Int) -> Int? {
        var j = start
        while j < text.endIndex {
            if text[j] == "\\" { j += 2; continue }
            if text[j] == target { return j }
            j += 1
        }
        return nil
    }

    /// The URL as written, before escaping; `safeURL` escapes it again.
    private static func unescaped(_ escaped: ArraySlice<Character>) -> String {
        String(escaped)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
