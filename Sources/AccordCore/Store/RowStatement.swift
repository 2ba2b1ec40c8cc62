import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// A statement run once per row with its values bound one by one, straight from Swift. On
/// SQLite a cached statement, with no argument array built for each row (an import writes
/// about ten rows a record); on a server, the values collected and sent with the SQL.
struct RowStatement {
    private enum Target {
        case sqlite(Statement)
        case server(any StoreConnection, String)
    }

    private let target: Target

    /// `sql`, with a `?` for each value, in the SQL both dialects share.
    init(_ db: any StoreConnection, _ sql: String) throws {
        if let db = db as? Database {
            target = .sqlite(try db.cachedStatement(sql: sql))
        } else {
            target = .server(db, sql)
        }
    }

    /// The SQLite statement, nil on a server.
    var sqliteStatement: Statement? {
        if case .sqlite(let statement) = target { statement } else { nil }
    }

    /// Binds the values `bind` adds, in order, runs the statement, and says how many rows it changed.
    @discardableResult
    func run(_ bind: (inout RowValues) -> Void) throws -> Int {
        switch target {
        case .server(let db, let sql):
            var values = RowValues(statement: nil)
            bind(&values)
            return try db.execute(row: sql, values.collected)
        case .sqlite(let statement):
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            var values = RowValues(statement: handle)
            // The texts are bound where `values` keeps them: unbound before they go.
            defer {
                sqlite3_clear_bindings(handle)
                values.texts.release()
            }
            bind(&values)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
                sqlite3_reset(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            return Int(sqlite3_changes(sqlite3_db_handle(handle)))
        }
    }
}

/// Statements prepared for one connection and kept by their caller under keys of its own. GRDB's
/// cache finds a statement by hashing its SQL, which for an insert of 64 rows runs to kilobytes: at
/// 100,000 partnerships, 3.8% of an import's writing thread went to finding the statements it ran.
final class PreparedStatements {
    /// The connection the statements were prepared for, held so that no other takes its place.
    private var connection: (any StoreConnection)?
    private var kept: [Int: RowStatement] = [:]

    /// The statement kept under `key`, prepared from `sql` the first time; a statement for another
    /// connection than the last drops those kept.
    func statement(_ key: Int, _ db: any StoreConnection, _ sql: () -> String) throws -> RowStatement {
        if connection !== db {
            kept = [:]
            connection = db
        }
        if let statement = kept[key] { return statement }
        let statement = try RowStatement(db, sql())
        kept[key] = statement
        return statement
    }
}

/// An `INSERT` of many rows into `table`. On SQLite, up to `chunk` rows a statement: the
/// statement's cursor stays open from one row to the next, so rows in key order are appended
/// where the last one went instead of searched for from the root of the B-tree, as each
/// statement of one row is. On a server, a statement a row, which it sends many at a time.
///
/// Run it in a transaction that a failure rolls back. On SQLite the statements are `INSERT OR
/// FAIL`: a row that breaks a constraint stops its statement without undoing the rows before it,
/// so SQLite keeps no statement journal, the copy of each page a statement changes that undoing
/// would need (at a million partnerships, 4 GB written to temporary files by `classify --save`).
struct ChunkedInsert: Sendable {
    /// SQLite's statement of `n` rows at `n - 1`.
    private let statements: [String]
    /// The statement of one row a server runs.
    private let serverStatement: String
    /// Where this insert's statements are kept in a `PreparedStatements`: each insert made has its own.
    private let key: Int

    private static let made = Atomic<Int>(0)

    init(into table: String, columns: [String], chunk: Int = 64) {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let into = "INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        statements = (1...chunk).map { "INSERT OR FAIL " + into + Array(repeating: row, count: $0).joined(separator: ", ") }
        serverStatement = "INSERT " + into + row
        precondition(chunk < 1 << 16)
        key = Self.made.add(1, ordering: .relaxed).newValue << 16
    }

