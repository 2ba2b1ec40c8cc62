import Foundation
import GRDB

extension Store {
    /// Calls `body` with the partnerships `filter` matches, `size` at a time, in
    /// filing order, all read from one consistent view of the database: a
    /// million partnerships never need to be in memory at once.
    public func forEachBatch(_ filter: PartnershipFilter = PartnershipFilter(), size: Int = 2000,
                             _ body: ([Partnership]) throws -> Void) throws {
        try db.read { db in try Store.within(db) { try Self.batches(db, filter, size: size, body) } }
    }

    /// Classifies batch by batch in one transaction: `body` returns the labels
    /// of each batch, which replace the partnerships' saved labels; the run is
    /// saved with its counts at the end. Nothing is saved when `body` throws.
    @discardableResult
    public func saveClassification(_ run: ClassificationRun, filter: PartnershipFilter, size: Int = 2000,
                                   _ body: ([Partnership]) throws -> [String: [AssignedLabel]]) throws -> ClassificationRun {
        try db.write { db in
            try Store.raiseRevision(db)
            var run = run
            (run.partnerships, run.labels) = (0, 0)
            try Self.insert(run, db) // first: the labels refer to it
            try Store.within(db) { try Self.batches(db, filter, size: size) { batch in
                for (id, labels) in try body(batch).sorted(by: { $0.key < $1.key }) {
                    try Self.replaceLabels(of: id, with: labels, db)
                    run.labels += labels.count
                }
                run.partnerships += batch.count
            } }
            run.finished = Date()
            try db.execute(literal: """
                UPDATE classification_run SET finished = \(Timestamp.text(run.finished)), partnerships = \(run.partnerships),
                    labels = \(run.labels) WHERE id = \(run.id)
                """)
            return run
        }
    }

    private static func batches(_ db: Database, _ filter: PartnershipFilter, size: Int,
                                _ body: ([Partnership]) throws -> Void) throws {
        let ids = try String.fetchAll(db, SQLRequest<String>(literal: "SELECT id FROM (\(filter.sql))"))
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
