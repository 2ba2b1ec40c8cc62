@testable import AccordReports
import Foundation
import Testing

/// Text from scripts that would otherwise run in a spreadsheet or break Markdown.
@Suite struct HostileTextTests {
    private func document(_ blocks: [ReportBlock], title: String = "T") -> ReportDocument {
        ReportDocument(id: "r", title: title, period: ReportPeriod(label: "2019", grain: "year", start: "2019-01-01",
                                                                   finish: "2019-12-31", previous: "2018", yearBefore: "2018"),
                       blocks: blocks)
    }

    @Test func csvCellsThatLookLikeFormulasStayText() throws {
        let table = ReportTable(id: "t", title: "t", columns: [TableColumn(title: "a"), TableColumn(title: "n", kind: .number)],
                                rows: [[TableCell(text: "=HYPERLINK(\"http://x\")"), TableCell(number: -3)],
                                       [TableCell(text: "@SUM(A1)"), TableCell(number: 2)],
                                       [TableCell(text: "plain"), TableCell(number: 1)]])
        let csv = try String(decoding: ReportRenderer.render(document([.table(table)]), as: .csv)[0].data, as: UTF8.self)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",-3"))
        #expect(csv.contains("'@SUM(A1),2"))
        #expect(csv.contains("plain,1"))
    }

    @Test func markdownKeepsTitlesOnOneLineAndShowsRawHTMLAndUnsafeLinksAsText() throws {
        let md = try String(decoding: ReportRenderer.render(document([
            .heading(text: "Heading\n# injected", level: 2),
            .paragraph(text: "<img src=x onerror=alert(1)> [safe](https://example.org) [bad](javascript:alert(2))"),
            .note(text: "a <b>note</b>"),
        ], title: "Title\n# also"), as: .md)[0].data, as: UTF8.self)
        #expect(md.hasPrefix("# Title # also\n"))
        #expect(md.contains("### Heading # injected\n"))
        #expect(!md.contains("\n# injected"))
        #expect(md.contains("\n\\<img src=x onerror=alert(1)\\> [safe](https://example.org) \\[bad\\](javascript:alert(2))\n"))
        #expect(md.contains("> a \\<b\\>note\\</b\\>"))
    }

    private func markdown(_ blocks: [ReportBlock]) -> String {
        SampleDocument.text(document(blocks), as: .md)
    }

    private func html(_ blocks: [ReportBlock]) -> String {
        SampleDocument.text(document(blocks), as: .html)
    }

    /// The lines of the Markdown after the title and period that start a block of their own:
    /// a heading, quote, list item, rule, table, HTML, fence or code.
    private func blockStarts(_ markdown: String) -> [String] {
        let start = /(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|[-_*=]{3,}\s*$|\s{4}|\t|\||<|```|~~~).*/
        return markdown.split(separator: "\n").dropFirst(2).map(String.init).filter { $0.wholeMatch(of: start) != nil }
    }

    @Test func everyValueOfAPartnershipListStaysOnItsLine() throws {
        let item = PartnershipItem(id: "p", title: "Deal\n# Injected heading", date: "2019\n- injected item", form: "mou\n> quote",
                                   labels: ["export"], parties: ["Acme\n# Org (host)", "B\r\n1. C (funder)"],
                                   sources: [SourceLink(title: "Press\n---", url: "https://example.org/a")])
        let md = markdown([.partnerships(PartnershipList(title: "List\n# also", items: [item]))])
        #expect(blockStarts(md) == ["- 2019 - injected item · **Deal # Injected heading** · mou \\> quote · `export` · "
            + "Acme # Org (host), B 1. C (funder) · Sources: [Press ---](https://example.org/a)"], "\(md)")
    }

    @Test func paragraphsAndNotesCannotStartABlockOrSpanLines() throws {
        let md = markdown([
            .paragraph(text: "# not a heading"), .paragraph(text: "- not an item"), .paragraph(text: "12. not a list"),
            .paragraph(text: "    not code"), .paragraph(text: "---"), .paragraph(text: "ok\n# injected\n\n- also"),
            .note(text: "a note\n# injected"), .paragraph(text: "~~~ not a fence"), .paragraph(text: "| a | b |"),
        ])
        #expect(blockStarts(md) == ["> a note # injected"], "\(md)")
        #expect(md.contains("\n\\# not a heading\n"))
        #expect(md.contains("\n\\- not an item\n"))
        #expect(md.contains("\n12\\. not a list\n"))
        #expect(md.contains("\nnot code\n"))
        #expect(md.contains("\nok # injected - also\n"))
        #expect(md.contains("\n> a note # injected\n"))
    }

    /// How often `token` occurs in `text` with no backslash before it.
    private func unescaped(_ token: String, in text: String) -> Int {
        text.components(separatedBy: token).dropLast().count { !$0.hasSuffix("\\") }
    }

    /// Every form of link obeys one rule, in Markdown as in HTML: http, https, mailto and
    /// anchors only, and never an image, which a viewer would fetch.
    @Test func everyFormOfLinkFollowsTheSameRulesAndNoImageIsFetched() throws {
        let blocks: [ReportBlock] = [
            .paragraph(text: "[click][r] and [r] and [click][]"),
            .paragraph(text: "[r]: javascript:alert(1)"),
            .note(text: "[n]: https://tracker.example/n \"t\""),
            .paragraph(text: "![pixel](https://tracker.example/p.png) and [![logo](https://tracker.example/l.png)](https://example.org)"),
            .paragraph(text: "<javascript:alert(2)> <https://example.org/auto> <desk@example.org> javascript:alert(3)"),
            .paragraph(text: "[ok](https://example.org/a_(b)) [bad](javascript:alert(4)) [enc](&#106;avascript:alert(5))"),
            .paragraph(text: "x![i](https://tracker.example/i.png) **![b](https://tracker.example/b.png)**"),
        ]
        let md = markdown(blocks)
        // Reference links and definitions, images and autolinks stay text.
        for token in ["][", "[r]", "[n]", "![", "<javascript", "<https", "<desk", "](javascript", "](&#", "&#106;"] {
            #expect(unescaped(token, in: md) == 0, "\(token) in \(md)")
        }
        // Links to web pages stay links: the pixel's, the logo's, ok, i and b.
        #expect(unescaped("](https://", in: md) == 5, "\(md)")
        #expect(md.contains("[ok](https://example.org/a_%28b)"))

        let page = html(blocks)
        #expect(!page.contains("<img"))
        #expect(!page.contains("href=\"javascript") && !page.contains("href=\"&#") && !page.contains("href=\"https://tracker.example/n"))
        #expect(page.components(separatedBy: "<a href=").count - 1 == 5, "\(page)")
    }
}
