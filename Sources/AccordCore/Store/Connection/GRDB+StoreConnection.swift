import Foundation
import GRDB

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
        let rows = try Row.fetchCursor(self, sql: text, arguments: StatementArguments(values.map(\.databaseValue)))
        while let row = try rows.next() { try body(row) }
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
