/// What an import did to the records of each kind: added, updated (the database
/// held the record in another form), unchanged (it held it in this very form),
/// and, when pruning, removed (the files no longer hold it).
public struct ImportCounts: Equatable, Sendable, CustomStringConvertible {
    /// What happened to the records of one kind.
    public struct Tally: Equatable, Sendable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        public var removed = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
            self.removed = removed
        }

        /// The records the files hold.
        public var read: Int { added + updated + unchanged }
    }

    /// What happened to a record the files hold.
    enum Outcome { case added, updated, unchanged }

    public var sources = Tally()
    public var organizations = Tally()
    public var partnerships = Tally()
    /// Whether records the files do not hold were removed (or would have been).
    public private(set) var pruned = false
    /// The records removed because the files do not hold them, sources first.
    public private(set) var removed: [RecordRef] = []

    public init() {}

    /// The records the files hold.
    public var total: Int { sources.read + organizations.read + partnerships.read }

    /// Whether the import changed the database.
    public var changedAnything: Bool {
        !removed.isEmpty || [sources, organizations, partnerships].contains { $0.added + $0.updated > 0 }
    }

    subscript(kind: RecordKind) -> Tally {
        get {
            switch kind {
            case .source: sources
            case .organization: organizations
            case .partnership: partnerships
            }
        }
        set {
            switch kind {
            case .source: sources = newValue
            case .organization: organizations = newValue
            case .partnership: partnerships = newValue
            }
        }
    }

    mutating func add(_ kind: RecordKind, _ outcome: Outcome) {
        switch outcome {
        case .added: self[kind].added += 1
        case .updated: self[kind].updated += 1
        case .unchanged: self[kind].unchanged += 1
        }
    }

    mutating func prune(_ records: [RecordRef]) {
        pruned = true
        removed = records
        for kind in RecordKind.allCases { self[kind].removed = records.count { $0.kind == kind } }
    }

    /// One line per kind: `80 partnerships: 0 added, 2 updated, 78 unchanged`,
    /// and `, 1 removed` when pruning.
    public var description: String {
        RecordKind.allCases.map { kind in
            let tally = self[kind]
            return "\(tally.read) \(tally.read == 1 ? kind.rawValue : kind.section): \(tally.added) added, "
                + "\(tally.updated) updated, \(tally.unchanged) unchanged" + (pruned ? ", \(tally.removed) removed" : "")
        }.joined(separator: "\n")
    }
}
