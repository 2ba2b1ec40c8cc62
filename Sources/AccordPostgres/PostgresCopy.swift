import AccordCore
import Foundation
import NIOCore
import PostgresNIO

/// Moves a workspace's database between SQLite and PostgreSQL, exactly: every data table row
/// for row, in one transaction on the side written, which reads every table back and compares
/// it (`TableDigest`) with what was read before committing; a copy that is not exact leaves
/// that side as it was.
public enum PostgresCopy {
    /// What a copy is doing, said once for each row: copying it, or reading it back to check it.
    public enum Step: Sendable { case copying, checking }

    /// What a copy did.
    public struct Report: Equatable, Sendable {
        /// Rows copied, by table, in copy order.
        public var rows: [String: Int] = [:]
        /// How many tables were copied.
        public var tables: Int { rows.count }
        /// Whether the target held Accord's data, which was replaced.
        public var replaced = false

        public var total: Int { rows.values.reduce(0, +) }
    }

    /// Copies `store` into the database of `session`, making Accord's tables there
    /// (`Schema/schema.sql`); a database that has them already is refused unless `replacing`,
    /// and then they are dropped first, in the same transaction.
    public static func copy(_ store: Store, to session: PostgresSession, replacing: Bool = false,
                            progress: (Step) -> Void = { _ in }) throws -> Report {
        var report = Report()
        guard try store.appliedMigrations() == schemaMigrations else {
            throw PostgresCopyError("this Accord's PostgreSQL schema is that of the migrations up to "
                                    + "\(schemaMigrations.last ?? "none"), not the database's")
        }
        try session.transaction {
            // A table another session holds is waited for this long, then the copy is tried again later.
            try session.query("SET LOCAL lock_timeout = '60s'")
            let present = try existingTables(session)
            if !present.isEmpty {
                guard replacing else {
                    throw PostgresCopyError("\(session.address) already holds Accord's tables (\(present.count) of them): "
                                            + "--replace drops them and copies anew")
                }
                try drop(present, session)
                report.replaced = true
            }
            for statement in try schemaStatements() { try session.query(statement) }
            var copied: [(StoredTable, TableDigest)] = []
            var pending: InsertBatch?
            try store.readTables({ table in
                try pending?.flush()
                pending = InsertBatch(session: session, table: table.name, columns: table.columns.map(\.name))
                copied.append((table, TableDigest()))
            }, row: { values in
                copied[copied.count - 1].1.add(values)
                try pending!.add(values)
                progress(.copying)
            })
            try pending?.flush()
            for migration in try store.appliedMigrations() { try record(migration, in: session) }
            for table in ["report_run", "delivery"] {
                try session.query("""
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(table)
                    """)
            }
            for (table, expected) in copied {
                var read = TableDigest()
                try forEachRow(of: table, in: session) {
                    read.add($0)
                    progress(.checking)
                }
                guard read == expected else {
                    throw PostgresCopyError("table \(table.name) did not read back as it was copied (\(read.count) rows of "
                                            + "\(expected.count)); nothing was copied")
                }
                report.rows[table.name] = expected.count
            }
        }
        return report
    }

