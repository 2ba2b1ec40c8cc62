@testable import AccordReports
import Testing

@Suite struct InlineMarkdownTests {
    private func html(_ markdown: String) -> String { InlineMarkdown.html(markdown) }

    @Test func plainTextIsEscaped() {
        #expect(html("R&D <b>Ltd</b> \"quoted\" 'single'")
            == "R&amp;D &lt;b&gt;Ltd&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;")
        #expect(html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func boldEmphasisAndCode() {
        #expect(html("**12 new** deals") == "<strong>12 new</strong> deals")
        #expect(html("led by *export*") == "led by <em>export</em>")
        #expect(html("see `export.lua`") == "see <code>export.lua</code>")
        #expect(html("**all *export* deals**") == "<strong>all <em>export</em> deals</strong>")
        #expect(html("*a **b** c*") == "<em>a <strong>b</strong> c</em>")
    }

    @Test func codeKeepsItsTextAsIs() {
        #expect(html("`**not bold** <x>`") == "<code>**not bold** &lt;x&gt;</code>")
    }

    @Test func unmatchedOrSpacedMarkersStayText() {
        #expect(html("2 * 3 * 4") == "2 * 3 * 4")
        #expect(html("**open") == "**open")
        #expect(html("a ` b") == "a ` b")
        #expect(html("[no link]") == "[no link]")
        #expect(html("\\*literal\\*") == "*literal*")
    }

    @Test func linksToWebPagesMailAndAnchors() {
        #expect(html("[news](https://example.com/a?b=1&c=2)") == "<a href=\"https://example.com/a?b=1&amp;c=2\">news</a>")
        #expect(html("[write](mailto:desk@example.com)") == "<a href=\"mailto:desk@example.com\">write</a>")
        #expect(html("[below](#p-hanmi-2019)") == "<a href=\"#p-hanmi-2019\">below</a>")
        #expect(html("[**bold** link](http://x.org)") == "<a href=\"http://x.org\"><strong>bold</strong> link</a>")
    }

    @Test func otherSchemesAreRefused() {
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
                    "//evil.example.com", "java\tscript:x"] {
            let output = html("[click](\(url))")
            #expect(!output.contains("<a"), "\(url) became a link: \(output)")
            #expect(output.hasPrefix("[click]("))
        }
    }

    @Test func aURLCannotBreakOutOfItsAttribute() {
        let output = html("[x](https://a.com/\"onmouseover=\"alert(1))")
        #expect(output == "<a href=\"https://a.com/&quot;onmouseover=&quot;alert(1\">x</a>)")
    }
}
