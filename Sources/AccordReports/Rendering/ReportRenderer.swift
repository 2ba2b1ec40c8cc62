/// Renders a report document to files.
public enum ReportRenderer {
    /// The files of `document` in `format`, named relative to the report's folder, with what
    /// `context` adds (the period's partnerships, for the CSV and the workbook).
    /// The same document and context always render to the same bytes.
    public static func render(_ document: ReportDocument, as format: ReportFormat,
                              with context: RenderContext = RenderContext()) -> [RenderedFile] {
        switch format {
        case .html: [HTMLRenderer.render(document)]
        case .md: MarkdownRenderer.render(document)
        case .csv: CSVRenderer.render(document, partnerships: context.partnerships)
        case .json: [JSONRenderer.render(document)]
        case .xlsx: [XLSXRenderer.render(document, context: context)]
        }
    }
}
