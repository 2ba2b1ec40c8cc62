import Foundation
import GRDB
import Synchronization

/// Where a classification's labels wait until every batch is classified: three tables of
/// the store made for this run, shaped as `assigned_label`, `label_stamp` and `classified`
/// are (their own `CREATE` statements, another name), written a batch at a time in short
/// transactions. When the run classified every partnership, `replace` swaps them in
/// for the saved ones (drop and rename: nothing is copied; copying took 15 s at a
/// million partnerships); otherwise it copies them over the
/// labels of the partnerships they hold. Either way it drops them, as a failed run
/// does; tables left by a process that died, or that could not be dropped, are dropped
/// by the next run.
final class LabelStaging {
    private let writer: any DatabaseWriter
    /// The tables of this run: `staged_label_PID_TOKEN`, `staged_stamp_PID_TOKEN` and `staged_classified_PID_TOKEN`.
    private let labels: String, stamps: String, classified: String
    /// The statement that marks partnerships as classified.
    private let marks: ChunkedInsert
    private let prepared = PreparedStatements()
    /// Writes the staged labels and their stamps.
    private var staged: LabelWriter
    /// The revision the labels were computed from: a batch is refused once the data changed.
    private let revision: Int
    private let runID: String
    private let token: UInt32
    private var replaced = false

    /// Makes the tables of the run `runID`, computed from the data at `revision`.
    init(writer: any DatabaseWriter, runID: String, revision: Int) throws {
        self.writer = writer
        self.runID = runID
        self.revision = revision
        token = UInt32.random(in: 0...UInt32.max)
        (labels, stamps, classified) = ("staged_label_\(getpid())_\(token)", "staged_stamp_\(getpid())_\(token)",
                                        "staged_classified_\(getpid())_\(token)")
        marks = ChunkedInsert(into: classified, columns: ["partnership_id", "filed", "run_id"])
        staged = LabelWriter(labels: labels, stamps: stamps)
        Self.live.withLock { _ = $0.insert(token) }
        try writer.write { db in
            try Self.dropAbandoned(db)
            for (table, like) in [(labels, "assigned_label"), (stamps, "label_stamp"), (classified, "classified")] {
                try db.execute(sql: try Self.create(table, like: like, db))
            }
        }
    }

    /// Drops the tables of a run that saved nothing, unless another process holds the
    /// write lock (they are then left to the next run).
    deinit {
        Self.live.withLock { _ = $0.remove(token) }
        guard !replaced else { return }
        try? writer.writeWithoutTransaction { db in
            let wait = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(wait)") }
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            try db.inTransaction { try drop(db); return .commit }
        }
    }

    /// Keeps the labels of these partnerships, and that they were classified; returns how many labels.
    ///
    /// The rows are written without foreign keys: the revision, checked in the same
    /// transaction, says the partnerships they name are those the run read, so looking each
    /// one up (half the time of writing the rows at a million) proves nothing. `replace`
    /// copies them with the keys checked where it does not swap the tables.
    func stage(_ sorted: KeyedLabels) throws -> Int {
        guard !sorted.isEmpty else { return 0 }
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let written = Result {
                try db.inTransaction {
                    let now = try Store.revision(db)
                    guard now == revision else { throw DataChanged(from: revision, to: now) }
                    try marks.run(rows: sorted.count, in: db, prepared: prepared) { i, row in row.add(sorted[i].key.id); row.add(sorted[i].key.filed); row.add(runID) }
                    try staged.insert(sorted, in: db)
                    return .commit
                }
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try written.get()
            return sorted.reduce(0) { $0 + $1.labels.count }
        }
    }

    /// Replaces the saved labels of the staged partnerships with the staged ones, in the
    /// store's transaction `db` (of the same writer), and marks those partnerships as
    /// classified by `run` (the newest run saved `before` it tells whether the packs changed).
    /// Says whether the run classified every partnership.
    func replace(in db: Database, classifiedBy run: ClassificationRun, after before: ClassificationRun?) throws -> Bool {
        let all = try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM partnership) - (SELECT COUNT(*) FROM \(classified))") == 0
        precondition(run.id == runID)
        if all {
            try db.execute(sql: """
                DROP TABLE assigned_label;
                ALTER TABLE \(labels) RENAME TO assigned_label;
                DELETE FROM label_stamp;
                INSERT INTO label_stamp SELECT * FROM \(stamps);
                DROP TABLE \(stamps);
                DROP TABLE classified;
                ALTER TABLE \(classified) RENAME TO classified;
                """)
        } else {
            try db.execute(sql: """
                DELETE FROM assigned_label WHERE (filed, partnership_id) IN (SELECT filed, partnership_id FROM \(classified));
                INSERT INTO assigned_label SELECT * FROM \(labels);
                INSERT INTO label_stamp SELECT * FROM \(stamps);
                """)
            try Store.markClassified(by: run, after: before, keys: "SELECT partnership_id AS id, filed FROM \(sql: classified)", db)
            try drop(db)
        }
        replaced = true
        return all
    }

    private func drop(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS \(labels); DROP TABLE IF EXISTS \(stamps); DROP TABLE IF EXISTS \(classified)")
    }

    /// `table`'s own `CREATE TABLE` statement with another name.
    private static func create(_ name: String, like table: String, _ db: Database) throws -> String {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                            arguments: [table]),
              let columns = sql.firstIndex(of: "(") else { throw StoreError("no table \(table) in the database") }
        return "CREATE TABLE \(name) \(sql[columns...])"
    }

    /// The tokens of this process's runs under way.
    private static let live = Mutex<Set<UInt32>>([])

    /// Drops the staged tables of runs no longer under way: of this process, or of one no longer running.
    private static func dropAbandoned(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'staged_*_*_*'")
        for table in tables {
            let parts = table.split(separator: "_")
            guard parts.count == 4, let pid = pid_t(parts[2]), let token = UInt32(parts[3]) else { continue }
            let abandoned = pid == getpid() ? !live.withLock { $0.contains(token) } : kill(pid, 0) != 0 && errno == ESRCH
            if abandoned { try db.execute(sql: "DROP TABLE \(table)") }
        }
    }
}
