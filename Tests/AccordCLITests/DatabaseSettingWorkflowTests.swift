import AccordTestSupport
import Foundation
import Testing

/// Which database a command works on: `database:` in accord.yaml, or ACCORD_DATABASE.
@Suite struct DatabaseSettingWorkflowTests {
    @Test func accordDatabaseNamesAnotherFileForEveryCommand() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        let elsewhere = ["ACCORD_DATABASE": "elsewhere.db"]
        let deal = "dksh-hanmi-sea-export-2013"
        #expect(!(try accord.run(["export"], in: "ws", environment: elsewhere)).stdout.contains(deal), "a new, empty database")
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/elsewhere.db").path),
                "a relative path is the workspace's")
        let imported = try accord.run(["import"], in: "ws", environment: elsewhere)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try accord.run(["export"], in: "ws", environment: elsewhere).stdout.contains(deal))
        let deleted = try accord.run(["delete", deal], in: "ws", environment: elsewhere)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(!(try accord.run(["export"], in: "ws", environment: elsewhere)).stdout.contains(deal))
        #expect(try accord.run("export", in: "ws").stdout.contains(deal), "accord.db was left alone")
    }

    @Test func aPostgreSQLServerThatCannotBeReachedIsExitSeventyFiveAndAnAddressWithAPasswordIsRefused() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        #expect(try accord.run("init", "ws").status == 0)
        let unreachable = try accord.run(["export"], in: "ws", environment: ["ACCORD_DATABASE": "postgres://127.0.0.1:1/accord",
                                                                             "PGUSER": "analyst", "PGPASSFILE": "/nonexistent"])
        #expect(unreachable.status == 75, "\(unreachable.stderr)")
        #expect(unreachable.stderr.hasPrefix("accord: postgres://127.0.0.1:1/accord?sslmode=prefer: cannot reach the server"), "\(unreachable.stderr)")
        let secret = try accord.run(["export"], in: "ws", environment: ["ACCORD_DATABASE": "postgres://me:s3cret@db/accord"])
        #expect(secret.status == 78)
        #expect(secret.stderr.contains("ACCORD_DATABASE: a PostgreSQL address may not hold a user or a password"))
        #expect(!secret.stderr.contains("s3cret"))
    }

    @Test func initWithABadAccordDatabaseWritesNothingAndWithAServerOutOfReachNoWorkspace() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let refused = try accord.run(["init", "--sample", "ws"], environment: ["ACCORD_DATABASE": "postgres://me:s3cret@db/accord"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("ACCORD_DATABASE: a PostgreSQL address may not hold a user or a password"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws").path))
        let unreachable = ["ACCORD_DATABASE": "postgres://127.0.0.1:1/accord", "PGUSER": "analyst", "PGPASSFILE": "/nonexistent"]
        #expect(try accord.run(["init", "--sample", "ws"], environment: unreachable).status == 75)
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/accord.yaml").path), "init can be run again")
    }
}
