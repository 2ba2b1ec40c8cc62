import AccordCore

/// The database's counts and groups, each asked once while a report builds: a report asks the same
/// question of a period many times over (its highlights, figures, breakdowns and their comparisons),
/// and a count of one label is a part of the count by label.
///
/// Answers are kept only between `begin()` and `end()`, so that a long-lived state (the REPL) never
/// answers from a database that has changed since.
final class AggregateMemo {
    private let store: Store
    private var groups: [GroupKey: PartnershipGroups]?
    private var counts: [PartnershipFilter: Int] = [:]
    private var ids: [PartnershipFilter: [String]] = [:]
    private var keyCounts: [GroupKey: [String: Int]] = [:]
    private var distinctCounts: [GroupKey: Int] = [:]

    private struct GroupKey: Hashable {
        var filter: PartnershipFilter
        var dimension: PartnershipDimension
    }

    init(store: Store) {
        self.store = store
    }

    /// Keeps answers from now on.
    func begin() {
        groups = [:]
        counts = [:]
        ids = [:]
        keyCounts = [:]
        distinctCounts = [:]
    }

    /// Forgets them and keeps no more.
    func end() {
        groups = nil
        counts = [:]
        ids = [:]
        keyCounts = [:]
        distinctCounts = [:]
    }

    /// The ids of the matching partnerships, in order.
    func partnershipIDs(_ filter: PartnershipFilter) throws -> [String] {
        guard groups != nil else { return try store.partnershipIDs(filter) }
        if let known = ids[filter] { return known }
        let found = try store.partnershipIDs(filter)
        ids[filter] = found
        return found
    }

    /// How many partnerships match.
    func count(_ filter: PartnershipFilter) throws -> Int {
        guard groups != nil else { return try store.count(filter) }
        if let known = counts[filter] ?? ids[filter]?.count { return known }
        let n: Int
        if let label = filter.label, filter.limit == nil {
            // Those with the label are that label's group of the partnerships that match the rest.
            var rest = filter
            rest.label = nil
            n = try counts(rest, by: .label)[label] ?? 0
        } else {
            n = try store.count(filter)
        }
        counts[filter] = n
        return n
    }

    /// The matching partnerships grouped by `dimension`.
    func grouped(_ filter: PartnershipFilter, by dimension: PartnershipDimension) throws -> PartnershipGroups {
        guard groups != nil else { return try store.groups(filter, by: dimension, home: filter.home) }
        let key = GroupKey(filter: filter, dimension: dimension)
        if let known = groups?[key] { return known }
        let found = try store.groups(filter, by: dimension, home: filter.home)
        groups?[key] = found
        return found
    }

    /// How many matching partnerships have each key of `dimension`.
    func counts(_ filter: PartnershipFilter, by dimension: PartnershipDimension) throws -> [String: Int] {
        let key = GroupKey(filter: filter, dimension: dimension)
        if let known = groups?[key] { return Dictionary(uniqueKeysWithValues: known.keyed.map { ($0.key, $0.ids.count) }) }
        if let known = keyCounts[key] { return known }
        let found = try store.counts(filter, by: dimension, home: filter.home)
        if groups != nil { keyCounts[key] = found }
        return found
    }

    /// How many distinct keys of `dimension` the matching partnerships have between them.
    func distinctCount(_ filter: PartnershipFilter, of dimension: PartnershipDimension) throws -> Int {
        let key = GroupKey(filter: filter, dimension: dimension)
        if let known = groups?[key]?.keyed.count ?? keyCounts[key]?.count ?? distinctCounts[key] { return known }
        let found = try store.distinctCount(filter, of: dimension, home: filter.home)
        if groups != nil { distinctCounts[key] = found }
        return found
    }
}
