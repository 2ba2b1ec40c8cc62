import AccordCore
import AccordPostgres
import AccordTestSupport
import Foundation
import Testing

/// A workspace whose database is on the server (`ACCORD_DATABASE=postgres://…`), as a user runs it.
@Suite(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
struct ServerWorkspaceTests {
    /// The sample workspace `ws`, its database copied to a new one on the server, and the
    /// environment that makes the server its database.
    private func sampleOnServer() throws -> (AccordProcess, PostgresAddress, [String: String]) {
        let (accord, address, onServer) = try sampleBesideAnEmptyDatabase()
        #expect(try accord.run(["db", "copy", "--to", address.description], in: "ws", environment: PostgresServer.signIn).status == 0)
        return (accord, address, onServer)
    }

    /// The sample workspace `ws`, a new database on the server without tables, and the environment
    /// that makes the server its database.
    private func sampleBesideAnEmptyDatabase() throws -> (AccordProcess, PostgresAddress, [String: String]) {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        try accord.initSample("ws")
        var onServer = PostgresServer.signIn
        onServer["ACCORD_DATABASE"] = address.description
        return (accord, address, onServer)
    }

    @Test func aWorkspaceMovedToTheServerExportsTheSameBytesInEveryFormat() throws {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("import", in: "ws").status == 0)
        #expect(try accord.run("classify", "--save", in: "ws").status == 0)
        let copied = try accord.run(["db", "copy", "--to", address.description], in: "ws", environment: PostgresServer.signIn)
        #expect(copied.status == 0, "\(copied.stderr)")
        var onServer = PostgresServer.signIn
        onServer["ACCORD_DATABASE"] = address.description
        for format in ["json", "yaml"] {
            let local = try accord.run("export", "--format", format, in: "ws")
            let remote = try accord.run(["export", "--format", format], in: "ws", environment: onServer)
            #expect(remote.status == 0, "\(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(format)")
        }
        #expect(try accord.run("export", "--format", "csv", "--out", "local", in: "ws").status == 0)
        #expect(try accord.run(["export", "--format", "csv", "--out", "remote"], in: "ws", environment: onServer).status == 0)
        for file in ["sources.csv", "organizations.csv", "partnerships.csv"] {
            let folder = accord.folder.appendingPathComponent("ws")
            #expect(try Data(contentsOf: folder.appendingPathComponent("remote/\(file)"))
                    == Data(contentsOf: folder.appendingPathComponent("local/\(file)")), "\(file)")
        }
    }

    @Test(arguments: [["quarterly", "--as-of", "2025-12-31"], ["yearly", "--as-of", "2025-12-31"],
                      ["organization", "--as-of", "2025-12-31", "--param", "org=khidi"]])
    func aReportMadeFromTheServerIsTheReportMadeFromTheFile(_ report: [String]) throws {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("classify", "--save", in: "ws").status == 0)
        #expect(try accord.run(["db", "copy", "--to", address.description], in: "ws", environment: PostgresServer.signIn).status == 0)
        var onServer = PostgresServer.signIn
        onServer["ACCORD_DATABASE"] = address.description
        let remote = try accord.run(["report"] + report + ["--out", "remote"], in: "ws", environment: onServer)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(try accord.run(["report"] + report + ["--out", "local"], in: "ws").status == 0)
        let folder = accord.folder.appendingPathComponent("ws")
        for file in ["report.json", "report.md", "report.html", "partnerships.csv"] {
            let local = folder.appendingPathComponent("local/\(file)")
            guard FileManager.default.fileExists(atPath: local.path) else { continue }
            #expect(try Data(contentsOf: folder.appendingPathComponent("remote/\(file)")) == Data(contentsOf: local), "\(file)")
        }
    }

    @Test func aServiceFileNamesTheDatabaseAndWhoSignsInThroughTheUnixSocket() throws {
        let (accord, address, _) = try sampleOnServer()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let socket = try #require(PostgresServer.environment["ACCORD_TEST_POSTGRES_SOCKET"])
        let services = accord.folder.appendingPathComponent("pg_service.conf")
        try """
            [team]
            host=\(socket)
            port=\(address.port)
            dbname=\(address.database)
            user=\(PostgresServer.credentials.user)
            password=\(PostgresServer.credentials.password ?? "")

            """.write(to: services, atomically: true, encoding: .utf8)
        let viaService = ["ACCORD_DATABASE": "postgres://?service=team", "PGSERVICEFILE": services.path,
                          "PGUSER": "nobody", "PGPASSWORD": "wrong", "PGPASSFILE": "/nonexistent"]
        let remote = try accord.run(["export", "--format", "json"], in: "ws", environment: viaService)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == (try accord.run("export", "--format", "json", in: "ws")).stdout)
        let missing = try accord.run(["export"], in: "ws", environment: viaService.merging(["ACCORD_DATABASE": "postgres://?service=gone"]) { $1 })
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("ACCORD_DATABASE: service 'gone' is defined in none of \(services.path), "), "\(missing.stderr)")
    }

    @Test func importsAndDeletionsOnTheServerLeaveWhatTheyLeaveInTheFile() throws {
        let (accord, address, onServer) = try sampleOnServer()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let deal = "dksh-hanmi-sea-export-2013"
        /// Runs `arguments` on the file and on the server: the same output, status and export after.
        func both(_ arguments: [String], status: Int32 = 0) throws {
            let (local, remote) = (try accord.run(arguments, in: "ws"), try accord.run(arguments, in: "ws", environment: onServer))
            #expect(local.status == status && remote.status == status, "\(arguments): \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(arguments)")
            #expect(remote.stderr == local.stderr, "\(arguments)")
            #expect(try accord.run(["export"], in: "ws", environment: onServer).stdout == accord.run("export", in: "ws").stdout,
                    "after \(arguments)")
        }
        try both(["delete", deal])
        try both(["delete", "samsung-bioepis"], status: 65)
        try both(["delete", "samsung-bioepis", "--cascade", "--dry-run"])
        try both(["import", "--dry-run"])
        try both(["import"])
        let folder = accord.folder.appendingPathComponent("ws")
        try Data("partnerships:\n  - id: broken\n    title: No form\n".utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        try both(["import", "broken.yaml"], status: 65)
        try Data("partnerships: []\n".utf8).write(to: folder.appendingPathComponent("empty.yaml"))
        try both(["import", "--prune", "data/sample/sources.yaml", "data/sample/organizations.yaml", "empty.yaml"])
        #expect(!(try accord.run(["export"], in: "ws", environment: onServer)).stdout.contains(deal))
    }

    @Test func labelsSavedOnTheServerAreThoseSavedInTheFile() throws {
        let (accord, address, onServer) = try sampleOnServer()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let script = accord.folder.appendingPathComponent("ws/labels.lua")
        try Data("""
            for _, p in ipairs(accord.partnerships{}) do print(p.id, table.concat(p.labels, ",")) end
            """.utf8).write(to: script)
        let (local, remote) = (try accord.run("classify", "--save", in: "ws"),
                               try accord.run(["classify", "--save"], in: "ws", environment: onServer))
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(local.stdout == remote.stdout)
        let saved = try accord.run(["run", "labels.lua"], in: "ws", environment: onServer)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout == (try accord.run("run", "labels.lua", in: "ws")).stdout)
        #expect(saved.stdout.contains("dksh-hanmi-sea-export-2013\texport"), "\(saved.stdout)")
    }

    @Test func copyingAWorkspaceWhoseDatabaseIsOnTheServerIsRefusedWithExitSeventyEight() throws {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        var onServer = PostgresServer.signIn
        onServer["ACCORD_DATABASE"] = address.description
        let refused = try accord.run(["db", "copy", "--to", address.description], in: "ws", environment: onServer)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("this workspace's database is \(address.description), not a SQLite file to copy"),
                "\(refused.stderr)")
    }

    @Test func anEmptyDatabaseHasItsTablesMadeOnFirstUseAndTakesAnImport() throws {
        let (accord, address, onServer) = try sampleBesideAnEmptyDatabase()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let imported = try accord.run(["import"], in: "ws", environment: onServer)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("83 partnerships: 83 added"), "\(imported.stdout)")
        #expect(try accord.run(["export"], in: "ws", environment: onServer).stdout == accord.run("export", in: "ws").stdout)
        let migrations = try PostgresSession(address, credentials: PostgresServer.credentials)
            .query("SELECT identifier FROM schema_migrations").map { try $0.decode(String.self) }
        #expect(Set(migrations) == Set(Store.migrations))
    }

    @Test func aDatabaseMadeByAnEarlierAccordIsBroughtUpToDateWhenOpened() throws {
        let address = try PostgresServer.makeDatabase()
        defer { PostgresServer.drop(address) }
        _ = try PostgresServer.makeStore(address)
        let session = try PostgresSession(address, credentials: PostgresServer.credentials)
        // As Accord left it before "run-order": two runs finished in the same second, the one with the larger id saved first.
        try Self.undoLabelStamps(session)
        try session.query("ALTER TABLE classification_run DROP COLUMN saved")
        try session.query("DELETE FROM schema_migrations WHERE identifier = 'run-order'")
        try session.query("""
            INSERT INTO classification_run (id, started, finished, packs, partnerships, labels) VALUES
            ('2026-11-22T03:10:00Z-aaaa', '2026-11-22T03:10:00Z', '2026-11-22T03:10:05Z', 'standard 1.0.0', 0, 0),
            ('2026-11-22T03:10:01Z-bbbb', '2026-11-22T03:10:01Z', '2026-11-22T03:10:05Z', 'standard 1.0.0', 0, 0)
            """)
        var told: [[String]] = []
        let store = try PostgresServer.makeStore(address, upgrading: { told.append($0) })
        #expect(told == [["run-order", "label-stamps", "period-series", "filing-order", "complete-runs", "tag-lower",
                          "form-status-unindexed"]])
        #expect(Set(try session.query("SELECT identifier FROM schema_migrations").map { try $0.decode(String.self) })
                == Set(Store.migrations))
        #expect(try store.classificationState().newest?.id == "2026-11-22T03:10:01Z-bbbb", "by finish, then id")
        let period = try session.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'partnership_period'").first?.decode(String.self)
        #expect(period?.contains("(date_first, date_last, date_precision, series, form, status)") == true, "\(period ?? "none")")
        #expect(try session.query("""
            SELECT indexname::text FROM pg_indexes WHERE indexname IN ('partnership_form', 'partnership_status')
            """).isEmpty, "a form and a status are found through the period's index")
        let party = try session.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'party_pkey'").first?.decode(String.self)
        #expect(party?.contains("(filed, partnership_id, ") == true, "\(party ?? "none")")
        let started = Date(timeIntervalSince1970: 1_780_000_000)
        try store.saveClassification(ClassificationRun(id: "0-saved-last", started: started, finished: started, packs: "standard 1.0.0",
                                                       partnerships: 0, labels: 0), labels: [:])
        #expect(try store.classificationState().newest?.id == "0-saved-last")
    }

    @Test func theSavedLabelsOfADatabaseFromBeforeLabelStampsReadTheSameAfterTheUpgrade() throws {
        let sqlite = try Store.inMemory()
        try sqlite.importFiles(["sources", "organizations", "partnerships"].map {
            PostgresServer.repository.appendingPathComponent("data/sample/\($0).yaml").path
        })
        let ids = try sqlite.partnershipIDs(PartnershipFilter())
        for (n, run) in ["run-1", "run-2"].enumerated() {
            var labels: [String: [AssignedLabel]] = [:]
            for (i, id) in ids.enumerated() where i % 2 == n {
                labels[id] = [AssignedLabel(label: "export", isPrimary: true, origin: .rule, rule: "team.export-\(i % 3)",
                                            pack: "team", packVersion: "0.\(n).0", packDigest: "sha256:\(n)", evidence: "#\(i)",
                                            runID: run),
                              AssignedLabel(label: "rnd", isPrimary: false, origin: .manual, runID: run)]
            }
            let started = Date(timeIntervalSince1970: 1_780_000_000 + Double(n))
            try sqlite.saveClassification(ClassificationRun(id: run, started: started, finished: started, packs: "team 0.\(n).0",
                                                            partnerships: labels.count, labels: 2 * labels.count), labels: labels)
        }
        let address = try PostgresServer.makeDatabase()
        defer { PostgresServer.drop(address) }
        let session = try PostgresSession(address, credentials: PostgresServer.credentials)
        _ = try PostgresCopy.copy(sqlite, to: session)
        try Self.undoLabelStamps(session)
        #expect(try session.query("SELECT COUNT(*) FROM assigned_label WHERE pack = 'team'").first?.decode(Int.self) == ids.count)
        try session.query("GRANT SELECT ON assigned_label TO PUBLIC")

        let store = try PostgresServer.makeStore(address)
        #expect(try store.assignedLabels() == sqlite.assignedLabels())
        #expect(try store.assignedLabels().count == ids.count)
        #expect(try session.query("SELECT COUNT(*) FROM label_stamp").first?.decode(Int.self) == 8, "3 rules and a manual label, 2 runs")
        let grants = try session.query("SELECT relacl::text FROM pg_class WHERE relname = 'label_stamp'").first?.decode(String.self)
        #expect(grants?.contains(",=r/") == true, "who may read the labels may read their stamps: \(grants ?? "none")")
    }

    /// Puts the tables back as they were before "filing-order": the partnership and its lists keyed by id
    /// (and without "complete-runs", "tag-lower" and "form-status-unindexed", which came after).
    private static func undoFilingOrder(_ session: PostgresSession) throws {
        try session.query("ALTER TABLE classification_run DROP COLUMN complete_at")
        try session.query("DELETE FROM schema_migrations WHERE identifier IN ('complete-runs', 'tag-lower', 'form-status-unindexed')")
        try session.query("CREATE INDEX partnership_form ON partnership(form)")
        try session.query("CREATE INDEX partnership_status ON partnership(status)")
        let keys = ["money_equivalent": "term_position, position", "figure": "key"]
        let lists = ["party", "relation", "person", "territory", "product", "financial_term", "money_equivalent",
                     "figure", "tag", "partnership_label", "partnership_source", "assigned_label"]
        for list in lists + ["classified"] {
            try session.query("ALTER TABLE \(list) DROP CONSTRAINT \(list)_pkey, DROP COLUMN filed")
            try session.query("ALTER TABLE \(list) ADD PRIMARY KEY (partnership_id\(list == "classified" ? "" : ", " + (keys[list] ?? "position")))")
        }
        try session.query("ALTER TABLE partnership DROP CONSTRAINT partnership_pkey, DROP CONSTRAINT partnership_id_key, DROP COLUMN filed")
        try session.query("ALTER TABLE partnership ADD PRIMARY KEY (id)")
        for table in lists + ["classified"] {
            try session.query("""
                ALTER TABLE \(table) ADD FOREIGN KEY (partnership_id) REFERENCES partnership(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
                """)
        }
        try session.query("DELETE FROM schema_migrations WHERE identifier = 'filing-order'")
    }

    /// Gives the database of `session` the schema it had before "label-stamps": the saved labels their
    /// columns of then, and the period's index its own (from "period-series", which came after), the
    /// tables keyed by id (from "filing-order").
    private static func undoLabelStamps(_ session: PostgresSession) throws {
        try undoFilingOrder(session)
        for statement in [
            "DROP INDEX partnership_period",
            "CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, form, status)",
            "DELETE FROM schema_migrations WHERE identifier = 'period-series'",
            """
            ALTER TABLE assigned_label ADD COLUMN rule TEXT COLLATE "C", ADD COLUMN pack TEXT COLLATE "C",
              ADD COLUMN pack_version TEXT COLLATE "C", ADD COLUMN pack_digest TEXT COLLATE "C", ADD COLUMN run_id TEXT COLLATE "C"
            """,
            """
            UPDATE assigned_label a SET rule = s.rule, pack = s.pack, pack_version = s.pack_version, pack_digest = s.pack_digest,
              run_id = s.run_id FROM label_stamp s WHERE s.id = a.stamp_id
            """,
            "ALTER TABLE assigned_label ALTER COLUMN run_id SET NOT NULL, DROP COLUMN stamp_id",
            "DROP TABLE label_stamp",
            "DELETE FROM schema_migrations WHERE identifier = 'label-stamps'",
        ] { try session.query(statement) }
    }

    @Test func aDatabaseWithTheTablesOfAnotherAccordIsExitSeventyEight() throws {
        let (accord, address, onServer) = try sampleBesideAnEmptyDatabase()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        #expect(try accord.run(["export"], in: "ws", environment: onServer).status == 0)
        try PostgresSession(address, credentials: PostgresServer.credentials)
            .query("INSERT INTO schema_migrations (identifier) VALUES ('from-a-later-accord')")
        let result = try accord.run(["export"], in: "ws", environment: onServer)
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("accord: \(address.description): the database has the schema of migrations "), "\(result.stderr)")
        #expect(result.stderr.contains("from-a-later-accord"))
    }
}
