import AccordCore
@testable import AccordPostgres
import AccordTestSupport
import Foundation
import NIOCore
import Testing

/// Rows sent with `COPY … FROM STDIN` (`InsertBatch`, `CopyText`): every value comes back as it was sent.
struct CopyTextTests {
    @Test func textIsEscapedAndNullIsMarked() {
        var data = ByteBuffer()
        CopyText.write([.text("a\tb\\c\nd\re"), .null, .text("\\N"), .integer(-7), .blob([0x00, 0xAB])], to: &data)
        #expect(String(buffer: data) == "a\\tb\\\\c\\nd\\re\t\\N\t\\\\N\t-7\t\\\\x00ab\n")
    }

    static let awkward: [[SQLValue]] = [
        [.text("tab\there, a newline\nand a return\r"), .real(0.1), .integer(.max), .blob([])],
        [.text("back\\slash and \\N and \\t written out"), .real(-0.0), .integer(.min), .blob(Array(0...255))],
        [.text("한국보건산업진흥원 — 〈MOU〉 🧬"), .real(1e-300), .null, .null],
        [.null, .real(.greatestFiniteMagnitude), .integer(0), .blob([0x5C, 0x0A])],
        [.text(""), .real(.infinity), .integer(1), .blob([0x09])],
        [.text(" leading and trailing spaces "), .real(-.infinity), .integer(2), .null],
        [.text(String(repeating: "long ", count: 100_000)), .real(123456789.123456789), .integer(3), .blob([1])],
    ]

    /// A session on a new database of the test server, which the caller drops.
    static func session() throws -> (PostgresAddress, PostgresSession) {
        let address = try PostgresServer.makeDatabase()
        return (address, try PostgresSession(address, credentials: PostgresServer.credentials))
    }

    @Test(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
    func everyValueReadsBackAsItWasSent() throws {
        let (address, session) = try Self.session()
        defer { PostgresServer.drop(address) }
        try session.query("CREATE TABLE awkward (n BIGINT PRIMARY KEY, t TEXT, r DOUBLE PRECISION, i BIGINT, b BYTEA)")
        var batch = InsertBatch(session: session, table: "awkward", columns: ["n", "t", "r", "i", "b"])
        for (n, row) in Self.awkward.enumerated() { try batch.add([.integer(Int64(n))] + row) }
        try batch.flush()
        #expect(batch.sent == Self.awkward.count)
        let read = try session.query("SELECT t, r, i, b FROM awkward ORDER BY n").map { row in
            let cells = PostgresStoreRow(Array(row))
            return [cells.text(0).map(SQLValue.text) ?? .null, cells.real(1).map(SQLValue.real) ?? .null,
                    cells.integer(2).map(SQLValue.integer) ?? .null, cells.bytes(3).map { .blob(Array($0)) } ?? .null]
        }
        #expect(read == Self.awkward)
        #expect(try session.query("SELECT COUNT(*) FROM awkward WHERE r = 0 AND '-0'::float8::text = r::text")[0].decode(Int.self) == 1,
                "minus zero stays minus zero")
    }

    @Test(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
    func rowsAreStoredInTheByteOrderOfTheirFirstValueThoseWithTheSameInTheOrderAdded() throws {
        let (address, session) = try Self.session()
        defer { PostgresServer.drop(address) }
        try session.query("CREATE TABLE keyed (k TEXT COLLATE \"C\", n BIGINT)")
        var batch = InsertBatch(session: session, table: "keyed", columns: ["k", "n"])
        for (n, key) in ["b", "a", "c", "a", "B", "", "ab", "한국"].enumerated() { try batch.add([.text(key), .integer(Int64(n))]) }
        try batch.flush()
        let stored = try session.query("SELECT k, n FROM keyed ORDER BY ctid").map { try $0.decode((String, Int).self) }
        #expect(stored.map(\.0) == ["", "B", "a", "a", "ab", "b", "c", "한국"])
        #expect(stored.map(\.1) == [5, 4, 1, 3, 6, 0, 2, 7])
    }

    @Test(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
    func aCopyThatFailsIsThrownByTheSessionsNextStatementAndAddsNothing() throws {
        let (address, session) = try Self.session()
        defer { PostgresServer.drop(address) }
        try session.query("CREATE TABLE strict (k TEXT PRIMARY KEY)")
        var batch = InsertBatch(session: session, table: "strict", columns: ["k"])
        for key in ["a", "b", "a"] { try batch.add([.text(key)]) }
        try batch.flush() // returns while the server takes the rows
        let error = try #require(throws: PostgresSessionError.self) { try session.query("SELECT 1") }
        #expect(error.sqlState == "23505", "\(error)")
        #expect(try session.query("SELECT COUNT(*) FROM strict")[0].decode(Int.self) == 0)
    }
}
