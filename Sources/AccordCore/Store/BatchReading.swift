/// How `Store.forEachBatch` reads the partnerships a filter matches.
enum BatchReading: Sendable {
    /// Every partnership, batch after batch, by sequential scans (`PartnershipScan`).
    case scan
    /// The matching partnerships in the tables' order, each batch by sequential scans over the
    /// range of its keys, passing over the partnerships between them that do not match.
    case ranges
    /// The matching partnerships in the order asked, each batch by looking up its ids in every table.
    case lookups

    /// From this share on (one in `denseShare`) of the partnerships their keys span, a filter's
    /// matches are read by ranges: scanning the others between them costs less than looking each
    /// match up.
    static let denseShare = 4

    /// In the tables' order, scans when the filter matches everything and reads ranges when it
    /// matches at least one in `denseShare` of the partnerships between its first and last
    /// match (a period's partnerships, which lie together, however large the database); looks
    /// ids up otherwise and in filing order. Returns the partnerships to read, in order, unless
    /// it scans.
    static func choose(_ filter: PartnershipFilter, order: BatchOrder, forcing forced: BatchReading?,
                       _ db: any StoreConnection) throws -> (BatchReading, [PartnershipKey]) {
        if order == .stored && filter.matchesAll && (forced ?? .scan) == .scan { return (.scan, []) }
        var keys = try db.rows(filter.select("p.filed, p.id", ordered: true)) { row in
            PartnershipKey(filed: try row[0], id: try row[1])
        }
        guard order == .stored else { return (.lookups, keys) }
        keys.sort()
        if let forced, forced != .scan { return (forced, keys) }
        let most = keys.count * denseShare
        return (try PartnershipScan.spanned(keys, atMost: most, db) <= most ? .ranges : .lookups, keys)
    }
}

extension PartnershipFilter {
    /// Whether it sets no condition, and so matches every partnership.
    var matchesAll: Bool {
        var all = self
        all.periodMembership = PartnershipFilter().periodMembership
        return all == PartnershipFilter()
    }
}