    /// Copies the Accord database of `session` into `store`, which must hold no records unless
    /// `replacing`. Both must have had the same migrations.
    public static func copy(from session: PostgresSession, to store: Store, replacing: Bool = false,
                            progress: (Step) -> Void = { _ in }) throws -> Report {
        var report = Report()
        // One view of the source for the whole copy.
        try session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { session.rollBack() }
        guard try existingTables(session).isSuperset(of: allTables) else {
            throw PostgresCopyError("\(session.address) holds no Accord database (`accord db copy --to` makes one)")
        }
        let theirs = try session.query("SELECT identifier FROM schema_migrations ORDER BY identifier").map { try $0.decode(String.self) }
        guard Set(theirs) == Set(try store.appliedMigrations()) else {
            throw PostgresCopyError("\(session.address) was made by another version of Accord (its migrations differ from this one's)")
        }
        let tables = try store.tables()
        var read: [String: TableDigest] = [:]
        report.replaced = try store.loadTables(replacing: replacing, { loader in
            for table in tables {
                var digest = TableDigest()
                let columns = table.columns.map(\.name)
                try forEachRow(of: table, in: session) { values in
                    digest.add(values)
                    try loader.insert(into: table.name, columns: columns, values: values)
                    progress(.copying)
                }
                read[table.name] = digest
                report.rows[table.name] = digest.count
            }
        }, check: { written in
            for table in tables where written[table.name] != read[table.name] {
                throw PostgresCopyError("table \(table.name) did not read back as it was copied (\(written[table.name]?.count ?? 0) "
                                        + "rows of \(read[table.name]?.count ?? 0)); nothing was copied")
            }
        })
        return report
    }

    /// Notes in `schema_migrations` that the database has had `migration`.
    static func record(_ migration: String, in session: PostgresSession) throws {
        var binds = PostgresBindings()
        binds.append(migration)
        try session.query("INSERT INTO schema_migrations (identifier) VALUES ($1)", binds)
    }

    /// Drops Accord's tables from the database, in one transaction; returns how many it held.
    @discardableResult
    public static func dropTables(in session: PostgresSession) throws -> Int {
        try session.transaction {
            let present = try existingTables(session)
            try drop(present, session)
            return present.count
        }
    }

    private static func drop(_ present: Set<String>, _ session: PostgresSession) throws {
        for table in allTables.reversed() where present.contains(table) {
            try session.query("DROP TABLE \(quoted(table)) CASCADE")
        }
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

    /// The SQLite migrations whose schema `Schema/schema.sql` is: a migration changes both.
    public static let schemaMigrations = ["v1", "v2", "v3", "v4", "record-digests", "deliveries", "clustered", "period-index",
                                          "rich-model", "narrow-labels", "run-order", "label-stamps", "period-series",
                                          "filing-order", "complete-runs", "tag-lower", "form-status-unindexed"]

    /// The schema's statements, as the module's resources hold them: one per `;` that ends a line
    /// (the server takes one statement a query when values may be bound).
    static func schemaStatements() throws -> [String] {
        try statements(of: "schema", in: "Schema")
    }

    /// The statements of `Schema/migrations/NAME.sql`: what migration `name` does on PostgreSQL.
    static func migrationStatements(_ name: String) throws -> [String] {
        try statements(of: name, in: "Schema/migrations")
    }

    private static func statements(of name: String, in folder: String) throws -> [String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: folder) else {
            throw PostgresCopyError("\(folder)/\(name).sql, of Accord's PostgreSQL schema, is missing from its resources")
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

    /// Calls `body` with each row of `table` on the server, its columns in the order the SQLite
    /// table has them and in the same key order (text by bytes), read through a cursor a
    /// batch at a time. Runs inside a transaction.
    private static func forEachRow(of table: StoredTable, in session: PostgresSession, _ body: ([SQLValue]) throws -> Void) throws {
        let textual = Set(table.columns.filter { $0.type == "TEXT" }.map(\.name))
        let order = table.key.map { textual.contains($0) ? "\(quoted($0)) COLLATE \"C\"" : quoted($0) }.joined(separator: ", ")
        let list = table.columns.map { quoted($0.name) }.joined(separator: ", ")
        try session.query("DECLARE accord_rows NO SCROLL CURSOR FOR SELECT \(list) FROM \(quoted(table.name)) ORDER BY \(order)")
        defer { _ = try? session.query("CLOSE accord_rows") }
        while true {
            let rows = try session.query("FETCH FORWARD 5000 FROM accord_rows")
            for row in rows { try body(try values(of: row)) }
            if rows.count < 5000 { return }
        }
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

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Why a copy was refused or failed; nothing was changed.
public struct PostgresCopyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
