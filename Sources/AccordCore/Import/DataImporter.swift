import Foundation

/// Reads data files (YAML, JSON, CSV) into a `Dataset`, checking everything and
/// reporting every problem at once: a set of files is imported whole or not at all.
///
/// Leading and trailing whitespace of every value and list item is dropped, and an
/// empty value counts as absent, in every format. Records come back sorted by id.
public enum DataImporter {
    /// Reads and checks `files`; `known` holds the ids the database already has,
    /// which the files may cite.
    ///
    /// - Parameters:
    ///   - ignoringSections: top-level keys of YAML and JSON files that are not
    ///     records (a pack's test file has `cases`).
    ///   - displayNames: how messages name a file, when not by its path.
    public static func read(files: [String], known: KnownIDs = KnownIDs(), ignoringSections: Set<String> = [],
                            displayNames: [String: String] = [:]) throws(DataErrors) -> Dataset {
        let collector = DatasetCollector()
        let run = ImportRun(known: known, ignoringSections: ignoringSections, sink: collector.add)
        try finish(run, order: files.map { displayNames[$0] ?? $0 }) { try run.read(files: files, displayNames: displayNames) }
        return collector.sorted()
    }

    /// Checks `files` without keeping their records: what `read` would find,
    /// in memory that does not grow with the files. Nothing is compared with the
    /// database, so the counts take every record it holds for updated.
    public static func check(files: [String], known: KnownIDs = KnownIDs()) throws(DataErrors) -> ImportCounts {
        let run = ImportRun(known: known) { _, _, _ in true }
        try finish(run, order: files) { try run.read(files: files) }
        return run.counts
    }

    /// Runs `body`, which reads into `run`, and throws every problem found.
    /// Errors other than data issues come only from sinks, which these never throw.
    static func finish(_ run: ImportRun, order: [String], _ body: () throws -> Void) throws(DataErrors) {
        do { try body() } catch { preconditionFailure("a sink that never throws threw \(error)") }
        try run.finish(fileOrder: order)
    }

    /// Paths as given, with folders replaced by the data files in them, in name order.
    public static func expand(_ paths: [String]) throws(DataIssue) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw DataIssue(file: path, message: "no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            guard let names = try? fm.contentsOfDirectory(atPath: path) else {
                throw DataIssue(file: path, message: "cannot list the folder")
            }
            files += names.sorted().filter { DataFormat(fileName: $0) != nil }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Reads and checks files given as text; each name's extension tells its format.
    public static func read(texts: [(name: String, contents: String)],
                            known: KnownIDs = KnownIDs()) throws(DataErrors) -> Dataset {
        let collector = DatasetCollector()
        let run = ImportRun(known: known, sink: collector.add)
        try finish(run, order: texts.map(\.name)) { try run.read(texts: texts) }
        return collector.sorted()
    }
}

/// Gathers what an import reads into a `Dataset`.
final class DatasetCollector {
    private var dataset = Dataset()

    func add(_ record: RecordReader.Record, digest: Data?, existing: Bool) -> Bool {
        switch record {
        case .source(let s): dataset.sources.append(s)
        case .organization(let o): dataset.organizations.append(o)
        case .partnership(let p): dataset.partnerships.append(p)
        }
        return true
    }

    /// Each kind sorted by id.
    func sorted() -> Dataset {
        var d = dataset
        d.sources.sort { $0.id < $1.id }
        d.organizations.sort { $0.id < $1.id }
        d.partnerships.sort { $0.id < $1.id }
        return d
    }
}
