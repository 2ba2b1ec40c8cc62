import AccordCore
import Crypto
import Foundation
import NIOCore
import PostgresNIO

/// Copies a workspace's SQLite database into a PostgreSQL database, exactly: the schema
/// (`Schema/schema.sql`), then every data table row for row, in one transaction that also reads
/// every table back and compares it with what was read, so that a copy that is not exact
/// leaves the target as it was.
public enum PostgresCopy {
    /// What a copy did.
    public struct Report: Equatable, Sendable {
        /// Rows copied, by table, in copy order.
        public var rows: [(table: String, count: Int)] = []
        /// Whether Accord's tables were there and were replaced.
        public var replaced = false

        public var total: Int { rows.reduce(0) { $0 + $1.count } }

        public static func == (a: Self, b: Self) -> Bool {
            a.replaced == b.replaced && a.rows.map(\.table) == b.rows.map(\.table) && a.rows.map(\.count) == b.rows.map(\.count)
        }
    }

    /// Copies `store` into the database of `session`, which must hold none of Accord's tables
    /// unless `replacing` (then they are dropped first, in the same transaction).
    public static func copy(_ store: Store, to session: PostgresSession, replacing: Bool = false) throws -> Report {
        var report = Report()
        try session.transaction {
            let present = try existingTables(session)
            if !present.isEmpty {
                guard replacing else {
                    throw PostgresCopyError("\(session.address) already holds Accord's tables (\(present.count) of them): "
                                            + "--replace drops them and copies anew")
                }
                for table in Self.allTables.reversed() where present.contains(table) {
                    try session.query("DROP TABLE \(quoted(table)) CASCADE")
                }
                report.replaced = true
            }
            for statement in try schemaStatements() { try session.query(statement) }
            var digests: [String: (count: Int, digest: SHA256)] = [:]
            var pending = PendingRows(session: session)
            try store.readTables({ table in
                try pending.flush()
                pending.table = table
                digests[table.name] = (0, SHA256())
                report.rows.append((table.name, 0))
            }, row: { values in
                guard let table = pending.table else { return }
                digests[table.name]!.count += 1
                Self.add(values, to: &digests[table.name]!.digest)
                report.rows[report.rows.count - 1].count += 1
                try pending.add(values)
            })
            try pending.flush()
            for migration in try store.appliedMigrations() {
                var binds = PostgresBindings()
                binds.append(migration)
                try session.query("INSERT INTO schema_migrations (identifier) VALUES ($1)", binds)
            }
            for table in ["report_run", "delivery"] {
                try session.query("""
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(table)
                    """)
            }
            try verify(digests, session: session)
        }
        return report
    }

    /// Accord's tables, those of the schema file, that the database holds already.
    private static func existingTables(_ session: PostgresSession) throws -> Set<String> {
        var binds = PostgresBindings()
        binds.append(allTables)
        let rows = try session.query("""
            SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)
            """, binds)
        return Set(try rows.map { try $0.decode(String.self) })
    }

    /// Every table the schema makes.
    static let allTables = ["schema_migrations"] + Store.dataTables

    /// The schema's statements, as the module's resources hold them: one per `;` that ends a line
    /// (the server takes one statement a query when values may be bound).
    static func schemaStatements() throws -> [String] {
        guard let url = Bundle.module.url(forResource: "schema", withExtension: "sql", subdirectory: "Schema") else {
            throw PostgresCopyError("Accord's PostgreSQL schema is missing from its resources")
        }
        var statements: [String] = [], current = ""
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--") { continue }
            current += line + "\n"
            if line.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        return statements
    }

