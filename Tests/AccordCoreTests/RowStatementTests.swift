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
}
