import AccordCore
import AccordReports
import Foundation

/// Keeps the index pages of a workspace's output folder up to date: `index.html` there lists
/// every report and period, `<report>/index.html` each report's periods. Made from the
/// manifests of the report folders, each page written atomically, and only when it changed.
public enum ReportIndexWriter {
    /// Rewrites the index pages of `output` from what its report folders hold now; returns the pages written.
    @discardableResult
    public static func update(output: URL, workspace: String?) throws -> [URL] {
        let reports = scan(output)
        var written: [URL] = []
        if try write(IndexRenderer.all(reports, workspace: workspace), to: output.appendingPathComponent("index.html")) {
            written.append(output.appendingPathComponent("index.html"))
        }
        for report in reports {
            let page = output.appendingPathComponent(report.id).appendingPathComponent("index.html")
            if try write(IndexRenderer.report(report, workspace: workspace), to: page) { written.append(page) }
        }
        return written
    }

    /// The reports under `output`: each folder holding report folders (with a `manifest.json`).
    static func scan(_ output: URL) -> [IndexedReport] {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: output.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { id in
            let folder = output.appendingPathComponent(id)
            let children = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            let found = children.compactMap { name in
                ReportManifest.read(in: folder.appendingPathComponent(name)).map { (name, $0) }
            }
            guard !found.isEmpty else { return nil }
            let periods = found.map { name, manifest in
                IndexedPeriod(folder: name, label: manifest.period.label, start: manifest.period.start,
                              parameters: manifest.parameters, files: manifest.files.map(\.name),
                              figures: manifest.figures ?? [], generated: manifest.generated)
            }.sorted { ($0.start, $0.folder) > ($1.start, $1.folder) }
            let newest = found.max { $0.1.period.start < $1.1.period.start }!.1
            return IndexedReport(id: id, title: newest.title, periods: periods)
        }
    }

    /// Writes `file` to `url` unless it holds those bytes already; says whether it wrote.
    private static func write(_ file: RenderedFile, to url: URL) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing == file.data { return false }
        do { try AtomicFile.write(file.data, to: url) } catch {
            throw IndexError(page: url, reason: error.localizedDescription)
        }
        return true
    }
}

/// An index page that could not be written.
public struct IndexError: Error, CustomStringConvertible, Sendable {
    public let page: URL
    public let reason: String
    public var description: String { "cannot write the index \(page.path): \(reason)" }
}
