import AccordCore
import AccordPostgres
import AccordTestSupport
import Foundation
import PostgresNIO
import Testing

/// `accord db copy --to`: a workspace's SQLite database copied into a real PostgreSQL server.
@Suite(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
struct DatabaseCopyTests {
    /// A classified sample workspace in `ws`, and an empty database on the server.
    private func sample() throws -> (AccordProcess, PostgresAddress) {
        let accord = try AccordProcess()
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("import", in: "ws").status == 0)
        #expect(try accord.run("classify", "--save", in: "ws").status == 0)
        return (accord, try PostgresServer.makeDatabase())
    }

    private func copy(_ accord: AccordProcess, to address: PostgresAddress, _ more: String...,
                      environment: [String: String] = PostgresServer.signIn) throws -> AccordProcess.Result {
        try accord.run(["db", "copy", "--to", address.description] + more, in: "ws", environment: environment)
    }

    private func session(_ address: PostgresAddress) throws -> PostgresSession {
        try PostgresSession(address, credentials: PostgresServer.credentials)
    }

    /// The rows of each of Accord's tables on the server, by table; nil for a table it does not have.
    private func rowCounts(_ address: PostgresAddress) throws -> [String: Int] {
        let session = try session(address)
        var counts: [String: Int] = [:]
        for table in Store.dataTables {
            var binds = PostgresBindings()
            binds.append(table)
            let present = try session.query("SELECT count(*) FROM information_schema.tables WHERE table_name = $1", binds)
            guard try present[0].decode(Int.self) == 1 else { continue }
            counts[table] = try session.query("SELECT count(*) FROM \(table)")[0].decode(Int.self)
        }
        return counts
    }

    @Test func everyRowOfAClassifiedSampleIsCopiedAndReadBack() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let result = try copy(accord, to: address)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("copied 83 partnerships, 100 organizations and "), "\(result.stdout)")
        #expect(result.stdout.contains("to \(address.description); every table read back the same"))

        let store = try Store(path: accord.folder.appendingPathComponent("ws/accord.db").path)
        var expected = try store.rowCounts()
        expected["revision"] = 1
        #expect(try rowCounts(address) == expected)
        #expect((expected["assigned_label"] ?? 0) > 83, "the labels saved are copied too")
        let migrations = try session(address).query("SELECT identifier FROM schema_migrations ORDER BY identifier")
            .map { try $0.decode(String.self) }
        #expect(migrations == (try store.appliedMigrations()).sorted())

        let deal = try #require(try store.partnership(id: "dksh-hanmi-sea-export-2013"))
        let row = try session(address).query("SELECT title, series, digest IS NOT NULL FROM partnership WHERE id = 'dksh-hanmi-sea-export-2013'")
        let (title, series, digested) = try row[0].decode((String, Int64, Bool).self)
        #expect((title, series, digested) == (deal.title, 0, true))
    }

    @Test func aWorkspaceCopiedThereAndBackExportsTheSame() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let there = try copy(accord, to: address, "--progress")
        #expect(there.status == 0)
        let lines = there.stderr.split(separator: "\r").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(lines.contains { $0.hasPrefix("copy: ") && $0.hasSuffix(" s") && $0.contains(" rows in ") }, "\(lines)")
        #expect(lines.last.map { $0.hasPrefix("read back: ") && $0.contains(" rows (100%) in ") } == true, "\(lines)")
        #expect(try accord.run("init", "back").status == 0)
        let back = try accord.run(["db", "copy", "--from", address.description], in: "back", environment: PostgresServer.signIn)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.isEmpty, "no progress line when stderr is not a terminal")
        #expect(back.stdout.contains("from \(address.description) to accord.db; every table read back the same"), "\(back.stdout)")
        for format in ["json", "yaml"] {
            let original = try accord.run("export", "--format", format, in: "ws")
            let moved = try accord.run("export", "--format", format, in: "back")
            #expect(original.status == 0 && moved.status == 0)
            #expect(moved.stdout == original.stdout, "the \(format) exports are the same, byte for byte")
        }
        let labels = try accord.run("explain", "dksh-hanmi-sea-export-2013", in: "back")
        #expect(labels.stdout == (try accord.run("explain", "dksh-hanmi-sea-export-2013", in: "ws")).stdout)

        let refused = try accord.run(["db", "copy", "--from", address.description], in: "back", environment: PostgresServer.signIn)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("accord.db: the database holds records already (in "), "\(refused.stderr)")
        let replaced = try accord.run(["db", "copy", "--from", address.description, "--replace"], in: "back",
                                      environment: PostgresServer.signIn)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains(", replacing what it held; every table read back the same"))
    }

    @Test func thePostgreSQLSchemaHasSQLitesTablesColumnForColumn() throws {
        let address = try PostgresServer.makeDatabase()
        defer { PostgresServer.drop(address) }
        let store = try Store.inMemory()
        let copied = try PostgresCopy.copy(store, to: try session(address))
        #expect(copied.total == 1, "an empty store has its revision row only")
        let types = ["TEXT": "text", "INTEGER": "bigint", "REAL": "double precision", "BLOB": "bytea"]
        for table in try store.tables() {
            var binds = PostgresBindings()
            binds.append(table.name)
            let columns = try session(address).query("""
                SELECT column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
                """, binds).map { try $0.decode((String, String).self) }
            #expect(columns.map(\.0) == table.columns.map(\.name), "\(table.name)'s columns, in order")
            #expect(columns.map(\.1) == table.columns.map { types[$0.type] ?? "?" }, "\(table.name)'s types")
            let key = try session(address).query("""
                SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
                """, binds).map { try $0.decode(String.self) }
            #expect(key == table.key, "\(table.name)'s primary key")
        }
    }

    @Test func aDatabaseThatHoldsAccordsTablesIsRefusedUnlessReplaced() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        #expect(try copy(accord, to: address).status == 0)
        try session(address).query("DELETE FROM tag")
        let refused = try copy(accord, to: address)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("already holds Accord's tables (24 of them): --replace drops them and copies anew"),
                "\(refused.stderr)")
        #expect(try rowCounts(address)["tag"] == 0, "nothing was changed")

        let replaced = try copy(accord, to: address, "--replace")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains(", replacing what it held; every table read back the same"))
        #expect((try rowCounts(address)["tag"] ?? 0) > 0)
    }

    @Test func aCopyThatFailsHalfwayLeavesTheDatabaseAsItWas() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        try session(address).query("CREATE TYPE tag AS (x int)") // the table `tag` cannot be made
        let failed = try copy(accord, to: address)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("relation \"tag\" already exists (SQLSTATE 42P07)"), "\(failed.stderr)")
        #expect(try rowCounts(address).isEmpty, "no table was left behind")
    }

    @Test func aCopyThatDoesNotReadBackTheSameLeavesTheDatabaseAsItWas() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        // A server that changes what it is given: each source's title, in capitals.
        let tamper = try session(address)
        try tamper.query("""
            CREATE FUNCTION accord_test_tamper() RETURNS event_trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.source') THEN
                EXECUTE 'CREATE FUNCTION accord_test_shout() RETURNS trigger LANGUAGE plpgsql AS '
                     || '$f$ BEGIN NEW.title := upper(NEW.title); RETURN NEW; END $f$';
                EXECUTE 'CREATE TRIGGER shout BEFORE INSERT ON source FOR EACH ROW EXECUTE FUNCTION accord_test_shout()';
              END IF;
            END $$
            """)
        try tamper.query("""
            CREATE EVENT TRIGGER accord_test_tamper ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION accord_test_tamper()
            """)
        let failed = try copy(accord, to: address)
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("table source did not read back as it was copied (5 rows of 5); nothing was copied"),
                "\(failed.stderr)")
        #expect(try rowCounts(address).isEmpty)
    }

    @Test func aReaderOfTheDocumentedRolesReadsButMayNotWrite() throws {
        let (accord, address) = try sample()
        let reader = "reader_\(UUID().uuidString.prefix(8).lowercased())", password = "reader-\(UUID().uuidString)"
        defer {
            accord.cleanUp()
            PostgresServer.drop(address)
            _ = try? PostgresSession(address.in(database: "postgres"), credentials: PostgresServer.credentials)
                .query("DROP ROLE IF EXISTS \(reader)")
        }
        #expect(try copy(accord, to: address).status == 0)
        let owner = try session(address)
        let roles = try String(contentsOf: PostgresServer.repository.appendingPathComponent("docs/postgres-roles.sql"), encoding: .utf8)
        for statement in roles.components(separatedBy: "\n\n") where statement.contains(where: { $0 == ";" }) {
            let sql = statement.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            if !sql.isEmpty { try owner.query(sql) }
        }
        try owner.query("CREATE ROLE \(reader) LOGIN PASSWORD '\(password)' IN ROLE accord_reader")
        let asReader = ["PGUSER": reader, "PGPASSWORD": password, "PGPASSFILE": "/nonexistent"]
        let before = try rowCounts(address)

        let refused = try copy(accord, to: address, "--replace", environment: asReader)
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("must be owner of table"), "\(refused.stderr)")
        #expect(try rowCounts(address) == before, "nothing was changed")
        let session = try PostgresSession(address, credentials: PostgresCredentials(user: reader, password: password))
        #expect(throws: PostgresSessionError.self) { try session.query("DELETE FROM tag") }

        #expect(try accord.run("init", "mine").status == 0)
        let read = try accord.run(["db", "copy", "--from", address.description], in: "mine", environment: asReader)
        #expect(read.status == 0, "a reader may copy the database into a workspace of their own: \(read.stderr)")
    }

    @Test func aWrongPasswordIsRefusedWithoutBeingShown() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        var environment = PostgresServer.signIn
        environment["PGPASSWORD"] = "wrong-s3cret"
        let refused = try copy(accord, to: address, environment: environment)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("password authentication failed for user"), "\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).contains("wrong-s3cret"))
        let written = try copy(accord, to: address)
        #expect(!(written.stdout + written.stderr).contains(PostgresServer.credentials.password ?? "-"))
    }

    @Test func tlsIsPreferredWhereTheServerHasNoneAndRequiredOnlyWhenAsked() throws {
        let (accord, address) = try sample()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        var preferred = address, required = address
        preferred.sslMode = .prefer
        required.sslMode = .require
        let plain = try copy(accord, to: preferred)
        #expect(plain.status == 0, "the test server has no TLS: prefer goes on without it (\(plain.stderr))")
        let refused = try copy(accord, to: required, "--replace")
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("sslmode=require: TLS failed"), "\(refused.stderr)")
    }
}

/// The two schemas are written apart (`Migrations`, `Schema/schema.sql`): a migration must change both.
@Suite struct PostgresSchemaTests {
    @Test func thePostgreSQLSchemaIsThatOfEveryMigration() {
        #expect(PostgresCopy.schemaMigrations == Store.migrations,
                "a new migration changes Sources/AccordPostgres/Schema/schema.sql and PostgresCopy.schemaMigrations too")
    }
}

/// When CI runs, the PostgreSQL tests run too: they are never skipped there.
@Suite struct PostgresServerPresenceTests {
    @Test func aServerIsThereWhenCIRuns() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(PostgresServer.available, "CI must run the tests under .ci/with-postgres")
        }
    }
}
