import Foundation
import GRDB
import Testing
@testable import AccordCore

/// Values bound one by one reach SQLite as GRDB would bind them.
@Suite struct RowStatementTests {
    @Test func textIsBoundInPlaceUpToItsFirstNULAndAnEmptyTextIsNotNull() throws {
        let queue = try DatabaseQueue()
        let texts: [String?] = ["", "a", "short text", "a text longer than fifteen bytes", "한국 제약", "before\u{0}after", nil,
                                String(repeating: "x", count: 5000)]
        let stored = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, value TEXT)")
            let statement = try RowStatement(db, "INSERT INTO t (n, value) VALUES (?, ?)")
            for (n, text) in texts.enumerated() { try statement.run { $0.add(n); $0.add(text) } }
            return try Row.fetchAll(db, sql: "SELECT value FROM t ORDER BY n").map { $0[0] as String? }
        }
        #expect(stored == ["", "a", "short text", "a text longer than fifteen bytes", "한국 제약", "before", nil,
                           String(repeating: "x", count: 5000)])
    }

    @Test(arguments: [0, 1, 3, 4, 5, 11])
    func aChunkedInsertWritesEveryRowInOrderWhateverTheirNumber(_ count: Int) throws {
        let queue = try DatabaseQueue()
        let stored = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, value TEXT, rank INTEGER)")
            try ChunkedInsert(into: "t", columns: ["n", "value", "rank"], chunk: 4).run(rows: count, in: db) { i, row in
                row.add(i); row.add("row \(i)"); row.add(i % 2 == 0 ? nil : i * 10)
            }
            return try Row.fetchAll(db, sql: "SELECT n, value, rank FROM t ORDER BY rowid").map { [$0[0], $0[1], $0[2]] as [DatabaseValue] }
        }
        #expect(stored == (0..<count).map { [$0.databaseValue, "row \($0)".databaseValue, ($0 % 2 == 0 ? nil : $0 * 10).databaseValue] })
    }

    @Test func aChunkedInsertThatBreaksAConstraintSaysSo() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)")
            #expect(throws: DatabaseError.self) {
                try ChunkedInsert(into: "t", columns: ["n"], chunk: 4).run(rows: 6, in: db) { i, row in row.add(i == 5 ? 0 : i) }
            }
        }
    }
}
