@testable import AccordPublishing
import AccordReports
import Foundation
import Testing

/// Printing report pages to PDF with the real engine, headless Chromium (installed by `make test`).
@Suite(.serialized) struct PDFTests {
    /// A report long enough for several pages, with a Hangul name in it.
    static let document: ReportDocument = {
        var blocks: [ReportBlock] = [.heading(text: "Partnerships", level: 1), .figures([KeyFigure(label: "New partnerships", value: 8, previous: 2)])]
        for i in 1...60 {
            blocks.append(.paragraph(text: "Paragraph \(i): 한미약품 signed an agreement with the Korea Health Industry Development Institute."))
        }
        return ReportDocument(id: "yearly", title: "Yearly review",
                              period: ReportPeriod(label: "2019", grain: "year", start: "2019-01-01", finish: "2019-12-31",
                                                   previous: "2018", yearBefore: "2018"), blocks: blocks)
    }()

    private func printed(paper: Paper = .a4, day: String = "2020-01-07") throws -> Data {
        let printer = try #require(ChromiumPrinter.find(paper: paper), "Chromium is not installed: run `make test`, which installs it")
        let file = try ReportRenderer.render(Self.document, as: .pdf, with: RenderContext(printer: printer, day: day))
        #expect(file.map(\.name) == ["report.pdf"])
        return try #require(file.first?.data)
    }

    @Test("A report prints on A4 pages with its title and period on top and n / N at the foot")
    func aReportPrintsOnA4WithARunningHeaderAndPageNumbers() throws {
        let pdf = try printed()
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(String(decoding: pdf, as: UTF8.self).contains("/MediaBox [0 0 594.9"), "not A4")
        let pages = try Poppler.pages(pdf)
        #expect(pages.count >= 2, "\(pages.count) pages")
        #expect(pages[0].contains("1 / \(pages.count)") || pages[0].contains("1/\(pages.count)"))
        // The running header is on every page but the first, which has the title itself.
        #expect(pages[1].contains("Yearly review · 2019"))
        #expect(pages[1].contains("2 / \(pages.count)") || pages[1].contains("2/\(pages.count)"))
        #expect(pages[0].contains("한미약품"), "Hangul must print as text")
    }

    @Test("A table that runs over a page repeats its header row on the next")
    func aLongTableRepeatsItsHeader() throws {
        let printer = try #require(ChromiumPrinter.find(), "Chromium is not installed: run `make test`, which installs it")
        let rows = (1...120).map { [TableCell(text: "Organization \($0)"), TableCell(number: Double($0))] }
        let table = ReportTable(id: "long", title: "Partners", columns: [TableColumn(title: "Partner organization"),
                                                                      TableColumn(title: "Deals counted", kind: .number)], rows: rows)
        var document = Self.document
        document.blocks = [.table(table)]
        let pdf = try ReportRenderer.render(document, as: .pdf, with: RenderContext(printer: printer, day: "2020-01-07"))[0].data
        let pages = try Poppler.pages(pdf)
        #expect(pages.count >= 2)
        for page in pages { #expect(page.contains("Partner organization") && page.contains("Deals counted"), "\(page.prefix(200))") }
    }

    @Test("A table's header never stays alone at the foot of a page, wherever the table starts")
    func aTableHeaderIsNeverLeftAloneAtAPageFoot() throws {
        let printer = try #require(ChromiumPrinter.find(), "Chromium is not installed: run `make test`, which installs it")
        let table = ReportTable(id: "t", title: "Partners", columns: [TableColumn(title: "Partner organization"),
                                                                   TableColumn(title: "Deals counted", kind: .number)],
                                rows: (1...6).map { [TableCell(text: "Organization \($0), " + String(repeating: "a partner of long standing in every market ", count: 3)), TableCell(number: Double($0))] }, titleShown: false)
        // Text before the table, a line more each time, so that some start puts the header near a page's foot.
        for lines in stride(from: 44, through: 56, by: 1) {
            var document = Self.document
            document.blocks = (1...lines).map { .paragraph(text: "Line \($0) before the table.") } + [.table(table)]
            let pdf = try ReportRenderer.render(document, as: .pdf, with: RenderContext(printer: printer, day: "2020-01-07"))[0].data
            for page in try Poppler.pages(pdf) where page.contains("Partner organization") {
                #expect(page.contains("Organization "), "\(lines) lines before: the header is alone on its page")
            }
        }
    }

    @Test("Letter paper is a setting")
    func letterPaperIsASetting() throws {
        #expect(String(decoding: try printed(paper: .letter), as: UTF8.self).contains("/MediaBox [0 0 612 792]"))
    }

    @Test("The same page prints to the same bytes, dated the as-of day")
    func theSamePagePrintsToTheSameBytes() throws {
        let first = try printed(), second = try printed()
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("/CreationDate (D:20200107000000+00'00')"))
        #expect(try printed(day: "2021-03-04") != first)
    }

    @Test("Metadata dates are rewritten in place, so the cross-reference offsets stay right")
    func metadataDatesKeepTheirLength() {
        let pdf = Data("1 0 obj\n<< /CreationDate (D:20261202141530+09'00') /ModDate (D:20261202141531Z) >>\nendobj\n".utf8)
        let dated = PDFMetadata.dated(pdf, day: "2020-01-07")
        #expect(dated.count == pdf.count)
        #expect(String(decoding: dated, as: UTF8.self)
            == "1 0 obj\n<< /CreationDate (D:20200107000000+00'00') /ModDate (D:20200107000000Z) >>\nendobj\n")
    }

    @Test("A page asked for on letter paper says so before its head ends; A4 is the style sheet's own")
    func paperStylesThePage() {
        let page = Data("<html><head><title>x</title></head><body></body></html>".utf8)
        #expect(Paper.a4.styled(page) == page)
        #expect(String(decoding: Paper.letter.styled(page), as: UTF8.self).contains("<style>@page { size: letter; }</style>\n</head>"))
    }

    @Test("Without an engine, PDF is refused with what to install")
    func withoutAnEngineAskingForPDFSaysWhatToInstall() {
        let error = #expect(throws: RenderError.self) { try ReportRenderer.render(Self.document, as: .pdf) }
        #expect(error?.missingEngine == true)
        #expect(error?.description.contains("apt-get install chromium") == true)
    }
}

/// Reads PDFs back with poppler's pdftotext, an independent reader.
enum Poppler {
    /// The text of each page.
    static func pages(_ pdf: Data) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [input.path, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        // pdftotext ends each page with a form feed.
        return try String(contentsOf: output, encoding: .utf8).split(separator: "\u{0C}", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty }
    }
}
