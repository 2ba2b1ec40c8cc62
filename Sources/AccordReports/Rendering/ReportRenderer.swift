/// Renders a report document to files.
public enum ReportRenderer {
    /// The files of `document` in `format`, named relative to the report's folder.
    /// The same document always renders to the same bytes.
    public static func render(_ document: ReportDocument, as format: ReportFormat) -> [RenderedFile] {
        switch format {
        case .html: [HTMLRenderer.render(document)]
        case .md: MarkdownRenderer.render(document)
        case .csv: CSVRenderer.render(document)
        case .json: [JSONRenderer.render(document)]
        }
    }
}
