/// The ids a set of files defines, registered as records are read: a duplicate
/// is found at once, and a citation is settled at once when it names a record
/// already read or held by the database. Citations of records read later wait
/// for `unresolved`, so files may come in any order.
///
/// Definitions are kept as file index and line only: a million records cost
/// tens of megabytes, not a copy of the data. Their ids are kept as bytes (`ByteKeys`), found
/// without a string's hash: an import at a million looks up a few million.
struct IDRegistry {
    private struct Location {
        var file: Int32
        var line: Int32
    }

    private let known: KnownIDs
    /// Whether citations may name records the database holds and the files do not.
    private let citingDatabase: Bool
    private var files: [String] = []
    private var fileIndex: [String: Int32] = [:]
    /// Each kind's, in the order of `RecordKind.allCases`.
    private var defined = [Defined](repeating: Defined(), count: RecordKind.allCases.count)
    private var pending: [Reference] = []

    init(known: KnownIDs, citingDatabase: Bool = true) {
        self.known = known
        self.citingDatabase = citingDatabase
    }

    /// Whether the database already holds this record (an import updates it).
    func isKnown(_ kind: RecordKind, _ id: String) -> Bool { known.contains(kind, id) }

    /// Registers a definition; a duplicate comes back as an issue.
    mutating func define(_ d: Definition) -> DataIssue? {
        let location = Location(file: index(of: d.file), line: Int32(clamping: d.line ?? 0))
        guard let earlier = defined[d.kind.number].add(d.id, at: location) else { return nil }
        let first = files[Int(earlier.file)] + (earlier.line > 0 ? ":\(earlier.line)" : "")
        return DataIssue(file: d.file, line: d.line, record: d.record, field: "id", message: "duplicate id, first defined at \(first)")
    }

    /// Registers citations, each settled now or at the end.
    mutating func cite(_ references: [Reference]) {
        for i in references.indices where !isSettled(references[i].target, references[i].id) { pending.append(references[i]) }
    }

    /// Whether a citation names a record read already, or one in the database it may cite.
    private func isSettled(_ kind: RecordKind, _ id: String) -> Bool {
        isDefined(kind, id) || citingDatabase && known.contains(kind, id)
    }

    /// The citations that name no record in the files or (when it may be cited) the database.
    func unresolved() -> [DataIssue] {
        pending.filter { !isDefined($0.target, $0.id) }.map { r in
            let message = known[r.target].contains(r.id)
                ? "no \(r.target.rawValue) '\(r.id)' in the files: pruning would remove it from the database"
                : "no \(r.target.rawValue) '\(r.id)' in the files or the database" + hint(for: r)
            return DataIssue(file: r.file, line: r.line, record: r.record, field: r.field, message: message)
        }
    }

    /// The records the database holds and no file defines, sources first, each kind by id.
    func knownButNotDefined() -> [RecordRef] {
        RecordKind.allCases.flatMap { kind in
            known[kind].filter { !isDefined(kind, $0) }.sorted().map { RecordRef(kind, $0) }
        }
    }

    /// Suggestions are looked for among at most this many ids: an edit distance
    /// against a million ids per bad citation would take minutes.
    private static let suggestionLimit = 20_000

    private func hint(for r: Reference) -> String {
        let here = defined[r.target.number]
        let database = citingDatabase ? known[r.target] : []
        guard database.count + here.count <= Self.suggestionLimit else { return "" }
        return Suggestion.hint(for: r.id, in: database.union(here.ids))
    }

    private func isDefined(_ kind: RecordKind, _ id: String) -> Bool { defined[kind.number].location(of: id) != nil }

    /// The ids of one kind the files define, and where each is first defined.
    private struct Defined {
        private var keys = ByteKeys()
        private var locations: [Location] = []

        func location(of id: String) -> Location? { keys.existingNumber(id).map { locations[Int($0)] } }

        /// Adds `id`, defined at `location`, and returns nil; or, when it was added before, where.
        mutating func add(_ id: String, at location: Location) -> Location? {
            let number = Int(keys.number(id))
            guard number == locations.count else { return locations[number] }
            locations.append(location)
            return nil
        }

        var count: Int { keys.count }

        var ids: [String] { keys.texts.all }
    }

    private mutating func index(of file: String) -> Int32 {
        // Records come file by file: the last file's index is nearly always the one.
        if let last = files.last, last == file { return Int32(files.count - 1) }
        if let i = fileIndex[file] { return i }
        let i = Int32(files.count)
        files.append(file)
        fileIndex[file] = i
        return i
    }
}
