@testable import AccordCore
import Foundation
import Testing

/// Rows of SQLite read straight from the statement, as every read of a SQLite store does.
@Suite struct SQLiteRowTests {
    private func row<T>(_ sql: String, _ body: (any StoreRow) throws -> T) throws -> T {
        let store = try Store.inMemory()
        return try store.reading { db in
            var found: T?
            try db.forEachRow(SQLQuery(sql: sql, [])) { found = try body($0) }
            return try #require(found)
        }
    }

    @Test func eachTypeReadsAsSQLiteHoldsIt() throws {
        try row("SELECT NULL AS a_null, '' AS a_blank, 'Stradiņš 한미' AS a_text, 42 AS a_whole, 4.5 AS a_real, x'00ff' AS a_blob") { row in
            #expect(row.count == 6)
            #expect(row.isNull(0) && !row.isNull(1))
            #expect(row.text(0) == nil && row.integer(0) == nil && row.real(0) == nil && row.bytes(0) == nil)
            #expect(row.text(1) == "" && row.text(2) == "Stradiņš 한미")
            #expect(row.integer(3) == 42 && row.real(4) == 4.5 && row.bytes(5) == Data([0, 0xff]))
            #expect(row.text(3) == "42", "SQLite's own conversion, as GRDB's cursors make it")
            #expect(row.name(2) == "a_text")
            #expect(throws: StoreError.self) { let _: String = try row[0] }
        }
    }

    @Test func aTextIsComparedWithoutBeingRead() throws {
        try row("SELECT 'aarhus-daejeon-framework-2019-623940', '', NULL, 'é'") { row in
            func order(_ column: Int, _ text: String) -> Int? { row.text(column, comparedTo: text).map { $0.signum() } }
            #expect(order(0, "aarhus-daejeon-framework-2019-623940") == 0)
            #expect(order(0, "aarhus-daejeon-framework-2019-62394") == 1, "a longer text after its prefix")
            #expect(order(0, "aarhus-daejeon-framework-2019-6239400") == -1)
            #expect(order(0, "aarhus-daejeon-framework-2019-7") == -1)
            #expect(order(1, "") == 0 && order(1, "a") == -1)
            #expect(order(2, "") == nil, "NULL is no text, not even an empty one")
            #expect(order(3, "z") == 1, "bytes compared unsigned, as SQLite's BINARY collation does")
        }
    }

    @Test func aRepeatedQueryReadsItsOwnValuesEachTimeEvenRunAgainInsideItself() throws {
        let store = try Store.inMemory()
        let query = { (n: Int) in SQLQuery(sql: "SELECT value FROM json_each('[1,2,3]') WHERE value >= ? ORDER BY value", [.integer(Int64(n))]) }
        let read = try store.reading { db in
            var read: [String] = []
            try db.forEachRow(repeated: query(2)) { outer in
                var inner: [Int64] = []
                try db.forEachRow(repeated: query(1)) { inner.append($0.integer(0) ?? -1) }
                read.append("\(outer.integer(0) ?? -1): \(inner)")
            }
            try db.forEachRow(repeated: query(3)) { read.append("\($0.integer(0) ?? -1)") }
            return read
        }
        #expect(read == ["2: [1, 2, 3]", "3: [1, 2, 3]", "3"])
    }
}
