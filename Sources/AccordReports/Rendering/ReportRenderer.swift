/// Renders a report document to files.
public enum ReportRenderer {
    /// The files of `document` in `format`, named relative to the report's folder, with what
    /// `context` adds (the period's partnerships for the CSV and the workbook, the printer for
    /// PDF, the page's links). The same document and context always render to the same bytes;
    /// PDF as far as its printer allows.
    public static func render(_ document: ReportDocument, as format: ReportFormat,
                              with context: RenderContext = RenderContext()) throws(RenderError) -> [RenderedFile] {
        switch format {
        case .html: [HTMLRenderer.render(document, navigation: context.navigation)]
        case .md: MarkdownRenderer.render(document)
        case .csv: CSVRenderer.render(document, partnerships: context.partnerships, byteOrderMark: context.csvByteOrderMark)
        case .json: [JSONRenderer.render(document)]
        case .xlsx: [try XLSXRenderer.render(document, context: context)]
        case .pdf: [try printed(document, with: context)]
        }
    }

    private static func printed(_ document: ReportDocument, with context: RenderContext) throws(RenderError) -> RenderedFile {
        guard let printer = context.printer else { throw .noPDFEngine }
        let page = HTMLRenderer.render(document)
        do {
            return RenderedFile(name: "report.pdf", data: try printer.pdf(of: page.data, dated: context.day))
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError("printing the report to PDF failed: \(error)")
        }
    }
}
