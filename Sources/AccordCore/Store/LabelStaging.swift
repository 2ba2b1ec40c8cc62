import Foundation
import GRDB

/// Where a classification's labels wait until every batch is classified: a
/// private temporary database (a file no other process can open, deleted by
/// the system however this one ends), so that classifying holds no lock on
/// the store. `replace` then moves them into the store in one transaction.
final class LabelStaging {
    private let queue: DatabaseQueue

    init() throws {
        // An empty path is SQLite's private temporary database.
        queue = try DatabaseQueue(path: "")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                CREATE TABLE staged_label (partnership_id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT NOT NULL,
                    is_primary INTEGER NOT NULL, origin TEXT NOT NULL, rule TEXT, pack TEXT, pack_version TEXT,
                    pack_digest TEXT, evidence TEXT, run_id TEXT NOT NULL);
                CREATE TABLE staged_partnership (id TEXT NOT NULL);
                """)
        }
    }

    /// Keeps the labels of these partnerships; returns how many labels.
    func stage(_ labels: [String: [AssignedLabel]]) throws -> Int {
        guard !labels.isEmpty else { return 0 }
        return try queue.write { db in
            let partnership = try db.cachedStatement(sql: "INSERT INTO staged_partnership (id) VALUES (?)")
            var count = 0
            for (id, list) in labels {
                try partnership.execute(arguments: [id])
                try Store.insertLabels(of: id, list, into: "staged_label", db)
                count += list.count
            }
            return count
        }
    }

    /// Replaces the saved labels of the staged partnerships with the staged
    /// ones, in the store's transaction `db`, and marks those partnerships as
    /// classified by `run` (the newest run saved `before` it tells whether
    /// the packs changed).
    func replace(in db: Database, classifiedBy run: ClassificationRun, after before: ClassificationRun?) throws {
        try queue.read { staged in
            try db.execute(sql: "CREATE TEMP TABLE staged_partnership (id TEXT NOT NULL)")
            defer { try? db.execute(sql: "DROP TABLE temp.staged_partnership") }
            let partnership = try db.cachedStatement(sql: "INSERT INTO temp.staged_partnership (id) VALUES (?)")
            let ids = try String.fetchCursor(staged, sql: "SELECT id FROM staged_partnership")
            while let id = try ids.next() { try partnership.execute(arguments: [id]) }
            // When every partnership was classified, emptying the table is far faster than deleting row by row.
            let all = try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM partnership WHERE id NOT IN (SELECT id FROM temp.staged_partnership))
                """)!
            try db.execute(sql: "DELETE FROM assigned_label" + (all ? "" : " WHERE partnership_id IN (SELECT id FROM temp.staged_partnership)"))
            let insert = try db.cachedStatement(sql: "INSERT INTO assigned_label (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let rows = try Row.fetchCursor(staged, sql: "SELECT \(Self.columns) FROM staged_label ORDER BY partnership_id, position")
            while let row = try rows.next() { try insert.execute(arguments: StatementArguments(row.databaseValues)) }
            try Store.markClassified(by: run, after: before, ids: all ? nil : "SELECT id FROM temp.staged_partnership", db)
        }
    }

    private static let columns = "partnership_id, position, label, is_primary, origin, rule, pack, pack_version, pack_digest, evidence, run_id"
}
