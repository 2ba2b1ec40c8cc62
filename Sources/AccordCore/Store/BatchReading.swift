/// How `Store.forEachBatch` reads the partnerships a filter matches.
enum BatchReading: Sendable {
    /// Every partnership, batch after batch, by sequential scans (`PartnershipScan`).
    case scan
    /// The matching ids in id order, each batch by sequential scans over the range of its ids,
    /// passing over the partnerships between them that do not match.
    case ranges
    /// The matching ids in the order asked, each batch by looking up its ids in every table.
    case lookups

    /// From this share of all partnerships on (one in `denseShare`), a filter's matches are read
    /// by ranges: scanning the others between them costs less than looking each match up.
    static let denseShare = 4

    /// In id order, scans when the filter matches everything and reads ranges when it matches at
    /// least one partnership in `denseShare`; looks ids up otherwise and in filing order.
    /// Returns the ids to read, in order, unless it scans.
    static func choose(_ filter: PartnershipFilter, order: BatchOrder, forcing forced: BatchReading?,
                       _ db: any StoreConnection) throws -> (BatchReading, [String]) {
        if order == .id && filter.matchesAll && (forced ?? .scan) == .scan { return (.scan, []) }
        var ids: [String] = try db.column("SELECT id FROM (\(filter.sql)) AS p")
        guard order == .id else { return (.lookups, ids) }
        ids.sort(by: PartnershipScan.precedes)
        if let forced, forced != .scan { return (forced, ids) }
        let total: Int = try db.value("SELECT COUNT(*) FROM partnership") ?? 0
        return (ids.count * denseShare >= total ? .ranges : .lookups, ids)
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
