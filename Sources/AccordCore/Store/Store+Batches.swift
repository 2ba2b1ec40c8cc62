import Foundation
import GRDB

/// The order `Store.forEachBatch` walks partnerships in.
public enum BatchOrder: Sendable {
    /// By filing date, undated last, then by id: as listings show them.
    case filing
    /// By id: the order of the lists' keys, and much faster to read from a large database.
    case id
}

extension Store {
    /// Calls `body` with the partnerships `filter` matches, `size` at a time, in
    /// `order`, all read from one consistent view of the database: a million
    /// partnerships never need to be in memory at once.
    public func forEachBatch(_ filter: PartnershipFilter = PartnershipFilter(), order: BatchOrder = .filing,
                             size: Int = 2000, _ body: ([Partnership]) throws -> Void) throws {
        try db.read { db in try Store.within(db) { try Self.batches(db, filter, order: order, size: size, body) } }
    }

    /// Classifies batch by batch in one transaction: `body` returns labels,
    /// which replace the partnerships' saved labels, and `remaining` after the
    /// last batch those not returned yet; the run is saved with its counts at
    /// the end. Nothing is saved when either throws.
    ///
    /// `body` may return the labels of an earlier batch: a caller that classifies
    /// one batch on other threads while the next is read returns the labels of
    /// the one before.
    @discardableResult
    public func saveClassification(_ run: ClassificationRun, filter: PartnershipFilter, order: BatchOrder = .filing,
                                   size: Int = 2000,
                                   _ body: ([Partnership]) throws -> [String: [AssignedLabel]],
                                   remaining: () throws -> [String: [AssignedLabel]] = { [:] }) throws -> ClassificationRun {
        try db.write { db in
            try Store.raiseRevision(db)
            let before = try Self.newestRun(db)
            var run = run
            (run.partnerships, run.labels) = (0, 0)
            try Self.insert(run, db) // first: the labels refer to it
            // Labels wait in temporary tables until every batch is classified: writing them
            // to the database's own tables as they come would fill its log, which each read
            // of the next batch then has to search.
            try db.execute(sql: """
                CREATE TEMP TABLE staged_label AS SELECT * FROM assigned_label WHERE 0;
                CREATE TEMP TABLE staged_partnership (id TEXT NOT NULL);
                """)
            func stage(_ labels: [String: [AssignedLabel]]) throws {
                let partnership = try db.cachedStatement(sql: "INSERT INTO staged_partnership (id) VALUES (?)")
                for (id, list) in labels {
                    try partnership.execute(arguments: [id])
                    try Self.insertLabels(of: id, list, into: "staged_label", db)
                    run.labels += list.count
                }
            }
            try Store.within(db) {
                try Self.batches(db, filter, order: order, size: size) { batch in
                    try stage(try body(batch))
                    run.partnerships += batch.count
                }
                try stage(try remaining())
            }
            // When every partnership was classified, emptying the table is far faster than deleting row by row.
            let all = try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM partnership WHERE id NOT IN (SELECT id FROM staged_partnership))
                """)!
            try db.execute(sql: """
                DELETE FROM assigned_label\(all ? "" : " WHERE partnership_id IN (SELECT id FROM staged_partnership)");
                INSERT INTO assigned_label SELECT * FROM staged_label ORDER BY partnership_id, position;
                """)
            try Self.markClassified(by: run, after: before, ids: all ? nil : "SELECT id FROM staged_partnership", db)
            try db.execute(sql: "DROP TABLE staged_label; DROP TABLE staged_partnership;")
            run.finished = Date()
            try db.execute(literal: """
                UPDATE classification_run SET finished = \(Timestamp.text(run.finished)), partnerships = \(run.partnerships),
                    labels = \(run.labels) WHERE id = \(run.id)
                """)
            return run
        }
    }

    private static func batches(_ db: Database, _ filter: PartnershipFilter, order: BatchOrder, size: Int,
                                _ body: ([Partnership]) throws -> Void) throws {
        var ids = try String.fetchAll(db, SQLRequest<String>(literal: "SELECT id FROM (\(filter.sql))"))
        if order == .id { ids.sort() }
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + size, ids.count)])
            let found = try RecordsSQL.partnerships(db, """
                SELECT p.* FROM partnership p WHERE p.id IN (SELECT value FROM json_each(\(RecordsSQL.jsonArray(chunk))))
                """)
            let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
            try body(chunk.compactMap { byID[$0] })
            start += size
        }
    }
}

extension Store {
    private static let currentKey = "accord.store.database"

    /// Runs `body` with `db` as the connection this thread's reads use: code
    /// called while a batch is open (a rule that queries the store) reads in
    /// the same transaction instead of opening another, which GRDB refuses.
    static func within<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let outer = dictionary[currentKey]
        dictionary[currentKey] = db
        defer { dictionary[currentKey] = outer }
        return try body()
    }

    /// Runs `body` as if this thread had no transaction open: for work spread over
    /// threads, each of which must then read in a transaction of its own.
    public static func outsideTransactions<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let outer = dictionary[currentKey]
        dictionary[currentKey] = nil
        defer { dictionary[currentKey] = outer }
        return try body()
    }

    /// Reads in the transaction this thread has open, if any, else in a new one.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        if let current = Thread.current.threadDictionary[Store.currentKey] as? Database { return try body(current) }
        return try db.read(body)
    }
}
