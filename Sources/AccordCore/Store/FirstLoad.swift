import GRDB

/// A large first import, into a database without records, writes each page once and
/// checks the references once.
///
/// In WAL mode every page is written to the log and copied into the file when the
/// transaction commits: at a million partnerships that is 4.7 GB written for a 2 GB
/// file, and the copy alone takes longer than building the indexes. And each row of a
/// list looks its partnership up as it is written, to check its foreign key: at 100,000
/// partnerships the import took 4.8 s with foreign keys, 4.0 s without, and 4.55 s
/// without and with every reference checked before the commit (`PRAGMA foreign_key_check`);
/// checking only the references between records, each distinct value once, takes far less
/// (see `checkReferences`).
///
/// So when no other connection has the file open, the import runs with a rollback
/// journal (which holds the few pages the empty database had) and without foreign keys,
/// checks the references between records before it commits (`checkReferences`), and
/// WAL mode and foreign keys come back when it ends, committed or not. While it writes,
/// another process may have to wait to read, up to its busy timeout, as it would to write;
/// a database with records stays as it is, so that readers go on reading what it holds.
struct FirstLoad {
    private let pool: DatabasePool?
    /// The pool's `synchronous` setting in WAL mode, put back at the end: with a rollback
    /// journal only `FULL` keeps the file whole through a power failure.
    private var synchronous: Int?

    /// Leaves WAL mode when `writer` is a pool whose file nothing else has open; otherwise changes nothing.
    init(_ writer: any DatabaseWriter) throws {
        guard let pool = writer as? DatabasePool else {
            self.pool = nil
            return
        }
        // The pool's own readers hold the file open too.
        pool.releaseMemory()
        do {
            let mode = try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
            self.pool = mode?.lowercased() == "delete" ? pool : nil
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            self.pool = nil // another connection has the file open
        }
        do {
            synchronous = try self.pool?.writeWithoutTransaction { db in
                let setting = try Int.fetchOne(db, sql: "PRAGMA synchronous")
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF")
                return setting
            }
        } catch {
            end()
            throw error
        }
    }

    /// Throws when another process wrote records between the check that the database had none
    /// and the import's transaction (whose write lock `db` holds): without foreign keys, a
    /// pruning import could then leave the lists of what it removes.
    func checkStillEmpty(_ db: Database) throws {
        guard isActive, try Store.holdsRecords(db) else { return }
        throw StoreError("another process imported records while this import started; nothing was imported: run it again")
    }

    /// Whether the import writes with a rollback journal and checks references at the end.
    var isActive: Bool { pool != nil }

    /// The columns that name another record than the one their row is written with: an
    /// organization's parent, a party's or a person's organization, a source. The rows of a
    /// record's lists are written with it, in one call (`RecordsSQL.write`), and need no check.
    static let referencesToOtherRecords: [(table: String, column: String)] = [
        ("organization", "parent_id"), ("organization_source", "source_id"), ("partnership_source", "source_id"),
        ("party", "organization_id"), ("person", "organization_id"),
    ]

    /// Throws when a row written names a row that is not there, as a foreign key would have.
    ///
    /// Each column's distinct values are read from its index, which the import has just built,
    /// and each is looked up once: at a million partnerships the parties' organizations take
    /// 0.2 s this way, where `PRAGMA foreign_key_check(party)` looks one up for each of 2.7
    /// million rows, and checks the parties' partnerships as well, in 3.1 s.
    func checkReferences(_ db: Database) throws {
        guard isActive else { return }
        for (table, column) in Self.referencesToOtherRecords {
            guard let key = try Row.fetchOne(db, sql: """
                SELECT "table", "to" FROM pragma_foreign_key_list(?) WHERE "from" = ?
                """, arguments: [table, column]) else {
                throw StoreError("\(table).\(column) names no other table")
            }
            let parent: String = key[0], parentColumn: String = key[1]
            let (t, c) = (table.quotedDatabaseIdentifier, column.quotedDatabaseIdentifier)
            let missing = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT \(c) AS value FROM \(t) WHERE \(c) IS NOT NULL) AS named
                WHERE NOT EXISTS (SELECT 1 FROM \(parent.quotedDatabaseIdentifier) WHERE \(parentColumn.quotedDatabaseIdentifier) = named.value))
                """) ?? false
            if missing { throw StoreError("a row of \(table) names a missing row of \(parent); nothing was imported") }
        }
    }

    /// Turns foreign keys on, goes back to WAL mode and puts `synchronous` back; a process that
    /// opened the file meanwhile may keep it from leaving the rollback journal, and the next one
    /// to open it then does.
    func end() {
        _ = try? pool?.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        _ = try? pool?.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        guard let synchronous else { return }
        _ = try? pool?.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
    }
}
