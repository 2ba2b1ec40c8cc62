/// A paragraph's inline formatting, read once for every format: `**bold**`,
/// `*emphasis*`, `` `code` ``, `[text](url)` with a URL `HTMLEscaping.safeURL`
/// accepts, and backslash escapes. Everything else is text: raw HTML, images,
/// reference links and their definitions, autolinks, links to other schemes.
/// HTML and Markdown are written from the same spans, so they show the same.
indirect enum InlineSpan: Equatable {
    case text(String)
    case code(String)
    case strong([InlineSpan])
    case emphasis([InlineSpan])
    /// A link whose URL `HTMLEscaping.safeURL` accepts; its text holds no links.
    case link([InlineSpan], url: String)

    /// The spans of `markdown`.
    static func parse(_ markdown: String) -> [InlineSpan] {
        let characters = Array(markdown)
        return InlineReader(text: characters[...]).spans(links: true)
    }
}

private struct InlineReader {
    let text: ArraySlice<Character>

    private static let escapable: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|"]

    func spans(links: Bool) -> [InlineSpan] {
        var spans: [InlineSpan] = []
        var plain = ""
        func flush() {
            if !plain.isEmpty { spans.append(.text(plain)) }
            plain = ""
        }
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "\\", i + 1 < text.endIndex, Self.escapable.contains(text[i + 1]) {
                plain.append(text[i + 1])
                i += 2
                continue
            }
            if c == "`", let close = text[(i + 1)...].firstIndex(of: "`"), close > i + 1 {
                flush()
                spans.append(.code(String(text[(i + 1)..<close])))
                i = close + 1
                continue
            }
            if c == "*", let (span, next) = emphasis(at: i, links: links) {
                flush()
                spans.append(span)
                i = next
                continue
            }
            if c == "[", links, let (span, next) = link(at: i) {
                flush()
                spans.append(span)
                i = next
                continue
            }
            plain.append(c)
            i += 1
        }
        flush()
        return spans
    }

    /// `**strong**` or `*em*` opening at `start`: the opener is followed by a non-space, the
    /// closer preceded by one.
    private func emphasis(at start: Int, links: Bool) -> (InlineSpan, Int)? {
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
                let inner = InlineReader(text: text[open..<j])
                if strong, double { return (.strong(inner.spans(links: links)), j + 2) }
                if !strong, !double, text[j - 1] != "*" { return (.emphasis(inner.spans(links: links)), j + 1) }
                if double { j += 2; continue }
            }
            j += 1
        }
        return nil
    }

    /// `[text](url)` opening at `start`, when the URL is one a link may point to.
    private func link(at start: Int) -> (InlineSpan, Int)? {
        guard let close = find("]", from: start + 1), close + 1 < text.endIndex, text[close + 1] == "(",
              let end = find(")", from: close + 2) else { return nil }
        let url = String(text[(close + 2)..<end])
        guard HTMLEscaping.safeURL(url) != nil else { return nil }
        return (.link(InlineReader(text: text[(start + 1)..<close]).spans(links: false), url: url), end + 1)
    }

    private func find(_ target: Character, from start: Int) -> Int? {
        var j = start
        while j < text.endIndex {
            if text[j] == "\\" { j += 2; continue }
            if text[j] == target { return j }
            j += 1
        }
        return nil
    }
}
