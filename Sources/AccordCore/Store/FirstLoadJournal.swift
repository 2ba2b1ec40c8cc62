import GRDB

/// A first import of many records into an empty database writes each page once.
///
/// In WAL mode every page is written to the log and copied into the file when the
/// transaction commits: at a million partnerships that is 4.7 GB written for a 2 GB
/// file, and the copy alone takes longer than building the indexes. When the
/// database holds no partnership and no other connection has it open, the import
/// runs with a rollback journal instead (which holds the few pages the empty
/// database had) and WAL mode comes back when it ends, committed or not. While it
/// writes, another process may have to wait to read, as it would to write; a database
/// with partnerships stays in WAL mode, so that readers go on reading what it holds.
struct FirstLoadJournal {
    private let pool: DatabasePool?

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
    }

    /// Whether the import writes with a rollback journal.
    var isActive: Bool { pool != nil }

    /// Goes back to WAL mode; a process that opened the file meanwhile may keep it from doing so, and
    /// the next one to open it then does.
    func end() {
        _ = try? pool?.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }
}
