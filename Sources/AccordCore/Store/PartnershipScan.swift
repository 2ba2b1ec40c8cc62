import Foundation

/// Reads partnerships in id order by merging sequential scans: the partnership rows of an
/// id range, then for each list table its rows of the same range in
/// `(partnership_id, position)` order, each walked once beside the partnerships. The tables
/// are clustered by id (`ClusteredTables`), so each scan is one search and then
/// neighbouring pages, where reading by ids searches a B-tree per record and table.
enum PartnershipScan {
    /// At most `limit` partnerships after the id `after` (from the first when nil), in id order,
    /// without the lists `skipped` names.
    static func partnerships(after: String?, limit: Int?, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        var sql: SQLQuery = "SELECT \(sql: RecordsSQL.partnershipColumns(of: "partnership")) FROM partnership"
        if let after { sql += " WHERE id > \(after)" }
        sql += " ORDER BY id"
        if let limit { sql += " LIMIT \(limit)" }
        var found = try db.rows(sql, RecordsSQL.partnership)
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// The partnerships from the id `first` up to `end`, not included (to the last when nil), in id order.
    static func partnerships(from first: String, before end: String?, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        var sql: SQLQuery = "SELECT \(sql: RecordsSQL.partnershipColumns(of: "partnership")) FROM partnership WHERE id >= \(first)"
        if let end { sql += " AND id < \(end)" }
        sql += " ORDER BY id"
        var found = try db.rows(sql, RecordsSQL.partnership)
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// The ids that start batches of `size` partnerships, in id order: the first id, the one `size` after it, and so on.
    static func batchStarts(size: Int, _ db: any StoreConnection) throws -> [String] {
        try db.column("""
            SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM partnership) AS p
            WHERE (n - 1) % \(size) = 0 ORDER BY id
            """)
    }

    /// The partnerships of `ids` (in SQLite's order of ids), read by scanning the range they span
    /// and passing over the others.
    static func partnerships(_ ids: ArraySlice<String>, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        guard let first = ids.first, let last = ids.last else { return [] }
        let wanted = Set(ids)
        var found: [Partnership] = []
        found.reserveCapacity(ids.count)
        try db.forEachRow("""
            SELECT \(sql: RecordsSQL.partnershipColumns(of: "partnership")) FROM partnership WHERE id BETWEEN \(first) AND \(last)
            ORDER BY id
            """) { row in
            if wanted.contains(try row[0]) { found.append(try RecordsSQL.partnership(row)) }
        }
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// Adds their lists but those `skipped` names to `partnerships`, which are in id order: each
    /// list table is read once over the range of their ids, beside them.
    private static func addLists(to partnerships: inout [Partnership], without skipped: Set<Partnership.List>,
                                 _ db: any StoreConnection) throws {
        guard let first = partnerships.first?.id, let last = partnerships.last?.id else { return }
        for list in RecordsSQL.partnershipLists where !skipped.contains(list.name) {
            var i = 0
            try db.forEachRow("""
                \(sql: list.select) WHERE partnership_id BETWEEN \(first) AND \(last) ORDER BY partnership_id, \(sql: list.order)
                """) { row in
                // Most rows belong to the partnership of the row before, the rest mostly to the next.
                if i == partnerships.count || !row.text(0, equals: partnerships[i].id) {
                    if i + 1 < partnerships.count, row.text(0, equals: partnerships[i + 1].id) {
                        i += 1
                    } else {
                        let owner: String = try row[0]
                        while i < partnerships.count, precedes(partnerships[i].id, owner) { i += 1 }
                        guard i < partnerships.count, partnerships[i].id == owner else { return }
                    }
                }
                try list.add(&partnerships[i], row)
            }
        }
    }

    /// Whether `a` sorts before `b` as SQLite sorts text (by bytes).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let inPlace = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order < 0 || (order == 0 && x.count < y.count)
            }
        }
        return (inPlace ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