    /// Inserts `count` rows in `db`, the values of row `i` bound by `bind(i, &values)`, in order,
    /// with the statements kept in `prepared` when given.
    func run(rows count: Int, in db: any StoreConnection, prepared: PreparedStatements? = nil,
             _ bind: (Int, inout RowValues) -> Void) throws {
        let sqlite = db is Database
        let chunk = sqlite ? statements.count : 1
        var start = 0
        while start < count {
            let end = min(start + chunk, count), rows = end - start
            let sql = sqlite ? statements[rows - 1] : serverStatement
            let statement = try prepared?.statement(key + (sqlite ? rows : 0), db) { sql } ?? RowStatement(db, sql)
            try statement.run { values in
                for i in start..<end { bind(i, &values) }
            }
            start = end
        }
    }
}

/// The values of one row, bound in the order they are added; nil binds NULL.
struct RowValues {
    /// SQLite's statement, or nil when the values are collected for a server.
    fileprivate let statement: OpaquePointer?
    private var index: Int32 = 1
    fileprivate var collected: [SQLValue] = []
    /// The texts bound, until the statement has run.
    fileprivate var texts = BoundTexts()

    fileprivate init(statement: OpaquePointer?) { self.statement = statement }

    /// Text up to its first NUL, as GRDB binds it.
    mutating func add(_ text: String?) {
        defer { index += 1 }
        guard let statement else { return collected.append(text.map { .text($0) } ?? .null) }
        guard let text else { sqlite3_bind_null(statement, index); return }
        // Copied into `texts` and bound where it lies there: SQLite's own copy of a value (`SQLITE_TRANSIENT`)
        // is an allocation, freed as the next value is bound (at a million partnerships, some 2 s of the
        // import's writing thread).
        let (base, length) = text.withBytes { texts.keep($0) }
        sqlite3_bind_text64(statement, index, base, UInt64(length), nil, UInt8(SQLITE_UTF8))
    }

    mutating func add(_ number: Int?) {
        defer { index += 1 }
        guard let statement else { return collected.append(number.map { .integer(Int64($0)) } ?? .null) }
        guard let number else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, Int64(number))
    }

    mutating func add(_ number: Double?) {
        defer { index += 1 }
        guard let statement else { return collected.append(number.map { .real($0) } ?? .null) }
        guard let number else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_double(statement, index, number)
    }

    mutating func add(_ data: Data) {
        defer { index += 1 }
        guard let statement else { return collected.append(.blob([UInt8](data))) }
        data.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
    }

    /// SQLite copies the value before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// Where the texts of a statement's values are kept while it is bound: blocks of at least 8 KiB,
/// each text in one, so that binding a row's texts allocates at most once.
struct BoundTexts {
    private var blocks: [UnsafeMutableRawBufferPointer] = []
    private var used = 0

    /// A copy of `utf8` up to its first NUL, and its length; the copy lasts until `release()`.
    mutating func keep(_ utf8: UnsafeBufferPointer<UInt8>) -> (UnsafePointer<CChar>, Int) {
        // One byte at least, so that an empty text is bound as text where a NULL pointer would be NULL.
        if blocks.isEmpty || used + max(utf8.count, 1) > blocks[blocks.count - 1].count {
            blocks.append(.allocate(byteCount: max(utf8.count, 8 << 10), alignment: 1))
            used = 0
        }
        let start = blocks[blocks.count - 1].baseAddress! + used
        // Up to the first NUL, if there is one: `memccpy` copies it too and says where it stopped.
        let length = utf8.isEmpty ? 0
            : memccpy(start, utf8.baseAddress!, 0, utf8.count).map { UnsafeMutableRawPointer($0) - start - 1 } ?? utf8.count
        used += max(length, 1)
        return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), length)
    }

    /// Frees the copies.
    mutating func release() {
        for block in blocks { block.deallocate() }
        blocks = []
        used = 0
    }
}
