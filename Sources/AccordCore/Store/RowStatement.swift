import Foundation
import GRDB
import GRDBSQLite

/// A cached statement run once per row with its values bound one by one, straight
/// from Swift: no argument array is built for each row, as an import writes
/// about ten rows a record.
struct RowStatement {
    private let statement: Statement

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds the values `bind` adds, in order, and runs the statement.
    func run(_ bind: (inout RowValues) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var values = RowValues(statement: handle)
        bind(&values)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

/// The values of one row, bound in the order they are added; nil binds NULL.
struct RowValues {
    fileprivate let statement: OpaquePointer
    private var index: Int32 = 1

    fileprivate init(statement: OpaquePointer) { self.statement = statement }

    /// Text up to its first NUL, as GRDB binds it.
    mutating func add(_ text: String?) {
        defer { index += 1 }
        guard let text else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_text(statement, index, text, -1, Self.transient)
    }

    mutating func add(_ number: Int?) {
        defer { index += 1 }
        guard let number else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, Int64(number))
    }

    mutating func add(_ number: Double?) {
        defer { index += 1 }
        guard let number else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_double(statement, index, number)
    }

    mutating func add(_ data: Data) {
        defer { index += 1 }
        data.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
    }

    /// SQLite copies the value before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}
