import AccordCore
import AccordTestSupport
import Foundation
import Testing

/// The three roles of `docs/postgres-roles.sql`, set up as the README says, each signed in as a
/// login of its own: what each may do, and the one-line refusal (exit 77) of what it may not.
@Suite(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
struct ServerRolesTests {
    /// A sample workspace on a new database, the roles made there with `psql -f docs/postgres-roles.sql`,
    /// and the environment of a login in each role.
    private func team() throws -> (AccordProcess, PostgresAddress, [String: [String: String]]) {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        try accord.initSample("ws")
        try accord.write(try accord.read("ws/accord.yaml") + ServerScheduleTests.schedule, to: "ws/accord.yaml")
        try accord.write(ServerScheduleTests.count, to: "ws/Scripts/reports/quarter-count.lua")
        #expect(try accord.run(["classify", "--save"], in: "ws").status == 0)
        #expect(try accord.run(["db", "copy", "--to", address.description], in: "ws", environment: PostgresServer.signIn).status == 0)
        try psql(address, "-f", PostgresServer.repository.appendingPathComponent("docs/postgres-roles.sql").path)
        var logins: [String: [String: String]] = [:]
        for role in ["reader", "analyst", "scheduler"] {
            let login = "\(address.database)_\(role)"
            try psql(address, "-c", "CREATE ROLE \(login) LOGIN PASSWORD 'pw-\(role)' IN ROLE accord_\(role)")
            logins[role] = ["PGUSER": login, "PGPASSWORD": "pw-\(role)", "PGPASSFILE": "/nonexistent",
                            "ACCORD_DATABASE": address.description]
        }
        return (accord, address, logins)
    }

    private func psql(_ address: PostgresAddress, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-v", "ON_ERROR_STOP=1", "-q", "-h", address.host, "-p", "\(address.port)", "-d", address.database]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(PostgresServer.signIn) { $1 }
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql \(arguments)")
    }

    @Test func aReaderReadsAndReportsButCannotImportAndChangesNothing() throws {
        let (accord, address, logins) = try team()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let reader = logins["reader"]!
        let exported = try accord.run(["export"], in: "ws", environment: reader)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try accord.run(["report", "quarter-count", "--as-of", "2020-12-31"], in: "ws", environment: reader).status == 0)
        #expect(try accord.run(["explain", "dksh-hanmi-sea-export-2013"], in: "ws", environment: reader).status == 0)
        for refused in [["import"], ["delete", "dksh-hanmi-sea-export-2013"], ["classify", "--save"],
                        ["run-due", "--now", "2021-01-10T06:30"]] {
            let result = try accord.run(refused, in: "ws", environment: reader)
            #expect(result.status == 77, "\(refused): \(result.stderr)")
            #expect(result.stderr.hasPrefix("accord: \(address.description): permission denied for "), "\(refused): \(result.stderr)")
            #expect(result.stderr.hasSuffix("; the user's role does not allow it (see docs/postgres-roles.sql)\n"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
        #expect(try accord.run(["export"], in: "ws", environment: reader).stdout == exported.stdout)
    }

    @Test func anAnalystImportsAndSavesLabelsButDoesNotRunTheSchedule() throws {
        let (accord, address, logins) = try team()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let analyst = logins["analyst"]!
        let deleted = try accord.run(["delete", "dksh-hanmi-sea-export-2013"], in: "ws", environment: analyst)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let imported = try accord.run(["import"], in: "ws", environment: analyst)
        #expect(imported.status == 0, "\(imported.stderr)")
        let classified = try accord.run(["classify", "--save"], in: "ws", environment: analyst)
        #expect(classified.status == 0, "\(classified.stderr)")
        let scheduled = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "ws", environment: analyst)
        #expect(scheduled.status == 77, "\(scheduled.stderr)")
    }

    @Test func theSchedulerRunsTheScheduleButDoesNotImport() throws {
        let (accord, address, logins) = try team()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let scheduler = logins["scheduler"]!
        let ran = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "ws", environment: scheduler)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(try accord.run(["history"], in: "ws", environment: scheduler).stdout.contains("2020-Q4"))
        let imported = try accord.run(["import"], in: "ws", environment: scheduler)
        #expect(imported.status == 77, "\(imported.stderr)")
    }
}
