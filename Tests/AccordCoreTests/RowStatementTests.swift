import Foundation
import GRDB
import GRDBSQLite
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

    /// SQLite binds each text where the statement keeps its copy, which lasts until it has run;
    /// then the statement holds none of them.
    @Test func textsFillingSeveralBlocksAreStoredAsGivenAndUnboundOnceTheStatementRan() throws {
        let queue = try DatabaseQueue()
        let texts = (0..<64).map { i in String(repeating: Character(UnicodeScalar(UInt8(65 + i % 26))), count: 300 + i * 37) }
            + [String(repeating: "한", count: 9000), "", "last"]
        let sql = "INSERT INTO t (n, value) VALUES (?, ?)"
        let (stored, bound) = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, value TEXT)")
            try ChunkedInsert(into: "t", columns: ["n", "value"], chunk: 64).run(rows: texts.count, in: db) { i, row in
                row.add(i); row.add(texts[i])
            }
            try RowStatement(db, sql).run { $0.add(texts.count); $0.add("bound once") }
            let bound = sqlite3_expanded_sql(try db.cachedStatement(sql: sql).sqliteStatement).map { text in
                defer { sqlite3_free(text) }
                return String(cString: text)
            }
            return (try String.fetchAll(db, sql: "SELECT value FROM t ORDER BY n"), bound)
        }
        #expect(stored == texts + ["bound once"])
        #expect(bound == "INSERT INTO t (n, value) VALUES (NULL, NULL)")
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

    /// Kept statements are found by their key, prepared once for a connection and again for another;
    /// two inserts keep theirs apart, however many rows each statement holds.
    @Test func statementsKeptForAConnectionAreReusedThereAndPreparedAgainForAnother() throws {
        let prepared = PreparedStatements()
        let first = ChunkedInsert(into: "t", columns: ["n", "value"], chunk: 4)
        let second = ChunkedInsert(into: "u", columns: ["n"], chunk: 4)
        func write(_ db: Database, from start: Int) throws {
            try first.run(rows: 6, in: db, prepared: prepared) { i, row in row.add(start + i); row.add("row \(start + i)") }
            try second.run(rows: 3, in: db, prepared: prepared) { i, row in row.add(start + i) }
        }
        var made: [Statement] = []
        for _ in 0..<2 {
            let queue = try DatabaseQueue()
            let stored = try queue.write { db in
                try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, value TEXT); CREATE TABLE u (n INTEGER PRIMARY KEY)")
                try write(db, from: 0)
                try write(db, from: 100)
                let kept = try #require(try prepared.statement(-1, db) { "SELECT 1" }.sqliteStatement)
                #expect(try prepared.statement(-1, db) { Issue.record("prepared again"); return "SELECT 2" }.sqliteStatement === kept)
                made.append(kept)
                return (try Int.fetchAll(db, sql: "SELECT n FROM t ORDER BY rowid"), try Int.fetchAll(db, sql: "SELECT n FROM u ORDER BY rowid"))
            }
            #expect(stored.0 == Array(0..<6) + Array(100..<106))
            #expect(stored.1 == [0, 1, 2, 100, 101, 102])
        }
        #expect(made[0] !== made[1], "another connection, another statement")
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
