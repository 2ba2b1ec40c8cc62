import Foundation

/// One pass over a set of data files: each record is read, checked on its own
/// and against the ids seen so far, and handed to a sink while no problem has
/// been found. CSV files stream row by row, so memory does not grow with the
/// file; YAML and JSON files are read whole.
final class ImportRun {
    /// Takes a record, with its digest when the run makes them; returns whether that changed anything.
    typealias Sink = (RecordReader.Record, _ digest: Data?, _ existing: Bool) throws -> Bool

    private(set) var issues = IssueLog()
    private(set) var counts = ImportCounts()
    /// The `part_of` and `edition_of` links read, where they were read, for `RelationChecks`.
    private(set) var links: [Link] = []
    private var registry: IDRegistry
    private let ignoredSections: Set<String>
    private let sink: Sink
    private let digesting: Bool
    private let inKeyOrder: Bool

    /// With `pruning`, the files may cite only each other: the database's other
    /// records are to be removed. With `digesting`, each record's digest is made as it is read,
    /// on the parsing thread for a CSV file.
    /// `inKeyOrder` reads a CSV file's rows in the order of their ids (`CSVRowsByKey`).
    init(known: KnownIDs, pruning: Bool = false, ignoringSections: Set<String> = [], digesting: Bool = false,
         inKeyOrder: Bool = true, sink: @escaping Sink) {
        registry = IDRegistry(known: known, citingDatabase: !pruning)
        ignoredSections = ignoringSections
        self.digesting = digesting
        self.inKeyOrder = inKeyOrder
        self.sink = sink
    }

    /// Reads files from disk; `displayNames` says how messages name a file.
    func read(files: [String], displayNames: [String: String] = [:]) throws {
        let named = files.map { (path: $0, name: displayNames[$0] ?? $0) }
        for file in Self.inReadingOrder(named) {
            switch DataFormat(fileName: file.name) {
            case .csv:
                guard let input = CSVFileInput(path: file.path) else {
                    issues.append(DataIssue(file: file.name, message: "cannot read the file"))
                    continue
                }
                do {
                    try readCSV(file: file.name) { [inKeyOrder] in try Self.rows(of: input, inKeyOrder: inKeyOrder) }
                } catch let error as CSVReadError {
                    issues.append(DataIssue(file: file.name, message: "cannot read the file: \(error.message)"))
                }
            default:
                do {
                    try add(try String(contentsOfFile: file.path, encoding: .utf8), file: file.name)
                } catch let error as CocoaError {
                    issues.append(DataIssue(file: file.name, message: "cannot read the file: \(error.localizedDescription)"))
                }
            }
        }
    }

    /// Reads files given as text; each name's extension tells its format.
    func read(texts: [(name: String, contents: String)]) throws {
        for (name, contents) in texts { try add(contents, file: name) }
    }

    /// Throws every problem found, in the order of `files` and then by line; returns
    /// when the import may be committed.
    func finish(fileOrder files: [String]) throws(DataErrors) {
        let unresolved = registry.unresolved()
        guard !issues.isEmpty || !unresolved.isEmpty else { return }
        let order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = (issues.issues + unresolved).enumerated().sorted { a, b in
            (order[a.element.file] ?? -1, a.element.line ?? 0, a.offset) < (order[b.element.file] ?? -1, b.element.line ?? 0, b.offset)
        }.map(\.element)
        throw DataErrors(sorted, total: issues.count + unresolved.count)
    }

    /// A containment link of a partnership, with where it was written.
    struct Link {
        let from: String
        let to: String
        let kind: RelationKind
        let file: String
        let line: Int?
        let field: String

        func issue(_ message: String) -> DataIssue {
            DataIssue(file: file, line: line, record: RecordLabel.named(.partnership, from).description, field: field, message: message)
        }
    }

    /// Adds problems found once every record is read (the links' checks).
    func report(_ found: [DataIssue]) { issues.append(contentsOf: found) }

    /// The records the database holds and the files do not, sources first.
    func recordsNotInFiles() -> [RecordRef] { registry.knownButNotDefined() }

