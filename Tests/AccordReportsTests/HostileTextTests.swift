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
        let csv = String(decoding: ReportRenderer.render(document([.table(table)]), as: .csv)[0].data, as: UTF8.self)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",-3"))
        #expect(csv.contains("'@SUM(A1),2"))
        #expect(csv.contains("plain,1"))
    }

    @Test func markdownKeepsTitlesOnOneLineAndDropsRawHTMLAndUnsafeLinks() throws {
        let md = String(decoding: ReportRenderer.render(document([
            .heading(text: "Heading\n# injected", level: 2),
            .paragraph(text: "<img src=x onerror=alert(1)> [safe](https://example.org) [bad](javascript:alert(2))"),
            .note(text: "a <b>note</b>"),
        ], title: "Title\n# also"), as: .md)[0].data, as: UTF8.self)
        #expect(md.hasPrefix("# Title # also\n"))
        #expect(md.contains("### Heading # injected\n"))
        #expect(!md.contains("\n# injected"))
        #expect(md.contains("&lt;img src=x onerror=alert(1)&gt; [safe](https://example.org) bad"))
        #expect(md.contains("> a &lt;b&gt;note&lt;/b&gt;"))
    }
}
