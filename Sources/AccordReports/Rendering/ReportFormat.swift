/// The formats a report renders to; the raw value is the file extension.
public enum ReportFormat: String, CaseIterable, Codable, Sendable {
    /// `report.html`: one self-contained page with inline CSS and SVG charts.
    case html
    /// `report.md` with each chart beside it as `charts/<id>.svg`.
    case md
    /// `<table-id>.csv` for each table, and `partnerships.csv`: the period's partnerships.
    case csv
    /// `report.json`: the document itself.
    case json
    /// `report.xlsx`: a sheet for each table, the period's partnerships, and what the
    /// report was made from.
    case xlsx
    /// `report.pdf`: the HTML page printed by a PDF engine (`RenderContext.printer`).
    case pdf

    /// What a report is rendered to when neither the command nor the script names formats.
    public static let standard: [ReportFormat] = [.html, .md, .csv, .json]

    /// The format a file of a report's folder was rendered as, by its name; nil for the manifest.
    public init?(ofFile name: String) {
        switch name {
        case "report.html": self = .html
        case "report.md": self = .md
        case "report.json": self = .json
        case "report.xlsx": self = .xlsx
        case "report.pdf": self = .pdf
        case _ where name.hasPrefix("charts/") && name.hasSuffix(".svg"): self = .md
        case _ where name.hasSuffix(".csv") && !name.contains("/"): self = .csv
        default: return nil
        }
    }
}