    /// YAML and JSON first, then CSV files by the kind their header shows, so
    /// that records are mostly read before they are cited.
    private static func inReadingOrder(_ files: [(path: String, name: String)]) -> [(path: String, name: String)] {
        let ranked = files.enumerated().map { i, file -> (Int, Int, (path: String, name: String)) in
            guard DataFormat(fileName: file.name) == .csv else { return (0, i, file) }
            let kind = CSVSource.kind(ofFileAt: file.path)
            return (1 + (kind.map { $0.number } ?? RecordKind.allCases.count), i, file)
        }
        return ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    private func add(_ text: String, file: String) throws {
        switch DataFormat(fileName: file) {
        case nil:
            issues.append(DataIssue(file: file, message: "unknown kind of file: name it .json, .yaml, .yml or .csv"))
        case .csv:
            let input = CSVMemoryInput(Array(text.utf8))
            try readCSV(file: file) { [inKeyOrder] in try Self.rows(of: input, inKeyOrder: inKeyOrder) }
        case let format?:
            do {
                try addSections(of: YAMLSource.parse(text, format: format, file: file), file: file)
            } catch let error as DataIssue {
                issues.append(error)
            }
        }
    }

    /// The rows of a CSV input, in the order of their ids when they can be (`CSVRowsByKey`).
    private static func rows<Input: CSVRandomAccessInput>(of input: Input, inKeyOrder: Bool) throws -> () throws -> CSVRow? {
        if inKeyOrder, let sorted = try CSVRowsByKey.make(input) { return sorted.nextRow }
        var again = input
        again.window(offset: 0, count: .max)
        return CSVRowReader(input: again).next
    }

    /// Parses the file's rows on another thread, while this one registers the ids of the records
    /// read so far and hands them on. `rows` is called there first, for the function that
    /// gives the rows. A batch holds 256 records or 4 MiB of rows, whichever comes first, and at
    /// most four batches wait. Only this thread touches the registry.
    private func readCSV(file: String, rows: @escaping () throws -> () throws -> CSVRow?) throws {
        let handoff = Handoff<CSVPart>(capacity: 4), finished = DispatchSemaphore(value: 0)
        let makeRows = Unchecked(rows), digesting = digesting
        DispatchQueue.global().async {
            defer { handoff.close(); finished.signal() }
            var batch: [ParsedRecord] = [], batchBytes = 0
            do {
                let layout = try CSVSource.read(file: file, rows: try makeRows.value()) { row, report in
                    let context = RecordContext(file: file, kind: row.kind, fallbackLabel: row.label)
                    let record = CSVRecordReader.read(row, context: context, report: report)
                    batch.append(ParsedRecord(kind: row.kind, record: record, context: context, digesting: digesting))
                    batchBytes += row.byteCount
                    if batch.count == 256 || batchBytes >= 4 << 20 {
                        guard handoff.put(.records(batch)) else { throw CancellationError() }
                        batch = []
                        batchBytes = 0
                    }
                }
                _ = handoff.put(.records(batch)) && handoff.put(.finished(layout))
            } catch is CancellationError {
            } catch {
                _ = handoff.put(.failed(error))
            }
        }
        // However this ends, the parsing thread stops before the caller goes on.
        defer { handoff.cancel(); finished.wait() }
        // The records handed on are freed on another thread: this one, which writes them, sets the pace.
        let freeing = Freeing("accord.import.freeing")
        defer { freeing.finish() }
        while let part = handoff.take() {
            switch consume part {
            case .records(let records):
                try records.withUnsafeBufferPointer { parsed in
                    for i in parsed.indices { try handOn(parsed[i], registered(parsed[i])) }
                }
                freeing.free(consume records)
            case .finished(let layout): issues.append(layout)
            case .failed(let error): throw error
            }
        }
    }

    /// What the parsing thread hands over: records in file order, then the
    /// problems of the file's layout, or the error that stopped it.
    private enum CSVPart {
        case records([ParsedRecord])
        case finished(IssueLog)
        case failed(any Error)
    }

    private func addSections(of root: DataNode, file: String) throws {
        guard case .map(let sections) = root.value else {
            issues.append(DataIssue(file: file, line: root.line, message:
                "expected a mapping with keys sources, organizations and partnerships, found \(root.kindName)"))
            return
        }
        let names = RecordKind.allCases.map(\.section)
        for section in sections where !ignoredSections.contains(section.key) {
            guard let kind = RecordKind(section: section.key) else {
                issues.append(DataIssue(file: file, line: section.line, field: section.key,
                                        message: "unknown section\(Suggestion.hint(for: section.key, in: names))"))
                continue
            }
            switch section.value.value {
            case .null: continue
            case .list(let records):
                for (i, record) in records.enumerated() {
                    try add(record, kind: kind, file: file, label: .text("\(section.key)[\(i + 1)]"))
                }
            default:
                issues.append(DataIssue(file: file, line: section.value.line, field: section.key,
                                        message: "expected a list of records, found \(section.value.kindName)"))
            }
        }
    }

    private func add(_ node: DataNode, kind: RecordKind, file: String, label: RecordLabel) throws {
        let context = RecordContext(file: file, kind: kind, fallbackLabel: label)
        let record = RecordReader.read(node, kind: kind, context: context)
        let parsed = ParsedRecord(kind: kind, record: record, context: context, digesting: digesting)
        try handOn(parsed, registered(parsed))
    }

    /// A record as read, with what reading it found and its digest when asked for, on its way to the sink.
    private struct ParsedRecord {
        let kind: RecordKind
        let record: RecordReader.Record?
        let context: RecordContext
        let digest: Data?

        init(kind: RecordKind, record: RecordReader.Record?, context: RecordContext, digesting: Bool) {
            (self.kind, self.record, self.context) = (kind, record, context)
            // A record with problems is not written: its digest would not be used.
            digest = digesting && context.issues.isEmpty ? record?.digest : nil
        }
    }

    /// What registering a record's ids found: the record its id repeats, and whether the database holds it.
    private struct Registration {
        var duplicate: DataIssue?
        var existing = false
    }

    /// Registers a record's id and the ids it cites, and its containment links, in the order the
    /// records come: on the writing thread for a CSV file, which leaves the parsing one, the
    /// slower of the two, the records alone to make.
    private func registered(_ parsed: borrowing ParsedRecord) -> Registration {
        let context = parsed.context
        var found = Registration()
        if let definition = context.definition {
            found.duplicate = registry.define(definition)
            found.existing = registry.isKnown(parsed.kind, definition.id)
        }
        registry.cite(context.references)
        if let related = parsed.record?.containmentLinks {
            // Only links cite partnerships: each link's citation says where it was written.
            for relation in related {
                guard let citation = context.references.first(where: { $0.target == .partnership && $0.id == relation.to })
                else { continue }
                links.append(Link(from: relation.from, to: relation.to, kind: relation.kind, file: citation.file,
                                  line: citation.line, field: citation.field))
            }
        }
        return found
    }

    /// Records what reading and registering a record found, and hands it on while no problem has been found.
    private func handOn(_ parsed: borrowing ParsedRecord, _ registration: Registration) throws {
        let context = parsed.context
        issues.append(contentsOf: context.issues)
        if let duplicate = registration.duplicate { issues.append(duplicate) }
        guard issues.isEmpty, context.definition != nil, let record = parsed.record else { return }
        let changed = try sink(record, parsed.digest, registration.existing)
        counts.add(parsed.kind, !registration.existing ? .added : changed ? .updated : .unchanged)
    }
}

private extension RecordReader.Record {
    /// A partnership's `part_of` and `edition_of` links, or nil when it has none.
    var containmentLinks: [(from: String, to: String, kind: RelationKind)]? {
        guard case .partnership(let p) = self, p.related.contains(where: { $0.kind.isContainment }) else { return nil }
        return p.related.filter(\.kind.isContainment).map { (p.id, $0.to, $0.kind) }
    }

    var digest: Data {
        switch self {
        case .source(let s): RecordDigest.of(s)
        case .organization(let o): RecordDigest.of(o)
        case .partnership(let p): RecordDigest.of(p)
        }
    }
}
