/// What the index pages list: each report, and each period rendered for it.
public struct IndexedReport: Equatable, Sendable {
    /// The report id, which is also its folder's name.
    public var id: String
    public var title: String
    /// Newest first.
    public var periods: [IndexedPeriod]

    public init(id: String, title: String, periods: [IndexedPeriod]) {
        self.id = id
        self.title = title
        self.periods = periods
    }
}

/// One rendered period of a report, read from its folder's manifest.
public struct IndexedPeriod: Equatable, Sendable {
    /// The folder's name: `2019-Q4`, or `2019-khidi` for a report with parameters.
    public var folder: String
    /// `2019-Q4`.
    public var label: String
    /// The period's first day, for ordering.
    public var start: String
    public var parameters: [String: String]
    /// The files of the folder, by name (`report.html`, `report.pdf`, `by-label.csv`).
    public var files: [String]
    public var figures: [IndexFigure]
    /// When it was rendered (ISO 8601).
    public var generated: String

    public init(folder: String, label: String, start: String, parameters: [String: String] = [:], files: [String],
                figures: [IndexFigure] = [], generated: String) {
        self.folder = folder
        self.label = label
        self.start = start
        self.parameters = parameters
        self.files = files
        self.figures = figures
        self.generated = generated
    }
}

/// A key figure as the index shows it: the report's first figures, with the change on the period before.
public struct IndexFigure: Codable, Equatable, Sendable {
    public var label: String
    public var value: Double
    public var unit: String?
    public var previous: Double?

    public init(label: String, value: Double, unit: String? = nil, previous: Double? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.previous = previous
    }

    /// The figures of the document's first figures block, at most `limit` of them.
    public static func leading(_ document: ReportDocument, limit: Int = 3) -> [IndexFigure] {
        for case .figures(let figures) in document.blocks {
            return figures.prefix(limit).map { IndexFigure(label: $0.label, value: $0.value, unit: $0.unit, previous: $0.previous) }
        }
        return []
    }
}
