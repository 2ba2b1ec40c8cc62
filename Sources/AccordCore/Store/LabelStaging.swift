import Foundation
import GRDB

/// Where a classification's labels wait until every batch is classified:
/// temporary tables of the store's writing connection. Writing them takes no
/// lock on the database (SQLite keeps a connection's temporary tables apart),
/// so classifying holds no lock on the store; `replace` then moves them into
/// the store in one short transaction, with one statement.
///
/// A store in memory reads and writes through one connection, which cannot
/// write while it reads: its labels wait in a database of their own, and
/// `replace` copies them row by row.
final class LabelStaging {
    private let writer: any DatabaseWriter
    /// Whether `writer` is a database of its own rather than the store's writer.
    private let separate: Bool

    /// Stages on the store's `writer`, or, when `separate`, in a private database.
    init(writer: any DatabaseWriter, separate: Bool) throws {
        self.writer = separate ? try DatabaseQueue() : writer
        self.separate = separate
        try self.writer.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.staged_label;
                DROP TABLE IF EXISTS temp.staged_partnership;
                CREATE TEMP TABLE staged_label (partnership_id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT NOT NULL,
                    is_primary INTEGER NOT NULL, origin TEXT NOT NULL, rule TEXT, pack TEXT, pack_version TEXT,
                    pack_digest TEXT, evidence TEXT, run_id TEXT NOT NULL);
                CREATE TEMP TABLE staged_partnership (id TEXT NOT NULL);
                """)
        }
    }

    deinit {
        try? writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.staged_label; DROP TABLE IF EXISTS temp.staged_partnership")
        }
    }

    /// Keeps the labels of these partnerships; returns how many labels.
    func stage(_ labels: [String: [AssignedLabel]]) throws -> Int {
        guard !labels.isEmpty else { return 0 }
        return try writer.writeWithoutTransaction { db in
            var count = 0
            // Deferred: an immediate transaction, the writer's default, would take the database's write lock.
            try db.inTransaction(.deferred) {
                let partnership = try db.cachedStatement(sql: "INSERT INTO temp.staged_partnership (id) VALUES (?)")
                for (id, list) in labels {
                    try partnership.execute(arguments: [id])
                    try Store.insertLabels(of: id, list, into: "temp.staged_label", db)
                    count += list.count
                }
                return .commit
            }
            return count
        }
    }

    /// Replaces the saved labels of the staged partnerships with the staged
    /// ones, in the store's transaction `db` (of the same writer), and marks
    /// those partnerships as classified by `run` (the newest run saved `before`
    /// it tells whether the packs changed).
    func replace(in db: Database, classifiedBy run: ClassificationRun, after before: ClassificationRun?) throws {
        if separate { try copy(into: db) }
        defer { if separate { try? db.execute(sql: "DROP TABLE temp.staged_label; DROP TABLE temp.staged_partnership") } }
        // When every partnership was classified, emptying the table is far faster than deleting row by row.
        let all = try Bool.fetchOne(db, sql: """
            SELECT NOT EXISTS (SELECT 1 FROM main.partnership WHERE id NOT IN (SELECT id FROM temp.staged_partnership))
            """)!
        try db.execute(sql: """
            DELETE FROM main.assigned_label\(all ? "" : " WHERE partnership_id IN (SELECT id FROM temp.staged_partnership)");
            INSERT INTO main.assigned_label (\(Self.columns)) SELECT \(Self.columns) FROM temp.staged_label
                ORDER BY partnership_id, position;
            """)
        try Store.markClassified(by: run, after: before, ids: all ? nil : "SELECT id FROM temp.staged_partnership", db)
    }

    /// Copies the staged rows from the private database into temporary tables of `db`.
    private func copy(into db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE staged_label AS SELECT \(Self.columns) FROM main.assigned_label WHERE 0;
            CREATE TEMP TABLE staged_partnership (id TEXT NOT NULL);
            """)
        try writer.read { staged in
            let partnership = try db.cachedStatement(sql: "INSERT INTO temp.staged_partnership (id) VALUES (?)")
            let ids = try String.fetchCursor(staged, sql: "SELECT id FROM temp.staged_partnership")
            while let id = try ids.next() { try partnership.execute(arguments: [id]) }
            let insert = try db.cachedStatement(sql: "INSERT INTO temp.staged_label (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let rows = try Row.fetchCursor(staged, sql: "SELECT \(Self.columns) FROM temp.staged_label")
            while let row = try rows.next() { try insert.execute(arguments: StatementArguments(row.databaseValues)) }
        }
    }

    private static let columns = "partnership_id, position, label, is_primary, origin, rule, pack, pack_version, pack_digest, evidence, run_id"
}
