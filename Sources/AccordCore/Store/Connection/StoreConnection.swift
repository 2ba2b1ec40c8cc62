import Foundation

/// A connection a store reads and writes through, inside a transaction the store began:
/// SQLite's (GRDB's `Database`) or a PostgreSQL server's.
public protocol StoreConnection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs `query`, which returns no rows, and says how many rows it changed.
    @discardableResult
    func execute(_ query: SQLQuery) throws -> Int

    /// Calls `body` with each row of `query`, in order. A row is valid only during its call.
    func forEachRow(_ query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws

    /// As `forEachRow`, for a query run again and again with other values (each batch's lists),
    /// whose text a back end may prepare once.
    func forEachRow(repeated query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws

    /// Runs `sql`, whose `?`s stand for `values`, once for a row, and says how many rows it changed:
    /// the same text for many rows, which a back end may prepare once.
    @discardableResult
    func execute(row sql: String, _ values: [SQLValue]) throws -> Int

    /// Sends the rows of plain inserts a server's connection holds back to send many at a time, so
    /// that the server takes them now rather than with the next statement or at the commit.
    func sendHeldBack() throws
}

/// The database a store keeps on a server: each call a transaction of its own.
public protocol StoreServer: AnyObject, Sendable {
    /// The database as messages name it (never with a password).
    var name: String { get }

    /// Runs `body` in a transaction that only reads.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T

    /// Runs `body` in a transaction that commits when it returns, if `commit`, and rolls back
    /// when it throws or not `commit`. References are checked when it commits. A write of data
    /// (not `onlyLedger`) waits for the one under way: they take turns.
    func write<T>(committing commit: Bool, onlyLedger: Bool, _ body: (any StoreConnection) throws -> T) throws -> T

    /// The migrations the database has had, in the order they ran; none when it has no tables.
    func appliedMigrations() throws -> [String]

    /// Makes the tables of the latest migration in a database that has none.
    func createSchema() throws

    /// Runs the migrations `missing`, in order, on a database that has had those before them.
    func migrate(_ missing: [String]) throws

    /// Takes the lock of scheduled runs on the database, held until the returned object goes or
    /// the process ends, however it ends; throws `RunLockHeld` when another session holds it.
    func takeRunLock() throws -> AnyObject
}

/// Another process, on this host or another, holds the database's lock of scheduled runs.
public struct RunLockHeld: Error, CustomStringConvertible, Sendable {
    /// Who holds it, as the server knows the session: `accord run-due pid 12 on host-b`.
    public let holder: String?
    public let database: String

    public init(holder: String?, database: String) {
        self.holder = holder
        self.database = database
    }

    public var description: String {
        "another run-due or backfill holds the lock of scheduled runs on \(database)" + (holder.map { " (\($0))" } ?? "")
            + "; try again later"
    }
}

/// One row of a query's result, its columns read by position.
public protocol StoreRow {
    var count: Int { get }
    func isNull(_ column: Int) -> Bool
    func text(_ column: Int) -> String?
    func integer(_ column: Int) -> Int64?
    func real(_ column: Int) -> Double?
    func bytes(_ column: Int) -> Data?
    /// The column's name, for messages.
    func name(_ column: Int) -> String
    /// How the column's text sorts against `cString` (ended by a NUL), as SQLite sorts texts:
    /// negative before, zero the same, positive after; nil for a NULL.
    func text(_ column: Int, comparedTo cString: UnsafePointer<CChar>) -> Int?
    /// `body` of the column's text as UTF-8, where the row holds it; nil when it is NULL.
    func withUTF8<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T?
}

extension StoreRow {
    public func text(_ column: Int, comparedTo cString: UnsafePointer<CChar>) -> Int? {
        guard let text = text(column) else { return nil }
        let other = String(cString: cString)
        return text == other ? 0 : PartnershipScan.precedes(text, other) ? -1 : 1
    }

    public func withUTF8<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard var text = text(column) else { return nil }
        return try text.withUTF8(body)
    }
}

extension StoreRow {
    /// The value at `column` as `T`; a column that holds another type, or NULL where `T` is not
    /// optional, is a `StoreError` naming it.
    @inline(__always)
    public subscript<T: StoreDecodable>(_ column: Int) -> T {
        get throws { try T.decode(self, column) }
    }
}

/// A Swift value read from a column.
public protocol StoreDecodable {
    static func decode(_ row: some StoreRow, _ column: Int) throws -> Self
}

extension StoreRow {
    /// The `StoreError` of a column that gives no `type`: NULL, or another type.
    func missing(_ column: Int, _ type: Any.Type) -> StoreError {
        StoreError(isNull(column) ? "NULL in column \(name(column)), which needs a value" : "column \(name(column)) does not hold \(type)")
    }
}

// Each reads its column without a closure or a generic helper: rows are read by the million,
// and a generic call here looked its type's metadata up at every value.
extension String: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> String {
        guard let value = row.text(column) else { throw row.missing(column, String.self) }
        return value
    }
}

extension Int: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> Int {
        guard let value = row.integer(column) else { throw row.missing(column, Int.self) }
        return Int(value)
    }
}

extension Int64: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> Int64 {
        guard let value = row.integer(column) else { throw row.missing(column, Int64.self) }
        return value
    }
}

extension Double: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> Double {
        guard let value = row.real(column) else { throw row.missing(column, Double.self) }
        return value
    }
}

extension Data: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> Data {
        guard let value = row.bytes(column) else { throw row.missing(column, Data.self) }
        return value
    }
}

extension Optional: StoreDecodable where Wrapped: StoreDecodable {
    public static func decode(_ row: some StoreRow, _ column: Int) throws -> Wrapped? {
        row.isNull(column) ? nil : try Wrapped.decode(row, column)
    }
}

extension StoreConnection {
    @discardableResult
    public func execute(row sql: String, _ values: [SQLValue]) throws -> Int {
        try execute(SQLQuery(sql: sql, values))
    }

    public func sendHeldBack() throws {}

    public func forEachRow(repeated query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws {
        try forEachRow(query, body)
    }

    /// Each row of `query`, made into a value by `transform`.
    func rows<T>(_ query: SQLQuery, _ transform: (any StoreRow) throws -> T) throws -> [T] {
        var found: [T] = []
        try forEachRow(query) { found.append(try transform($0)) }
        return found
    }

    /// The first column of each row of `query`.
    func column<T: StoreDecodable>(_ query: SQLQuery, as type: T.Type = T.self) throws -> [T] {
        try rows(query) { try $0[0] }
    }

    /// The first column of the first row of `query`, nil when it has no row.
    func value<T: StoreDecodable>(_ query: SQLQuery, as type: T.Type = T.self) throws -> T? {
        var found: T?
        var first = true
        try forEachRow(query) { row in
            if first { found = try row[0] }
            first = false
        }
        return found
    }
}
