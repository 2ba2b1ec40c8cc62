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

    /// Classifies batch by batch, reading one consistent view of the database:
    /// `body` returns labels, which replace the partnerships' saved labels, and
    /// `remaining` after the last batch those not returned yet. Nothing is saved
    /// when either throws.
    ///
    /// Classifying takes no lock: the labels wait in temporary tables of the
    /// writing connection and are written, with the run and its counts, in one short transaction at
    /// the end. When the data changed meanwhile, nothing is saved: `DataChanged`.
    ///
    /// `body` may return the labels of an earlier batch: a caller that classifies
    /// one batch on other threads while the next is read returns the labels of
    /// the one before.
    @discardableResult
    public func saveClassification(_ run: ClassificationRun, filter: PartnershipFilter, order: BatchOrder = .filing,
                                   size: Int = 2000,
                                   _ body: ([Partnership]) throws -> [String: [AssignedLabel]],
                                   remaining: () throws -> [String: [AssignedLabel]] = { [:] }) throws -> ClassificationRun {
        let writer = try writer()
        let staging = try LabelStaging(writer: writer, separate: db is DatabaseQueue)
        var run = run
        (run.partnerships, run.labels) = (0, 0)
        let revision = try reading { db in
            try Store.within(db) {
                try Self.batches(db, filter, order: order, size: size) { batch in
                    run.labels += try staging.stage(try body(batch))
                    run.partnerships += batch.count
                }
                run.labels += try staging.stage(try remaining())
            }
            return try Self.revision(db)
        }
        run.finished = Date()
        try writing { db in
            let now = try Self.revision(db)
            guard now == revision else { throw DataChanged(from: revision, to: now) }
            try Store.raiseRevision(db)
            let before = try Self.newestRun(db)
            try Self.insert(run, db) // first: the labels refer to it
            try staging.replace(in: db, classifiedBy: run, after: before)
        }
        return run
    }

    static func revision(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT number FROM revision WHERE id = 1") ?? 0
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
        do { return try db.read(body) } catch { throw explained(error) }
    }
}
