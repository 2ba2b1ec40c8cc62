import Foundation
import GRDB
import Testing
@testable import AccordCore

/// The store's SQL, written once and made into either back end's dialect.
struct SQLQueryTests {
    @Test func interpolatedValuesAreBoundInOrderAsEachDialectMarksThem() {
        let (id, limit): (String, Int) = ("o'neil", 3)
        let query: SQLQuery = "SELECT \(sql: "p.id") FROM partnership p WHERE p.id = \(id) AND p.title <> 'a?b' LIMIT \(limit)"
        #expect(query.rendered(for: .sqlite).text == "SELECT p.id FROM partnership p WHERE p.id = ? AND p.title <> 'a?b' LIMIT ?")
        #expect(query.rendered(for: .postgres).text == "SELECT p.id FROM partnership p WHERE p.id = $1 AND p.title <> 'a?b' LIMIT $2")
        #expect(query.rendered(for: .postgres).values == [.text("o'neil"), .integer(3)])
    }

    @Test func textWithItsOwnPlaceholdersTakesItsValuesInOrderAndLeavesQuotedOnesAlone() {
        let query = SQLQuery(sql: "UPDATE t SET a = ?, b = '?' WHERE c = ?", [.integer(1), .null])
        #expect(query.rendered(for: .postgres).text == "UPDATE t SET a = $1, b = '?' WHERE c = $2")
        #expect(query.rendered(for: .sqlite).values == [.integer(1), .null])
    }

    @Test func aListIsOneValueInEitherDialectAndNumbersItsItemsFromOne() {
        let query: SQLQuery = "SELECT value, ord FROM (\(numberedList: ["b", "a\"c"])) AS l"
        #expect(query.rendered(for: .sqlite).text == "SELECT value, ord FROM (SELECT value, key + 1 AS ord FROM json_each(?)) AS l")
        #expect(query.rendered(for: .postgres).text
                == "SELECT value, ord FROM (SELECT value, ord FROM json_array_elements_text($1::json) WITH ORDINALITY AS l(value, ord)) AS l")
        #expect(query.rendered(for: .postgres).values == [.text(#"["b","a\"c"]"#)])
    }

    @Test func aListMadeOnceBindsTheSameJSONInEveryQueryThatNamesIt() {
        let list = SQLStringList(["p2", "p1"])
        let plain: SQLQuery = "SELECT value FROM (\(list: list)) AS l"
        let numbered: SQLQuery = "SELECT value, ord FROM (\(numberedList: list)) AS l"
        #expect(plain.rendered(for: .sqlite).values == [.text(#"["p2","p1"]"#)])
        #expect(numbered.rendered(for: .sqlite).values == plain.rendered(for: .sqlite).values)
        #expect(plain.rendered(for: .sqlite).values == ("SELECT value FROM (\(list: ["p2", "p1"])) AS l" as SQLQuery).rendered(for: .sqlite).values)
    }

    @Test func theSQLiteTextRunsAndAnEmptyListOfValuesMatchesNothing() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let none: [String] = try db.column("SELECT 'x' WHERE 'x' IN \([String]())")
            #expect(none.isEmpty)
            let all: [String] = try db.column("SELECT 'x' WHERE 'x' NOT IN \([String]())")
            #expect(all == ["x"])
            let numbered = try db.rows("SELECT value, ord FROM (\(numberedList: ["b", "a"])) AS l ORDER BY ord") {
                "\(try $0[0] as String)\(try $0[1] as Int)"
            }
            #expect(numbered == ["b1", "a2"])
            #expect(try db.value("SELECT \(sqlite: "'lite'", postgres: "'gres'")") == "lite")
        }
    }

    @Test func queriesJoinWithTheirValuesInPlace() {
        let parts: [SQLQuery] = ["a = \(1)", "b = \(2)"]
        let joined = parts.joined(separator: " AND ")
        #expect(joined.rendered(for: .postgres).text == "a = $1 AND b = $2")
        #expect(joined.rendered(for: .postgres).values == [.integer(1), .integer(2)])
    }
}
