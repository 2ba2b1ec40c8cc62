import AccordReports
import Foundation

/// What a webhook receives: `text` for Slack and Teams (incoming webhooks show it as the
/// message), then the same facts as data: the report, its period, its folder and content
/// digest, the highlights sentence, each key figure with the partnerships behind it, and
/// the files of the folder.
public struct WebhookPayload: Encodable, Sendable {
    public struct Figure: Encodable, Sendable {
        public var label: String
        public var value: Double
        public var unit: String?
        public var previous: Double?
        public var yearBefore: Double?
        /// `8`, `1,500,000 KRW`, as the report shows it.
        public var shown: String
        public var partnerships: [String]

        enum CodingKeys: String, CodingKey {
            case label, value, unit, previous, shown, partnerships
            case yearBefore = "year_before"
        }
    }

    public var text: String
    public var job: String
    public var report: String
    public var title: String
    public var workspace: String?
    public var period: String
    public var folder: String
    public var contentDigest: String
    public var highlights: String?
    public var figures: [Figure]
    public var files: [String]
    /// Made from: the script, its digest, the as-of day (as the report's footer says).
    public var source: [String]

    enum CodingKeys: String, CodingKey {
        case text, job, report, title, workspace, period, folder, highlights, figures, files, source
        case contentDigest = "content_digest"
    }

    public init(report: DeliveredReport, job: String) {
        let document = report.document
        let period = document.period
        let figures = report.figures
        var lines = ["*\(report.subject)*"]
        if let highlights = report.highlights { lines.append(highlights) }
        for figure in figures {
            lines.append("• " + FigureText.line(figure, in: period, yearBefore: false))
        }
        lines.append("The full report: \(report.shownFolder)")
        self.text = lines.joined(separator: "\n")
        self.job = job
        self.report = document.id
        self.title = document.title
        self.workspace = document.workspace
        self.period = period.label
        self.folder = report.shownFolder
        self.contentDigest = report.contentDigest
        self.highlights = report.highlights
        self.figures = figures.map {
            Figure(label: $0.label, value: $0.value, unit: $0.unit, previous: $0.previous, yearBefore: $0.yearBefore,
                   shown: FigureText.value($0.value, unit: $0.unit), partnerships: $0.partnerships)
        }
        self.files = report.manifest.files.map(\.name)
        self.source = document.source?.lines(period: period.label) ?? []
    }

    public func json(pretty: Bool = false) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
