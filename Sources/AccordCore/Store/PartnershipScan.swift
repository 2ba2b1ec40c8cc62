import Foundation

/// Where a partnership lies in the tables: its filing day (`FilingOrder`), then its id.
struct PartnershipKey: Comparable, Sendable {
    let filed: Int
    let id: String

    init(filed: Int, id: String) {
        (self.filed, self.id) = (filed, id)
    }

    init(_ p: Partnership) {
        self.init(filed: FilingOrder.filed(p.date), id: p.id)
    }

    /// The key as one string, for a list of them that `Store.matching(keys:)` reads: the day in
    /// eight digits, a space, the id.
    var listed: String {
        let day = String(filed)
        return String(repeating: "0", count: max(0, 8 - day.utf8.count)) + day + " " + id
    }

    /// As SQLite orders the key: by day, then id by bytes.
    static func < (a: Self, b: Self) -> Bool {
        a.filed != b.filed ? a.filed < b.filed : PartnershipScan.precedes(a.id, b.id)
    }
}

/// Reads partnerships in the tables' order (`PartnershipKey`) by merging sequential scans: the
/// partnership rows of a range of keys, then for each list table its rows of the same range in
/// key order, each walked once beside the partnerships. The tables are clustered by that key
/// (`FilingOrder`), so each scan is one search and then neighbouring pages, where reading by
/// ids searches a B-tree per record and table.
enum PartnershipScan {
    private static let columns = RecordsSQL.partnershipColumns(of: "partnership")

