import AccordReports
import Foundation

/// One period's output as it is delivered: read from its report folder, never
/// built again, so that what readers get is what the folder holds. The folder
/// has `report.json` (the document; a job with `deliver` targets always renders
/// json) and `manifest.json` (the content digest and the files).
public struct DeliveredReport: Sendable {
    public var folder: URL
    /// The folder as the workspace names it: `Reports/quarterly/2020-Q4`.
    public var shownFolder: String
    public var document: ReportDocument
    public var manifest: ReportManifest

    public init(folder: URL, shownFolder: String, document: ReportDocument, manifest: ReportManifest) {
        self.folder = folder
        self.shownFolder = shownFolder
        self.document = document
        self.manifest = manifest
    }

    /// Reads the folder's document and manifest.
    public static func load(folder: URL, shownFolder: String) throws(DeliveryError) -> DeliveredReport {
        guard let manifest = ReportManifest.read(in: folder) else {
            throw DeliveryError("\(shownFolder) has no manifest.json: the report has not been made")
        }
        let documentFile = folder.appendingPathComponent("report.json")
        guard let data = try? Data(contentsOf: documentFile) else {
            throw DeliveryError("\(shownFolder) has no report.json: render the json format to deliver it")
        }
        let document: ReportDocument
        do { document = try ReportDocument(json: data) } catch {
            throw DeliveryError("\(shownFolder)/report.json cannot be read: \(error)")
        }
        return DeliveredReport(folder: folder, shownFolder: shownFolder, document: document, manifest: manifest)
    }

    /// `sha256:…` over the content of the folder's files: what the ledger says was delivered.
    public var contentDigest: String { manifest.contentDigest }

    /// Every key figure of the report, in reading order.
    public var figures: [KeyFigure] {
        document.blocks.flatMap { block -> [KeyFigure] in
            if case .figures(let items) = block { return items }
            return []
        }
    }

    /// The sentence `r:highlights` wrote: what changed since the period before.
    public var highlights: String? { Highlights.sentence(in: document) }

    /// `Sample partnerships: Quarterly partnership overview, 2020-Q4`.
    public var subject: String {
        (document.workspace.map { "\($0): " } ?? "") + "\(document.title), \(document.period.label)"
    }

    /// The charts of the report as standalone SVG documents, as `report.md` has them beside it.
    public var charts: [(id: String, title: String, svg: Data)] {
        var titles: [String: String] = [:]
        for case .chart(let chart) in document.blocks { titles[chart.id] = chart.title }
        // Markdown needs no PDF engine: rendering it cannot fail.
        return ((try? ReportRenderer.render(document, as: .md)) ?? []).compactMap { file in
            guard file.name.hasPrefix("charts/"), file.name.hasSuffix(".svg") else { return nil }
            let id = String(file.name.dropFirst(7).dropLast(4))
            return (id, titles[id] ?? id, file.data)
        }
    }

    /// The folder's files of a format, by name: `report.pdf` for pdf, every `.csv` for csv.
    public func files(of format: String) -> [String] {
        // The Markdown goes without its charts, which the message carries as pictures.
        manifest.files.map(\.name).filter { ReportFormat(ofFile: $0)?.rawValue == format && !$0.hasPrefix("charts/") }.sorted()
    }

    /// The partnerships behind the report's figures, each once, in order.
    public var partnerships: [String] {
        var seen: Set<String> = []
        return figures.flatMap(\.partnerships).filter { seen.insert($0).inserted }
    }
}

/// A delivery that could not be made: no output to send, a command that failed, a server that refused.
public struct DeliveryError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
