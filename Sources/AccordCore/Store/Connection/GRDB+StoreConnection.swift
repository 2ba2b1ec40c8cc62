import Foundation
import GRDB
import GRDBSQLite

/// SQLite, through GRDB: a connection inside one of its transactions.
extension Database: StoreConnection {
    public var dialect: SQLDialect { .sqlite }

    @discardableResult
    public func execute(_ query: SQLQuery) throws -> Int {
        let (text, values) = query.rendered(for: .sqlite)
        try execute(sql: text, arguments: StatementArguments(values.map(\.databaseValue)))
        return changesCount
    }

    public func forEachRow(_ query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws {
        let (text, values) = query.rendered(for: .sqlite)
        try forEachRow(of: try makeStatement(sql: text), values, body)
    }

    /// Prepared once for the connection, unless the statement kept is stepping through rows of its own
    /// (a query run again inside `body`).
    public func forEachRow(repeated query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws {
        let (text, values) = query.rendered(for: .sqlite)
        let kept = try cachedStatement(sql: text)
        let statement = sqlite3_stmt_busy(kept.sqliteStatement) == 0 ? kept : try makeStatement(sql: text)
        try forEachRow(of: statement, values, body)
    }

    private func forEachRow(of statement: Statement, _ values: [SQLValue], _ body: (any StoreRow) throws -> Void) throws {
        try statement.setArguments(StatementArguments(values.map(\.databaseValue)))
        let rows = try Row.fetchCursor(statement)
        let row = SQLiteRow(statement: statement.sqliteStatement)
        while try rows.next() != nil { try body(row) }
    }
}

/// The row a SQLite statement is on, its columns read straight from the statement, as GRDB's
/// cursors read them for the types they decode fast, but without a `Row` in between.
struct SQLiteRow: StoreRow {
    let statement: OpaquePointer

    var count: Int { Int(sqlite3_column_count(statement)) }

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(statement, Int32(column)) == SQLITE_NULL }

    func text(_ column: Int) -> String? {
        withUTF8(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Compared where SQLite holds the text, which it ends with a NUL: no call to learn its length.
    /// `strcmp` compares bytes as unsigned, as SQLite's `BINARY` collation does.
    func text(_ column: Int, comparedTo cString: UnsafePointer<CChar>) -> Int? {
        guard let base = sqlite3_column_text(statement, Int32(column)) else { return nil }
        return Int(strcmp(base, cString))
    }

    func integer(_ column: Int) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(statement, Int32(column)) }

    func real(_ column: Int) -> Double? { isNull(column) ? nil : sqlite3_column_double(statement, Int32(column)) }

    func bytes(_ column: Int) -> Data? {
        guard !isNull(column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, Int32(column)))
        guard count > 0, let base = sqlite3_column_blob(statement, Int32(column)) else { return Data() }
        return Data(bytes: base, count: count)
    }

    func name(_ column: Int) -> String { String(cString: sqlite3_column_name(statement, Int32(column))) }

    /// `body` of the column's text, as SQLite holds it; nil when it is NULL. The text is asked for
    /// first: SQLite gives none only for a NULL (or when out of memory), so that a row's many
    /// texts cost no call each to learn their type.
    func withUTF8<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard let base = sqlite3_column_text(statement, Int32(column)) else {
            return isNull(column) ? nil : try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeBufferPointer(start: base, count: Int(sqlite3_column_bytes(statement, Int32(column)))))
    }
}

extension Row: StoreRow {
    public func isNull(_ column: Int) -> Bool { hasNull(atIndex: column) }
    public func text(_ column: Int) -> String? { self[column] }
    public func integer(_ column: Int) -> Int64? { self[column] }
    public func real(_ column: Int) -> Double? { self[column] }
    public func bytes(_ column: Int) -> Data? { self[column] }
    public func name(_ column: Int) -> String { Array(columnNames)[column] }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
