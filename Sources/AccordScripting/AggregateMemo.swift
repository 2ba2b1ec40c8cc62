import AccordCore

/// The database's counts and groups while a report builds: a report asks many questions of few
/// sets of partnerships (its period, those it compares with, the trend's), so each set is read
/// once as a `PartnershipFrame` and grouped in memory. A set narrowed by a label or by `abroad`
/// is read as the wider set's part.
///
/// Frames are kept only between `begin()` and `end()`, so that a long-lived state (the REPL)
/// never answers from a database that has changed since; meanwhile each question goes to the
/// database as it is asked.
final class AggregateMemo {
    private let store: Store
    private var frames: PartnershipFrames?
    private var groups: [GroupKey: PartnershipGroups] = [:]
    private var counts: [PartnershipFilter: Int] = [:]

    private struct GroupKey: Hashable {
        var filter: PartnershipFilter
        var dimension: PartnershipDimension
    }

    init(store: Store) {
        self.store = store
    }

    /// Keeps answers from now on.
    func begin() {
        frames = PartnershipFrames(store)
    }

    /// Forgets them and keeps no more.
    func end() {
        frames = nil
        groups = [:]
        counts = [:]
    }

    /// The ids of the matching partnerships, in order.
    func partnershipIDs(_ filter: PartnershipFilter) throws -> PartnershipIDs {
        guard let frames else { return PartnershipIDs(try store.partnershipIDs(filter)) }
        if let (wider, abroad) = Self.widened(filter, \.abroad) { return PartnershipIDs(try frames.frame(wider).abroad(abroad)) }
        return try frames.frame(filter).all
    }

    /// How many partnerships match.
    func count(_ filter: PartnershipFilter) throws -> Int {
        guard let frames else { return try store.count(filter) }
        if let known = counts[filter] { return known }
        let n: Int
        if let (wider, label) = Self.widened(filter, \.label) {
            n = try grouped(wider, by: .label).keyed.first { $0.key == label }?.ids.count ?? 0
        } else if let (wider, abroad) = Self.widened(filter, \.abroad) {
            n = try frames.frame(wider).abroad(abroad).count
        } else {
            n = try store.count(filter)
        }
        counts[filter] = n
        return n
    }

    /// The matching partnerships grouped by `dimension`.
    func grouped(_ filter: PartnershipFilter, by dimension: PartnershipDimension) throws -> PartnershipGroups {
        guard let frames else { return try store.groups(filter, by: dimension, home: filter.home) }
        let key = GroupKey(filter: filter, dimension: dimension)
        if let known = groups[key] { return known }
        let found = try frames.frame(filter).groups(by: dimension)
        groups[key] = found
        return found
    }

    /// The matching partnerships with a key of `dimension` other than those in `kept`, in order.
    func partnerships(_ filter: PartnershipFilter, withKeyOutside kept: Set<String>,
                      of dimension: PartnershipDimension) throws -> PartnershipIDs {
        try grouped(filter, by: dimension).partnerships(withKeyOutside: kept, of: partnershipIDs(filter))
    }

    /// How many matching partnerships have each key of `dimension`.
    func counts(_ filter: PartnershipFilter, by dimension: PartnershipDimension) throws -> [String: Int] {
        guard frames != nil else { return try store.counts(filter, by: dimension, home: filter.home) }
        return Dictionary(uniqueKeysWithValues: try grouped(filter, by: dimension).keyed.map { ($0.key, $0.ids.count) })
    }

    /// How many distinct keys of `dimension` the matching partnerships have between them.
    func distinctCount(_ filter: PartnershipFilter, of dimension: PartnershipDimension) throws -> Int {
        guard let frames else { return try store.distinctCount(filter, of: dimension, home: filter.home) }
        if let known = groups[GroupKey(filter: filter, dimension: dimension)] { return known.keyed.count }
        return try frames.frame(filter).distinctCount(of: dimension)
    }

    /// `filter` without the condition at `key`, and the condition, when it has one and no limit
    /// (a limit counts the partnerships the condition keeps).
    private static func widened<T>(_ filter: PartnershipFilter, _ key: WritableKeyPath<PartnershipFilter, T?>)
        -> (PartnershipFilter, T)? {
        guard let condition = filter[keyPath: key], filter.limit == nil else { return nil }
        var wider = filter
        wider[keyPath: key] = nil
        return (wider, condition)
    }
}