    /// At most `limit` partnerships after `after` (from the first when nil), in key order,
    /// without the lists `skipped` names.
    static func partnerships(after: PartnershipKey?, limit: Int?, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        var found: [Partnership] = []
        if let limit { found.reserveCapacity(limit) }
        let conditions = after.map { KeySpan(after: $0).conditions(day: "filed", id: "id") } ?? ["TRUE"]
        for condition in conditions where limit.map({ found.count < $0 }) ?? true {
            var sql: SQLQuery = "SELECT \(sql: columns) FROM partnership WHERE \(condition) ORDER BY filed, id"
            if let limit { sql += " LIMIT \(limit - found.count)" }
            try db.forEachRow(sql) { found.append(try RecordsSQL.partnership($0)) }
        }
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// The partnerships from `first` up to `end`, not included (to the last when nil), in key order.
    static func partnerships(from first: PartnershipKey, before end: PartnershipKey?, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        var found: [Partnership] = []
        for condition in KeySpan(from: first, before: end).conditions(day: "filed", id: "id") {
            try db.forEachRow("SELECT \(sql: columns) FROM partnership WHERE \(condition) ORDER BY filed, id") {
                found.append(try RecordsSQL.partnership($0))
            }
        }
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// The keys that start batches of `size` partnerships, in key order: the first, the one `size` after it, and so on.
    static func batchStarts(size: Int, _ db: any StoreConnection) throws -> [PartnershipKey] {
        try db.rows("""
            SELECT filed, id FROM (SELECT filed, id, ROW_NUMBER() OVER (ORDER BY filed, id) AS n FROM partnership) AS p
            WHERE (n - 1) % \(size) = 0 ORDER BY filed, id
            """) { row in PartnershipKey(filed: try row[0], id: try row[1]) }
    }

    /// The partnerships of `keys` (in key order), read by scanning the range they span and
    /// passing over the others.
    static func partnerships(_ keys: ArraySlice<PartnershipKey>, without skipped: Set<Partnership.List> = [],
                             _ db: any StoreConnection) throws -> [Partnership] {
        guard let first = keys.first, let last = keys.last else { return [] }
        let wanted = Set(keys.map(\.id))
        var found: [Partnership] = []
        found.reserveCapacity(keys.count)
        for condition in KeySpan(first: first, last: last).conditions(day: "filed", id: "id") {
            try db.forEachRow("SELECT \(sql: columns) FROM partnership WHERE \(condition) ORDER BY filed, id") { row in
                if wanted.contains(try row[0]) { found.append(try RecordsSQL.partnership(row)) }
            }
        }
        try addLists(to: &found, without: skipped, db)
        return found
    }

    /// How many partnerships were filed from the day of the first of `keys` to the last's (in key
    /// order), counted up to one more than `limit` in each of the dated and the undated: at least
    /// as many as lie between the two. They are counted in the period index, whose entries are a
    /// few bytes, where the table's rows hold whole partnerships.
    static func spanned(_ keys: [PartnershipKey], atMost limit: Int, _ db: any StoreConnection) throws -> Int {
        guard let first = keys.first, let last = keys.last else { return 0 }
        func count(_ condition: SQLQuery) throws -> Int {
            try db.value("SELECT COUNT(*) FROM (SELECT 1 FROM partnership WHERE \(condition) LIMIT \(limit + 1)) AS spanned") ?? 0
        }
        var n = 0
        if let from = FilingOrder.dateFirst(first.filed) {
            n += try FilingOrder.dateFirst(last.filed).map { to in try count("date_first >= \(from) AND date_first <= \(to)") }
                ?? count("date_first >= \(from)")
        }
        if last.filed == FilingOrder.undated { n += try count("date_first IS NULL") }
        return n
    }

    /// Adds their lists but those `skipped` names to `partnerships`, which are in key order: each
    /// list table is read once over the range of their keys, beside them.
    private static func addLists(to partnerships: inout [Partnership], without skipped: Set<Partnership.List>,
                                 _ db: any StoreConnection) throws {
        let keys = partnerships.map(PartnershipKey.init)
        guard let first = keys.first, let last = keys.last else { return }
        let span = KeySpan(first: first, last: last)
        let fresh = KeyWalk(keys) // each list walks the keys from the first
        for list in RecordsSQL.partnershipLists where !skipped.contains(list.name) {
            var walk = fresh
            let day = list.columnCount + 1
            var previous = -1
            for condition in span.conditions() {
                try db.forEachRow(repeated: "\(sql: list.select) WHERE \(condition) ORDER BY \(sql: list.order)") { row in
                    guard let i = try walk.owner(of: row, id: 0, day: day) else { return }
                    try list.add(row, to: &partnerships[i], first: i != previous)
                    previous = i
                }
            }
        }
    }

    /// A range of keys as conditions the tables' primary key answers alone, whose rows follow one
    /// another in key order: the first day's from the first key, the days between, the last day's
    /// up to the last key. SQLite searches a range of row values, `(filed, id) >= (…)`, by the key
    /// too, but then tests it again on each row it reads, comparing the ids as text.
    struct KeySpan {
        private let first: PartnershipKey
        /// Whether `first` is in the range.
        private let fromFirst: Bool
        /// Where the range ends, nil for the last key there is; `through` when `last` is in it.
        private let last: PartnershipKey?
        private let through: Bool

        /// From `first` to `last`, both included.
        init(first: PartnershipKey, last: PartnershipKey) {
            (self.first, fromFirst, self.last, through) = (first, true, last, true)
        }

        /// From `first`, included, up to `end`, not included (to the last key when nil).
        init(from first: PartnershipKey, before end: PartnershipKey?) {
            (self.first, fromFirst, last, through) = (first, true, end, false)
        }

        /// Every key after `key`.
        init(after key: PartnershipKey) {
            (first, fromFirst, last, through) = (key, false, nil, false)
        }

        /// The conditions on the columns `day` (the filing day) and `id`: a list table's by default.
        func conditions(day: String = "t.filed", id: String = "t.partnership_id") -> [SQLQuery] {
            let from: SQLQuery = "\(sql: day) = \(first.filed) AND \(sql: id) \(sql: fromFirst ? ">=" : ">") \(first.id)"
            guard let last else { return [from, "\(sql: day) > \(first.filed)"] }
            let upTo: SQLQuery = "\(sql: id) \(sql: through ? "<=" : "<") \(last.id)"
            guard first.filed != last.filed else { return [from + " AND " + upTo] }
            return [from, "\(sql: day) > \(first.filed) AND \(sql: day) < \(last.filed)", "\(sql: day) = \(last.filed) AND " + upTo]
        }
    }

    /// Finds, for rows read in key order, which of `keys` (in key order) each belongs to: most rows
    /// are the partnership's of the row before, the rest mostly the next one's (an id is unique).
    /// The rows' ids are compared where SQLite holds them, with the keys' as C strings: comparing
    /// Swift strings asked SQLite for each one's length and made a string of each row passed over.
    struct KeyWalk {
        private let days: [Int]
        private let ids: CStrings
        private var i = 0

        init(_ keys: [PartnershipKey]) {
            days = keys.map(\.filed)
            ids = CStrings(keys.map(\.id))
        }

        /// Where in `keys` the partnership of `row` is, its id in column `id` and its filing day in
        /// `day`; nil for a partnership between them, or after the last.
        mutating func owner(of row: any StoreRow, id: Int, day: Int) throws -> Int? {
            guard i < days.count else { return nil }
            if row.text(id, comparedTo: ids[i]) == 0 { return i }
            if i + 1 < days.count, row.text(id, comparedTo: ids[i + 1]) == 0 {
                i += 1
                return i
            }
            let filed: Int = try row[day]
            // On to the last key that is not after the row's partnership.
            while i + 1 < days.count, days[i] < filed || (days[i] == filed && row.text(id, comparedTo: ids[i]) ?? 0 > 0) {
                i += 1
            }
            return days[i] == filed && row.text(id, comparedTo: ids[i]) == 0 ? i : nil
        }
    }

    /// Texts as C strings, each ended by a NUL, in one block that lasts as long as this.
    final class CStrings {
        private let bytes: UnsafeMutableBufferPointer<CChar>
        private let starts: [Int]

        init(_ texts: [String]) {
            var starts: [Int] = []
            starts.reserveCapacity(texts.count)
            var count = 0
            for text in texts {
                starts.append(count)
                count += text.utf8.count + 1
            }
            let bytes = UnsafeMutableBufferPointer<CChar>.allocate(capacity: count)
            for (text, start) in zip(texts, starts) {
                let end = text.withBytes { utf8 in
                    if let base = utf8.baseAddress { memcpy(bytes.baseAddress! + start, base, utf8.count) }
                    return start + utf8.count
                }
                bytes[end] = 0
            }
            (self.bytes, self.starts) = (bytes, starts)
        }

        deinit { bytes.deallocate() }

        /// Text `i`: valid while this lasts.
        subscript(i: Int) -> UnsafePointer<CChar> { UnsafePointer(bytes.baseAddress! + starts[i]) }
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
