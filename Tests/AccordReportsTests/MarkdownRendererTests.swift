import AccordReports
import Foundation
import Testing

@Suite struct MarkdownRendererTests {
    @Test func chartsAreImagesWrittenAlongside() throws {
        let files = try ReportRenderer.render(SampleDocument.document, as: .md)
        #expect(files.map(\.name) == ["report.md", "charts/by-purpose.svg", "charts/by-form.svg", "charts/top-partners.svg",
                                      "charts/deal-value.svg", "charts/by-region.svg"])
        let markdown = String(decoding: files[0].data, as: UTF8.self)
        #expect(markdown.contains("![Partnerships by purpose](charts/by-purpose.svg)"))
    }

    @Test func plainTextCannotFormatOrBreakATable() {
        let document = SampleDocument.with([
            .heading(text: "Top *10* <partners>", level: 2),
            .table(ReportTable(id: "t", title: "a_b", columns: [TableColumn(title: "Name | alias")],
                               rows: [[TableCell(text: "A|B\nC")]])),
        ])
        let markdown = SampleDocument.text(document, as: .md)
        #expect(markdown.contains("### Top \\*10\\* \\<partners\\>"))
        #expect(markdown.contains("**a\\_b**"))
        #expect(markdown.contains("| Name \\| alias |\n| --- |\n| A\\|B C |"))
    }

    @Test func paragraphsKeepTheirFormattingAndNotesAreQuotesOnOneLine() {
        let markdown = SampleDocument.text(SampleDocument.with([.paragraph(text: "**bold** [x](#y)"),
                                                                .note(text: "first\nsecond")]), as: .md)
        #expect(markdown.contains("\n\n**bold** [x](#y)\n\n> first second\n"))
    }

    @Test func figuresAreATableWithTheirChanges() {
        let markdown = SampleDocument.text(SampleDocument.document, as: .md)
        #expect(markdown.contains("| Figure | Value | vs previous (2019-Q3) | vs year before (2018-Q4) |"))
        #expect(markdown.contains("| New partnerships | 12 | ▲ +3 (+33.3%) | ▼ -2 (-14.3%) |"))
    }
}
