import AccordCore
import Foundation
import Testing

/// `database:` and `ACCORD_DATABASE`: a SQLite file or a PostgreSQL address, credentials kept out of both.
@Suite struct DatabaseLocationTests {
    @Test func aPathIsASQLiteFileInTheWorkspace() throws {
        #expect(try DatabaseLocation.parse("accord.db", relativeTo: "/ws") == .sqlite(path: "/ws/accord.db"))
        #expect(try DatabaseLocation.parse("/data/team.db", relativeTo: "/ws") == .sqlite(path: "/data/team.db"))
    }

    @Test func anAddressNamesHostPortDatabaseAndSSLMode() throws {
        let address = try PostgresAddress("postgresql://db.example.org:6432/partnerships?sslmode=require")
        #expect(address == PostgresAddress(host: "db.example.org", port: 6432, database: "partnerships", sslMode: .require))
        #expect(try DatabaseLocation.parse("postgres://db/accord", relativeTo: "/ws")
                == .postgres(PostgresAddress(host: "db", port: 5432, database: "accord", sslMode: .prefer)))
        #expect(address.description == "postgres://db.example.org:6432/partnerships?sslmode=require")
        let loopback = try PostgresAddress("postgres://[::1]:5433/accord")
        #expect(loopback.host == "::1", "without the brackets the address writes it in")
        #expect(loopback.description == "postgres://[::1]:5433/accord?sslmode=prefer")
        #expect(try PostgresAddress("POSTGRES://db/accord").host == "db", "the scheme in any case")
    }

    @Test(arguments: [
        ("postgres://analyst:s3cret@db/accord", "may not hold a user or a password"),
        ("postgres://analyst@db/accord", "may not hold a user or a password"),
        ("Postgres://analyst:s3cret@db/accord", "may not hold a user or a password"),
        ("postgres:///accord", "names no host"),
        ("postgres://db/accord/more", "names more than a database"),
        ("postgres://db", "names no database"),
        ("postgres://db/accord?sslmode=sometimes", "sslmode must be one of disable, prefer, require, verify-full"),
        ("postgres://db/accord?password=s3cret", "unknown parameter 'password'"),
        ("postgres://?service=accord-test-nowhere", "service 'accord-test-nowhere' is defined in none of"),
        ("postgres://db:0/accord", "port must be between 1 and 65535"),
    ])
    func aBadAddressSaysWhatIsWrongAndNeverRepeatsAPassword(text: String, message: String) {
        let error = #expect(throws: DatabaseLocationError.self) { try PostgresAddress(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains("s3cret") == false)
    }

    @Test func anotherKindOfAddressIsNotTakenForAFile() {
        let error = #expect(throws: DatabaseLocationError.self) { try DatabaseLocation.parse("mysql://me:s3cret@db/x", relativeTo: "/ws") }
        #expect(error?.description == "not a database: a file's path, or postgres://HOST[:PORT]/DATABASE")
    }

    @Test func accordYamlRefusesAnAddressWithAPasswordNamingTheLine() throws {
        let error = #expect(throws: ConfigError.self) {
            try WorkspaceConfig.parse("name: Team\ndatabase: postgres://analyst:s3cret@db/accord\n", file: "accord.yaml")
        }
        #expect(error?.description.hasPrefix("accord.yaml:2: database: a PostgreSQL address may not hold a user or a password") == true,
                "\(String(describing: error))")
        #expect(error?.description.contains("s3cret") == false)
        #expect(try WorkspaceConfig.parse("database: postgres://db/accord\n", file: "accord.yaml").database == "postgres://db/accord")
    }

    @Test func theUserAndPasswordComeFromTheEnvironment() {
        let address = PostgresAddress(host: "db", database: "accord")
        let found = PostgresCredentials.find(for: address, environment: ["PGUSER": "analyst", "PGPASSWORD": "s3cret", "HOME": "/nowhere"])
        #expect(found == PostgresCredentials(user: "analyst", password: "s3cret"))
        #expect(!found.description.contains("s3cret"))
        let bare = PostgresCredentials.find(for: address, environment: ["USER": "someone-else", "HOME": "/nowhere"])
        #expect(bare == PostgresCredentials(user: NSUserName(), password: nil), "the account's name, as libpq takes it")
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".pgpass").path
        try """
            # host:port:database:user:password
            other:5432:accord:analyst:not-this-one
            db:5432:accord:analyst:pass\\:with\\\\colon
            *:*:*:scheduler:any-host

            """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let address = PostgresAddress(host: "db", database: "accord")
        let environment = ["HOME": folder.path]
        #expect(PostgresCredentials.find(for: address, environment: environment.merging(["PGUSER": "analyst"]) { $1 }).password
                == "pass:with\\colon")
        #expect(PostgresCredentials.find(for: address, environment: environment.merging(["PGUSER": "scheduler"]) { $1 }).password
                == "any-host")
        #expect(PostgresCredentials.find(for: address, environment: environment.merging(["PGUSER": "reader"]) { $1 }).password == nil)

        let link = folder.appendingPathComponent("linked").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        #expect(PostgresCredentials.find(for: address, environment: ["PGPASSFILE": link, "PGUSER": "scheduler"]).password == "any-host",
                "a link counts by the file it leads to")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        var warnings: [String] = []
        let open = PostgresCredentials.find(for: address, environment: environment.merging(["PGUSER": "analyst"]) { $1 }) {
            warnings.append($0)
        }
        #expect(open.password == nil, "a file others may read is passed over")
        #expect(warnings == ["\(file) is readable by others (chmod 600 it): its passwords are not used"])
    }

    /// A folder with `files` written in it, removed by the caller.
    private func folder(_ files: [String: String], mode: Int = 0o600) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgservice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    @Test func aServiceFillsInWhatTheAddressLeavesOutAsLibpqDoes() throws {
        let home = try folder([".pg_service.conf": """
            # the team's database
            [team]
            host=db.example.org
            port = 6432
            dbname=partnerships
            sslmode=require

            [other]
            host=elsewhere
            """])
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PGSYSCONFDIR": "/nonexistent"]
        let team = try PostgresAddress("postgres://?service=team", environment: environment)
        #expect(team.host == "db.example.org" && team.port == 6432 && team.database == "partnerships" && team.sslMode == .require)
        #expect(team.service == "team")
        let overridden = try PostgresAddress("postgresql://other.example.org/accord?service=team&sslmode=disable", environment: environment)
        #expect(overridden == PostgresAddress(host: "other.example.org", port: 6432, database: "accord", sslMode: .disable)
            .named(service: "team"), "what the address says wins; the rest comes from the service")
        let fromEnvironment = try PostgresAddress("postgres:///accord", environment: environment.merging(["PGSERVICE": "other"]) { $1 })
        #expect(fromEnvironment.host == "elsewhere" && fromEnvironment.database == "accord" && fromEnvironment.service == "other")
        let error = #expect(throws: DatabaseLocationError.self) {
            try PostgresAddress("postgres:///?service=other", environment: environment)
        }
        #expect(error?.description == "the PostgreSQL address or its service 'other' names no database: postgres://elsewhere/DATABASE")
    }

    @Test func theUserServiceFileComesBeforeTheSystemOne() throws {
        let user = try folder(["mine.conf": "[team]\nhost=mine\ndbname=a\n"])
        let system = try folder(["pg_service.conf": "[team]\nhost=system\ndbname=a\n[shared]\nhost=shared\ndbname=b\n"])
        defer { try? FileManager.default.removeItem(at: user); try? FileManager.default.removeItem(at: system) }
        let environment = ["PGSERVICEFILE": user.appendingPathComponent("mine.conf").path, "PGSYSCONFDIR": system.path]
        #expect(try PostgresAddress("postgres://?service=team", environment: environment).host == "mine")
        #expect(try PostgresAddress("postgres://?service=shared", environment: environment).host == "shared")
    }

    @Test func theServicesUserAndPasswordComeBeforeTheEnvironments() throws {
        let home = try folder([".pg_service.conf": "[team]\nhost=db\ndbname=accord\nuser=scheduler\npassword=from-service\n[bare]\nhost=db\ndbname=accord\n"])
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "PGSYSCONFDIR": "/nonexistent", "PGUSER": "analyst", "PGPASSWORD": "from-environment"]
        let team = try PostgresAddress("postgres://?service=team", environment: environment)
        #expect(PostgresCredentials.find(for: team, environment: environment) == PostgresCredentials(user: "scheduler", password: "from-service"))
        let bare = try PostgresAddress("postgres://?service=bare", environment: environment)
        #expect(PostgresCredentials.find(for: bare, environment: environment) == PostgresCredentials(user: "analyst", password: "from-environment"))
    }

    @Test(arguments: [
        ("[team]\nhost=db\nconnect_timeout=10\n", "5: 'connect_timeout' is not read by Accord (it reads dbname, host, password, port, sslmode, user)"),
        ("[team]\nhost db\n", "4: a setting is written key=value"),
        ("[team\nhost=db\n", "3: a section is written [NAME]"),
        ("[team]\nhost=db\ndbname=a\nport=none\n", " port must be between 1 and 65535, not 'none'"),
        ("[team]\nhost=db\ndbname=a\nsslmode=verify-ca\n", " sslmode must be one of disable, prefer, require, verify-full, not 'verify-ca'"),
    ])
    func aBadServiceFileIsNamedWithItsLine(text: String, message: String) throws {
        let home = try folder([".pg_service.conf": "[other]\nanything=goes here\n" + text])
        defer { try? FileManager.default.removeItem(at: home) }
        let error = #expect(throws: DatabaseLocationError.self) {
            try PostgresAddress("postgres://?service=team", environment: ["HOME": home.path, "PGSYSCONFDIR": "/nonexistent"])
        }
        let file = home.appendingPathComponent(".pg_service.conf").path
        let expected = message.hasPrefix(" ") ? "service 'team' in \(file):\(message)" : "\(file):\(message)"
        #expect(error?.description == expected)
    }

    @Test func accordYamlNamingAServiceOpensWhereTheServiceIsNotDefined() throws {
        let config = try WorkspaceConfig.parse("database: postgres://?service=accord-test-nowhere\n", file: "accord.yaml")
        #expect(config.database == "postgres://?service=accord-test-nowhere", "only the commands that use the database need the service")
    }

    @Test func aHostThatIsAFolderIsTheServersUnixSocket() throws {
        let address = try PostgresAddress("postgres://%2Fvar%2Frun%2Fpostgresql:5433/accord")
        #expect(address.host == "/var/run/postgresql" && address.isSocketFolder)
        #expect(address.description == "postgres://%2Fvar%2Frun%2Fpostgresql:5433/accord?sslmode=prefer")
        #expect(try PostgresAddress(address.description) == address)
    }
}

extension PostgresAddress {
    func named(service: String) -> PostgresAddress {
        var address = self
        address.service = service
        return address
    }
}
