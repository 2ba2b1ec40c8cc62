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

    /// The migrations the database has had, in the order they ran.
    public func appliedMigrations() throws -> [String] {
        try reading { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Reads every data table in one view of the database, calling `body` with each table and
    /// then with each of its rows, in primary-key order (text by bytes).
    public func readTables(_ table: (StoredTable) throws -> Void, row: ([SQLValue]) throws -> Void) throws {
        try reading { db in
            for name in Self.dataTables {
                let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
                let columns = info.map { StoredTable.Column(name: $0["name"], type: ($0["type"] as String).uppercased()) }
                let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                try table(StoredTable(name: name, columns: columns, key: key))
                let list = columns.map { $0.name.quotedDatabaseIdentifier }.joined(separator: ", ")
                let order = key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(name.quotedDatabaseIdentifier) ORDER BY \(order)")
                while let next = try rows.next() {
                    try row((0..<columns.count).map { Self.value(next[$0] as DatabaseValue) })
                }
            }
        }
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob([UInt8](data))
        }
    }
}