    /// Reads each table back in key order (text by bytes, as SQLite orders it) and compares it with what was copied.
    private static func verify(_ copied: [String: (count: Int, digest: SHA256)], session: PostgresSession) throws {
        for (name, expected) in copied {
            let table = try tableShape(name, session: session)
            var digest = SHA256()
            var count = 0
            let order = table.key.map { column in
                table.textColumns.contains(column) ? "\(quoted(column)) COLLATE \"C\"" : quoted(column)
            }.joined(separator: ", ")
            let list = table.columns.map(quoted).joined(separator: ", ")
            for row in try session.query("SELECT \(list) FROM \(quoted(name)) ORDER BY \(order)") {
                add(try values(of: row), to: &digest)
                count += 1
            }
            guard count == expected.count, digest.finalize() == expected.digest.finalize() else {
                throw PostgresCopyError("table \(name) did not read back as it was copied (\(count) rows of \(expected.count)); "
                                        + "nothing was copied")
            }
        }
    }

    private struct Shape {
        var columns: [String] = []
        var textColumns: Set<String> = []
        var key: [String] = []
    }

    /// A table's columns and key, as the server describes them.
    private static func tableShape(_ name: String, session: PostgresSession) throws -> Shape {
        var shape = Shape()
        var binds = PostgresBindings()
        binds.append(name)
        for row in try session.query("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, binds) {
            let (column, type) = try row.decode((String, String).self)
            shape.columns.append(column)
            if type == "text" { shape.textColumns.insert(column) }
        }
        for row in try session.query("""
            SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
            """, binds) {
            shape.key.append(try row.decode(String.self))
        }
        return shape
    }

    /// A row's cells as SQLite values, by the type the server sends.
    private static func values(of row: PostgresRow) throws -> [SQLValue] {
        try row.map { cell -> SQLValue in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
            case .float8, .float4: return .real(try cell.decode(Double.self))
            case .bytea: return .blob(Array(buffer: try cell.decode(ByteBuffer.self)))
            default: return .text(try cell.decode(String.self))
            }
        }
    }

    /// Adds a row to a table's digest: each value's kind and bytes, lengths first, so that no two rows read alike.
    private static func add(_ values: [SQLValue], to digest: inout SHA256) {
        var bytes: [UInt8] = []
        func append(_ tag: UInt8, _ payload: [UInt8]) {
            bytes.append(tag)
            withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: payload)
        }
        for value in values {
            switch value {
            case .null: append(0, [])
            case .integer(let number): append(1, withUnsafeBytes(of: number.littleEndian, Array.init))
            case .real(let number): append(2, withUnsafeBytes(of: number.bitPattern.littleEndian, Array.init))
            case .text(let text): append(3, Array(text.utf8))
            case .blob(let blob): append(4, blob)
            }
        }
        digest.update(data: bytes)
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Rows waiting to be inserted into one table, sent as multi-row `INSERT`s with bound values.
private struct PendingRows {
    let session: PostgresSession
    var table: StoredTable?
    private var rows: [[SQLValue]] = []

    init(session: PostgresSession) { self.session = session }

    /// At most this many values a statement: the protocol allows 65,535.
    private static let valuesPerStatement = 30_000

    mutating func add(_ values: [SQLValue]) throws {
        rows.append(values)
        if let table, rows.count * table.columns.count >= Self.valuesPerStatement { try flush() }
    }

    mutating func flush() throws {
        guard let table, !rows.isEmpty else { return }
        defer { rows.removeAll(keepingCapacity: true) }
        var binds = PostgresBindings(capacity: rows.count * table.columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        var n = 0
        for row in rows {
            var placeholders: [String] = []
            for (value, column) in zip(row, table.columns) {
                n += 1
                placeholders.append("$\(n)")
                switch value {
                case .null: binds.appendNull()
                case .integer(let number): binds.append(number)
                case .real(let number): binds.append(number)
                case .text(let text) where column.type == "BLOB": binds.append(ByteBuffer(string: text))
                case .text(let text): binds.append(text)
                case .blob(let blob): binds.append(ByteBuffer(bytes: blob))
                }
            }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let columns = table.columns.map { PostgresCopy.quoted($0.name) }.joined(separator: ", ")
        try session.query("INSERT INTO \(PostgresCopy.quoted(table.name)) (\(columns)) VALUES \(tuples.joined(separator: ", "))", binds)
    }
}

/// Why a copy was refused or failed; nothing was changed.
public struct PostgresCopyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
