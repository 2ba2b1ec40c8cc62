import AccordReports
import Foundation
import Testing

@Suite struct HTMLRendererTests {
    private let hostile = "<script>alert('x')</script> & \"quotes\""

    @Test func hostileTextEverywhereRendersAsText() {
        let document = SampleDocument.with([
            .heading(text: hostile, level: 1),
            .paragraph(text: hostile),
            .note(text: hostile),
            .figures([KeyFigure(label: hostile, value: 1, unit: hostile, partnerships: [hostile])]),
            .table(ReportTable(id: hostile, title: hostile, columns: [TableColumn(title: hostile)],
                               rows: [[TableCell(text: hostile, partnerships: [hostile])]])),
            .chart(ReportChart(id: hostile, title: hostile, kind: .bar, categories: [hostile],
                               series: [ChartSeries(name: hostile, values: [1])], unit: hostile)),
            .partnerships(PartnershipList(title: hostile, items: [
                PartnershipItem(id: "\"><script>", title: hostile, date: hostile, form: hostile, labels: [hostile],
                                parties: [hostile], sources: [SourceLink(title: hostile, url: "javascript:alert(1)")]),
            ])),
        ], title: hostile)
        let html = SampleDocument.text(document, as: .html)
        #expect(!html.contains("<script"))
        #expect(html.contains("<li class=\"partnership\" id=\"p-&quot;&gt;&lt;script&gt;\">"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func thePageFetchesNothingAndRunsNothing() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        for forbidden in ["<script", "<link", "@import", "src=", "url(", "<iframe", "<img", "<object", "<embed"] {
            #expect(!html.lowercased().contains(forbidden), "the page contains \(forbidden)")
        }
        #expect(!html.contains(/\son[a-z]+=/), "an event handler")
        #expect(html.contains("<style>"))
        // Each of the five charts twice: for wide screens and paper, and for phones.
        #expect(html.components(separatedBy: "<svg class=\"wide\" ").count == 6)
        #expect(html.components(separatedBy: "<svg class=\"narrow\" ").count == 6)
    }

    @Test func numbersNameThePartnershipsTheyCount() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("<div class=\"figure-value traced\" title=\"Partnerships: hanmi-vn-2019, risinajumi-lv-2019, "
            + "celltrion-th-2019\">12</div>"))
        #expect(html.contains("<td class=\"num traced\" title=\"Partnerships: risinajumi-lv-2019\">5</td>"))
        #expect(html.contains("<li class=\"partnership\" id=\"p-hanmi-vn-2019\">"))
    }

    @Test func aTooltipListsAtMostTwentyPartnershipsAndCountsTheRest() {
        let ids = (1...667).map { "deal-\($0)" }
        let document = SampleDocument.with([.figures([KeyFigure(label: "New", value: 667, partnerships: ids)])], title: "T")
        let html = SampleDocument.text(document, as: .html)
        let listed = (1...20).map { "deal-\($0)" }.joined(separator: ", ")
        #expect(html.contains("title=\"Partnerships: \(listed) and 647 more\""))
        #expect(!html.contains("deal-21,"))
        #expect(SampleDocument.text(document, as: .json).contains("deal-667"))
    }

    @Test func theWorkspacesNameStandsAboveTheTitle() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("<header class=\"report-header\">\n<p class=\"workspace\">Sample partnerships</p>\n<h1>"))
        let markdown = SampleDocument.text(SampleDocument.document, as: .md)
        #expect(markdown.contains("# Partnerships in review\n\nSample partnerships · "))
    }

    @Test func printedPagesCarryTheTitleAndPeriodAtTheirTop() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("@page { @top-left { content: \"Partnerships in review · 2019-Q4\";"))
        // A title cannot end the CSS string or the style element.
        let hostile = SampleDocument.text(SampleDocument.with([], title: "a\"} </style><b>x"), as: .html)
        #expect(hostile.contains("content: \"a\\22 \\7d  \\3c \\2f style\\3e \\3c b\\3e x"), "\(hostile)")
        #expect(!hostile.contains("</style><b>"))
    }

    @Test func figuresShowTheirChanges() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("<dt>vs 2019-Q3</dt><dd class=\"up\"><span aria-hidden=\"true\">▲</span> +3 (+33.3%)</dd>"))
        #expect(html.contains("<dd class=\"new\"><span aria-hidden=\"true\">▲</span> +3 (new)</dd>"))
        #expect(html.contains("<dd class=\"absent\">–</dd>"))
    }

    @Test func tablesAlignNumbersAndAddTotals() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("<th scope=\"col\" class=\"num\">Partnerships</th>"))
        #expect(html.contains("<tfoot>\n<tr><td>Total</td><td class=\"num traced\""))
        #expect(html.contains(">1,242</td><td class=\"num\">120,048,250,000.50 KRW</td><td class=\"num\"></td></tr>"))
    }

    @Test func headingsGetUniqueAnchors() {
        let html = SampleDocument.text(SampleDocument.with([.heading(text: "Exports & R&D", level: 1),
                                                            .heading(text: "Exports & R&D", level: 5)]), as: .html)
        #expect(html.contains("<h2 id=\"exports-r-d\">Exports &amp; R&amp;D</h2>"))
        #expect(html.contains("<h4 id=\"exports-r-d-2\">"))
    }

    @Test func sourcesLinkOnlyToWebPages() {
        let html = SampleDocument.text(SampleDocument.document, as: .html)
        #expect(html.contains("<a href=\"https://example.com/news/1234\" rel=\"noreferrer\">Korea Biomedical Review</a>, Company filing"))
        #expect(html.contains("Sources: Press release</div>"))
    }

    @Test("A report page links the periods before and after it and the indexes, and prints without the links")
    func aPageLinksItsNeighboursAndTheIndexes() throws {
        let navigation = ReportNavigation(previous: .init(label: "2019-Q3", href: "../2019-Q3/report.html"),
                                          next: .init(label: "<2020-Q1>", href: "../2020-Q1/report.html"))
        let html = try String(decoding: ReportRenderer.render(SampleDocument.document, as: .html,
                                                              with: RenderContext(navigation: navigation))[0].data, as: UTF8.self)
        #expect(html.contains("<nav class=\"periods\"><a href=\"../2019-Q3/report.html\" rel=\"prev\">← 2019-Q3</a> · "
            + "<a href=\"../index.html\">All periods</a> · <a href=\"../../index.html\">All reports</a> · "
            + "<a href=\"../2020-Q1/report.html\" rel=\"next\">&lt;2020-Q1&gt; →</a></nav>"))
        #expect(html.contains("nav.periods { display: none; }"))
        #expect(!SampleDocument.text(SampleDocument.document, as: .html).contains("<nav"), "no links without navigation")
    }
}
