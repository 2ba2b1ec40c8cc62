/// The ids a database already holds, so that imported records may cite them.
public struct KnownIDs: Equatable, Sendable {
    /// Source ids.
    public var sources: Set<String>
    /// Organization ids.
    public var organizations: Set<String>
    /// Partnership ids.
    public var partnerships: Set<String>

    public init(sources: Set<String> = [], organizations: Set<String> = [], partnerships: Set<String> = []) {
        self.sources = sources
        self.organizations = organizations
        self.partnerships = partnerships
    }

    /// Whether the database holds the record of this kind and id.
    func contains(_ kind: RecordKind, _ id: String) -> Bool {
        switch kind {
        case .source: sources.contains(id)
        case .organization: organizations.contains(id)
        case .partnership: partnerships.contains(id)
        }
    }

    subscript(kind: RecordKind) -> Set<String> {
        switch kind {
        case .source: sources
        case .organization: organizations
        case .partnership: partnerships
        }
    }
}
