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

    subscript(kind: RecordKind) -> Set<String> {
        switch kind {
        case .source: sources
        case .organization: organizations
        case .partnership: partnerships
        }
    }
}

/// Checks that span records: ids defined twice in the files, and cited ids that
/// name no record in the files or the database.
enum Validator {
    static func check(definitions: [Definition], references: [Reference], known: KnownIDs) -> [DataIssue] {
        var issues: [DataIssue] = []
        var first: [RecordKind: [String: Definition]] = [:]
        for definition in definitions {
            if let earlier = first[definition.kind]?[definition.id] {
                issues.append(DataIssue(file: definition.file, line: definition.line, record: definition.record,
                                        field: "id", message: "duplicate id, first defined at \(earlier.location)"))
            } else {
                first[definition.kind, default: [:]][definition.id] = definition
            }
        }
        for reference in references {
            let defined = first[reference.target]?[reference.id] != nil
            guard !defined && !known[reference.target].contains(reference.id) else { continue }
            let candidates = known[reference.target].union(first[reference.target]?.keys ?? [:].keys)
            issues.append(DataIssue(
                file: reference.file, line: reference.line, record: reference.record, field: reference.field,
                message: "no \(reference.target.rawValue) '\(reference.id)' in the files or the database"
                    + Suggestion.hint(for: reference.id, in: candidates)))
        }
        return issues
    }
}

extension Definition {
    var location: String { file + (line.map { ":\($0)" } ?? "") }
}
