/// How many records of each kind an import read, and how many of them the
/// database already held (and so were updated rather than added).
public struct ImportCounts: Equatable, Sendable, CustomStringConvertible {
    public var sources = 0
    public var organizations = 0
    public var partnerships = 0
    public var updated = 0

    public init() {}

    public var total: Int { sources + organizations + partnerships }

    mutating func add(_ kind: RecordKind, existing: Bool) {
        switch kind {
        case .source: sources += 1
        case .organization: organizations += 1
        case .partnership: partnerships += 1
        }
        if existing { updated += 1 }
    }

    /// `3 sources, 103 organizations, 80 partnerships (80 new, 0 updated)`.
    public var description: String {
        "\(sources) sources, \(organizations) organizations, \(partnerships) partnerships "
            + "(\(total - updated) new, \(updated) updated)"
    }
}
