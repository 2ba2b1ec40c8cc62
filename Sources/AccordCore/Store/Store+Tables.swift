import Crypto
import Foundation
import GRDB

/// A value as SQLite holds it.
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One of the tables that hold a workspace's data, as a copy to another database sees it.
public struct StoredTable: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public let name: String
        /// The declared type, in capitals: `TEXT`, `INTEGER`, `REAL`, `BLOB`.
        public let type: String
    }

    public let name: String
    /// The columns, in the table's order.
    public let columns: [Column]
    /// The primary key's columns, in key order.
    public let key: [String]
}

extension Store {
    /// The tables that hold a workspace's data (what SQLite keeps for itself and the record of
    /// migrations aside), each after those its rows refer to.
    public static let dataTables = Migrations.tables + ["revision"]

    /// Every migration this Accord knows, in the order they run.
    public static var migrations: [String] { Migrations.migrator.migrations }

    /// The migrations the database has had, in the order they ran.
    public func appliedMigrations() throws -> [String] {
        try readingSQLite { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Reads every data table in one view of the database, calling `table` with each table and
    /// then `row` with each of its rows, in primary-key order (text by bytes).
    public func readTables(_ table: (StoredTable) throws -> Void, row: ([SQLValue]) throws -> Void) throws {
        try readingSQLite { db in try Self.readTables(db, table, row: row) }
    }

    /// The data tables, in `dataTables` order.
    public func tables() throws -> [StoredTable] {
        try readingSQLite { db in try Self.dataTables.map { try Self.table($0, db) } }
    }

    private static func table(_ name: String, _ db: Database) throws -> StoredTable {
        let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
        let columns = info.map { StoredTable.Column(name: $0["name"], type: ($0["type"] as String).uppercased()) }
        let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
        return StoredTable(name: name, columns: columns, key: key)
    }

    private static func readTables(_ db: Database, _ table: (StoredTable) throws -> Void, row: ([SQLValue]) throws -> Void) throws {
        for name in dataTables {
            let shape = try Self.table(name, db)
            let (columns, key) = (shape.columns, shape.key)
            try table(shape)
            let list = columns.map { $0.name.quotedDatabaseIdentifier }.joined(separator: ", ")
            let order = key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(name.quotedDatabaseIdentifier) ORDER BY \(order)")
            while let next = try rows.next() {
                try row((0..<columns.count).map { value(next[$0] as DatabaseValue) })
            }
        }
    }

    /// Fills the data tables in one transaction: `fill` inserts the rows, then `check` is given
    /// each table's digest as the database reads it back; a throw from either leaves the
    /// database as it was. Unless `replacing`, the database must hold no records.
    /// Returns whether records were there, and replaced.
    /// - Throws: `StoreError` when it holds some and may not replace them.
    @discardableResult
    public func loadTables(replacing: Bool, _ fill: (TableLoader) throws -> Void,
                           check: ([String: TableDigest]) throws -> Void) throws -> Bool {
        try writing { db in
            let held = try Migrations.tables.filter { try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \($0.quotedDatabaseIdentifier))") ?? false }
            if !held.isEmpty && !replacing {
                throw StoreError("the database holds records already (in \(held.count) tables): --replace replaces them")
            }
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in Self.dataTables.reversed() { try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)") }
            try fill(TableLoader(db))
            var digests: [String: TableDigest] = [:]
            var current = ""
            try Self.readTables(db, { current = $0.name; digests[current] = TableDigest() }, row: { digests[current]!.add($0) })
            try check(digests)
            return !held.isEmpty
        }
    }

    fileprivate static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob([UInt8](data))
        }
    }
}

/// What a table's rows come to, in order: their count and a SHA-256 over each value's kind and
/// bytes (lengths first, so that no two different rows read alike). Two databases hold the
/// same table when both give the same digest for its rows read in key order.
public struct TableDigest: Equatable, Sendable {
    public private(set) var count = 0
    private var hash = SHA256()
    private var bytes: [UInt8] = []

    public init() {}

    public mutating func add(_ values: [SQLValue]) {
        bytes.removeAll(keepingCapacity: true)
        for value in values {
            switch value {
            case .null: header(0, 0)
            case .integer(let number):
                header(1, 8)
                withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
            case .real(let number):
                header(2, 8)
                withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .text(let text):
                header(3, text.utf8.count)
                bytes.append(contentsOf: text.utf8)
            case .blob(let blob):
                header(4, blob.count)
                bytes.append(contentsOf: blob)
            }
        }
        hash.update(data: bytes)
        count += 1
    }

    /// A value's kind and the length of its bytes, which follow.
    private mutating func header(_ kind: UInt8, _ length: Int) {
        bytes.append(kind)
        withUnsafeBytes(of: UInt64(length).littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// `sha256:…` of the rows added so far.
    public var digest: String { ContentDigest.prefix + ContentDigest.hex(hash.finalize()) }

    public static func == (a: Self, b: Self) -> Bool { a.count == b.count && a.digest == b.digest }
}

/// Inserts rows into the data tables, inside `Store.loadTables`.
public final class TableLoader {
    private let db: Database
    private var statements: [String: Statement] = [:]

    fileprivate init(_ db: Database) { self.db = db }

    /// Inserts one row of `values` into `table`'s `columns`.
    public func insert(into table: String, columns: [String], values: [SQLValue]) throws {
        let statement: Statement
        if let made = statements[table] {
            statement = made
        } else {
            let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            statement = try db.makeStatement(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(names)) VALUES (\(marks))")
            statements[table] = statement
        }
        try statement.execute(arguments: StatementArguments(values.map(\.databaseValue)))
    }
}
