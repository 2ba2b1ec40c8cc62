import Foundation

/// `manifest.json`: what a report folder holds and how it was made. The only
/// file of a report with wall-clock times in it.
public struct ReportManifest: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public var name: String
        public var bytes: Int
        /// `sha256:…` of the file.
        public var digest: String

        public init(name: String, bytes: Int, digest: String) {
            self.name = name
            self.bytes = bytes
            self.digest = digest
        }

        /// The entry of a rendered file, `digest` its content's.
        public init(_ file: RenderedFile, digest: (Data) -> String) {
            self.init(name: file.name, bytes: file.data.count, digest: digest(file.data))
        }
    }

    public var report: String
    public var title: String
    public var period: ReportPeriod
    /// The day relative periods were resolved against, and the zone it is in.
    public var asOf: String
    public var timeZone: String
    public var parameters: [String: String]
    /// The script, as the workspace names it, and `sha256:…` of its text.
    public var script: String
    public var scriptDigest: String
    /// The classification whose labels the report read.
    public var classification: ReportClassification?
    /// The exchange rates amounts were converted with, if any were.
    public var exchangeRates: ExchangeRates?
    /// Rows of each table, by table id, and the partnerships filed in the period.
    public var rows: [String: Int]
    public var partnerships: Int
    public var files: [File]
    /// The report's leading key figures, for the index pages.
    public var figures: [IndexFigure]?
    /// `sha256:…` of what every file was rendered from: the document and the settings that shape the files.
    public var renderedFrom: String?
    /// `sha256:…` over the files' names and digests: equal for equal content.
    public var contentDigest: String
    public var generated: String
    public var seconds: Double

    public init(report: String, title: String, period: ReportPeriod, asOf: String, timeZone: String,
                parameters: [String: String], script: String, scriptDigest: String, classification: ReportClassification?,
                rows: [String: Int], partnerships: Int, files: [File], contentDigest: String, generated: String, seconds: Double,
                exchangeRates: ExchangeRates? = nil, figures: [IndexFigure]? = nil, renderedFrom: String? = nil) {
        self.figures = figures
        self.renderedFrom = renderedFrom
        self.exchangeRates = exchangeRates
        self.report = report
        self.title = title
        self.period = period
        self.asOf = asOf
        self.timeZone = timeZone
        self.parameters = parameters
        self.script = script
        self.scriptDigest = scriptDigest
        self.classification = classification
        self.rows = rows
        self.partnerships = partnerships
        self.files = files
        self.contentDigest = contentDigest
        self.generated = generated
        self.seconds = seconds
    }

    /// The digest of a set of files, made by `hash` from each name and digest in name order.
    public static func contentDigest(of files: [File], hash: (Data) -> String) -> String {
        hash(Data(files.sorted { $0.name < $1.name }.map { "\($0.name)\u{0}\($0.digest)\n" }.joined().utf8))
    }

    /// Reads the manifest in a report folder, if there is one.
    public static func read(in folder: URL) -> ReportManifest? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")) else { return nil }
        return try? JSONDecoder().decode(ReportManifest.self, from: data)
    }

    /// The formats of the files listed, in `ReportFormat` order.
    public var formats: [ReportFormat] {
        let present = Set(files.compactMap { ReportFormat(ofFile: $0.name) })
        return ReportFormat.allCases.filter(present.contains)
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
