/// One change a deletion makes.
public enum DeletionStep: Equatable, Sendable {
    /// A record deleted because it was named.
    case delete(RecordRef)
    /// A partnership deleted with an organization it names as a party.
    case deletePartnershipNaming(partnership: String, organizations: [String])
    /// A partnership deleted with the sources it cites, as it cites no other.
    case deletePartnershipCiting(partnership: String, sources: [String])
    /// An organization that stays, without its parent, which is deleted.
    case clearParent(organization: String, parent: String)
    /// A record that stays, without its citations of deleted sources.
    case removeCitations(RecordRef, sources: [String])

    /// The record this step deletes, if it deletes one.
    public var deleted: RecordRef? {
        switch self {
        case .delete(let record): record
        case .deletePartnershipNaming(let id, _), .deletePartnershipCiting(let id, _): RecordRef(.partnership, id)
        case .clearParent, .removeCitations: nil
        }
    }
}

/// What `Store.delete` removed and changed (or would have, in a dry run): the
/// records named first, then those deleted with them, then the changes to
/// records that stay.
public struct Deletion: Equatable, Sendable {
    public var steps: [DeletionStep]

    /// Every record deleted.
    public var deleted: [RecordRef] { steps.compactMap(\.deleted) }
}

/// A record that stays and refers to a record a deletion removes.
public struct RecordReference: Equatable, Sendable {
    public var from: RecordRef
    public var to: RecordRef
    /// The field of `from` that names `to`: `parties`, `parent` or `sources`.
    public var field: String
}

/// A refused deletion, which changed nothing: some ids name no record, or
/// records that stay still refer to records it would remove.
public struct DeletionRefused: Error, Equatable, Sendable, CustomStringConvertible {
    /// Ids that name no record (of the kind asked for).
    public var unknown: [String]
    /// The kind the ids were said to be, if any.
    public var kind: RecordKind?
    public var references: [RecordReference]

    /// Unknown ids, and referring records for each record referred to, listed before `and N more`.
    static let listed = 10

    /// One line per problem: `no record has the id 'nope'`, `organization 'acme'
    /// is named by partnership 'acme-kobio-2021' (parties), organization 'acme-korea' (parent)`.
    public var lines: [String] { lines(placing: { _ in nil }) }

    /// `lines`, each unknown id followed by where it was given when `place` says (`(ids.txt:3)`).
    public func lines(placing place: (String) -> String?) -> [String] {
        let what = kind.map { "no \($0.rawValue) has" } ?? "no record has"
        var lines = unknown.prefix(Self.listed).map { id in "\(what) the id '\(id)'" + (place(id).map { " (\($0))" } ?? "") }
        if unknown.count > Self.listed {
            lines.append("and \(unknown.count - Self.listed) more ids that name no \(kind?.rawValue ?? "record")")
        }
        var targets: [RecordRef] = []
        var referrers: [RecordRef: [RecordReference]] = [:]
        for reference in references {
            if referrers[reference.to] == nil { targets.append(reference.to) }
            referrers[reference.to, default: []].append(reference)
        }
        for target in targets {
            let all = referrers[target]!
            var names = all.prefix(Self.listed).map { "\($0.from.kind.rawValue) '\($0.from.id)' (\($0.field))" }
            if all.count > Self.listed { names.append("and \(all.count - Self.listed) more") }
            let verb = target.kind == .source ? "cited" : "named"
            lines.append("\(target.kind.rawValue) '\(target.id)' is \(verb) by \(names.joined(separator: ", "))")
        }
        return lines
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// Ids that name records of more than one kind, so that which is meant must be said.
public struct AmbiguousIDs: Error, Equatable, Sendable, CustomStringConvertible {
    /// Each such id, with the kinds of the records it names.
    public var ids: [String: [RecordKind]]

    /// `'hanmi' names an organization and a partnership`, one line per id.
    public var description: String {
        ids.sorted { $0.key < $1.key }.map { id, kinds in
            "'\(id)' names " + kinds.map { ($0 == .organization ? "an " : "a ") + $0.rawValue }.joined(separator: " and ")
        }.joined(separator: "\n")
    }
}
