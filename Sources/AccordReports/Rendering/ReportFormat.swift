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
}
