/// A paragraph's inline formatting as HTML (see `InlineSpan`): the text is escaped, so
/// nothing in it becomes markup but the formatting and the links `InlineSpan` reads.
enum InlineMarkdown {
    static func html(_ markdown: String) -> String {
        html(InlineSpan.parse(markdown))
    }

    private static func html(_ spans: [InlineSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): HTMLEscaping.escape(text)
            case .code(let text): "<code>" + HTMLEscaping.escape(text) + "</code>"
            case .strong(let inner): "<strong>" + html(inner) + "</strong>"
            case .emphasis(let inner): "<em>" + html(inner) + "</em>"
            case .link(let inner, let url): "<a href=\"\(HTMLEscaping.safeURL(url) ?? "")\">" + html(inner) + "</a>"
            }
        }.joined()
    }
}
