import AccordCore
import AccordPostgres
import AccordTestSupport
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// `run-due` on two hosts against one database: two workspaces whose `ACCORD_DATABASE` is the
/// same server database, run at the same moment.
@Suite(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
struct ServerScheduleTests {
    /// A report that counts the partnerships of its quarter.
    static let count = """
        return accord.report { title = "Count", grain = "quarter", formats = { "json" },
          build = function(r, period)
            r:figures{ { label = "Partnerships", value = function(p) return accord.partnerships{ period = p } end } }
          end }
        """

    static let schedule = """
        schedule:
          timezone: Asia/Seoul
          reports:
            - report: quarter-count
              due: 3d 06:00
              start: 2020-Q1

        """

    /// Two hosts' workspaces, `a` and `b`, on one new database holding the sample.
    private func hosts() throws -> (AccordProcess, PostgresAddress, [String: String]) {
        let accord = try AccordProcess()
        let address = try PostgresServer.makeDatabase()
        for host in ["a", "b"] {
            try accord.initSample(host)
            try accord.write(Self.count, to: "\(host)/Scripts/reports/quarter-count.lua")
            try accord.write(try accord.read("\(host)/accord.yaml") + Self.schedule, to: "\(host)/accord.yaml")
        }
        #expect(try accord.run(["db", "copy", "--to", address.description], in: "a", environment: PostgresServer.signIn).status == 0)
        var environment = PostgresServer.signIn
        environment["ACCORD_DATABASE"] = address.description
        return (accord, address, environment)
    }

    /// The ledger on the server: (period, status) of every attempt, oldest first.
    private func ledger(_ accord: AccordProcess, _ environment: [String: String]) throws -> [String] {
        let history = try accord.run(["history", "--format", "json", "--limit", "1000"], in: "b", environment: environment)
        #expect(history.status == 0, "\(history.stderr)")
        return try history.stdout.split(separator: "\n").reversed().map { line in
            let run = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return "\(run["period"]!) \(run["status"]!)"
        }
    }

    @Test func twoHostsRunningDueReportsAtOnceProduceEachPeriodOnce() throws {
        let (accord, address, environment) = try hosts()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let results = Mutex<[AccordProcess.Result]>([])
        nonisolated(unsafe) let shared = accord  // each run is a process of its own
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let result = try! shared.run(["run-due", "--now", "2021-01-10T06:30"], in: i == 0 ? "a" : "b", environment: environment)
            results.withLock { $0.append(result) }
        }
        let statuses = results.withLock { $0.map(\.status) }.sorted()
        // One ran them; the other found the lock taken (75), or nothing left to run.
        #expect(statuses == [0, 0] || statuses == [0, 75], "\(results.withLock { $0.map(\.stderr) })")
        #expect(try ledger(accord, environment) == ["2020-Q1 succeeded", "2020-Q2 succeeded", "2020-Q3 succeeded", "2020-Q4 succeeded"])
        let again = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "a", environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try ledger(accord, environment).count == 4, "nothing run twice")
    }

    @Test func analystsImportingAtOnceOnTwoHostsTakeTurnsAndLoseNothing() throws {
        let (accord, address, environment) = try hosts()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        /// A file of `count` partnerships of one analyst, each naming a sample organization.
        func file(_ analyst: String, count: Int) -> String {
            "partnerships:\n" + (0..<count).map { i in
                """
                  - id: \(analyst)-deal-\(i)
                    title: \(analyst.capitalized) deal \(i)
                    form: mou
                    signed: 2024-0\(i % 9 + 1)-15
                    parties:
                      - {org: khidi, role: government_counterpart}
                      - {org: roche-korea, role: investor}
                    sources: [krpia-open-innovation]

                """
            }.joined()
        }
        try accord.write(file("maria", count: 300), to: "a/maria.yaml")
        try accord.write(file("jun", count: 300), to: "b/jun.yaml")
        let results = Mutex<[AccordProcess.Result]>([])
        nonisolated(unsafe) let shared = accord
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let arguments = i % 2 == 0 ? ["import", "maria.yaml"] : ["import", "jun.yaml"]
            let result = try! shared.run(i < 2 ? arguments : ["classify", "--save"], in: i % 2 == 0 ? "a" : "b",
                                         environment: environment)
            results.withLock { $0.append(result) }
        }
        for result in results.withLock({ $0 }) { #expect(result.status == 0, "\(result.stderr)") }
        let exported = try accord.run(["export"], in: "a", environment: environment).stdout
        #expect(exported.components(separatedBy: "\"maria-deal-").count - 1 == 300)
        #expect(exported.components(separatedBy: "\"jun-deal-").count - 1 == 300)
        try accord.write("print(#accord.partnerships{})\n", to: "b/count.lua")
        let count = try accord.run(["run", "count.lua"], in: "b", environment: environment)
        #expect(count.stdout == "683\n", "\(count.stderr)")
    }

    @Test func aWriteThatWaitsForAnotherPastTheBusyTimeoutIsExitSeventyFiveAndChangesNothing() throws {
        let (accord, address, environment) = try hosts()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        try accord.write(try accord.read("b/accord.yaml") + "database_busy_timeout: 1s\n", to: "b/accord.yaml")
        let before = try accord.run(["export"], in: "b", environment: environment).stdout
        let other = try PostgresSession(address, credentials: PostgresServer.credentials)
        try other.transaction {
            try other.query("SELECT number FROM revision WHERE id = 1 FOR UPDATE")  // another writer's turn
            let waited = try accord.run(["delete", "dksh-hanmi-sea-export-2013"], in: "b", environment: environment)
            #expect(waited.status == 75, "\(waited.stderr)")
            #expect(waited.stderr.contains("lock timeout"), "\(waited.stderr)")
        }
        #expect(try accord.run(["export"], in: "b", environment: environment).stdout == before)
    }

    @Test func whileOneHostHoldsTheRunLockAnotherIsTurnedAwayWithExitSeventyFive() throws {
        let (accord, address, environment) = try hosts()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let holder = try PostgresServer.makeStore(address)
        let lock = try #require(try holder.takeRunLock())
        let refused = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "b", environment: environment)
        #expect(refused.status == 75)
        #expect(refused.stderr.hasPrefix("accord: another run-due or backfill holds the lock of scheduled runs on \(address.description) (accord pid "),
                "\(refused.stderr)")
        withExtendedLifetime(lock) {}
    }

    @Test func aPeriodLeftRunningByAHostThatDiedIsMarkedAbandonedAndRunAgain() throws {
        let (accord, address, environment) = try hosts()
        defer { accord.cleanUp(); PostgresServer.drop(address) }
        let store = try PostgresServer.makeStore(address)
        _ = try store.startRun(job: "quarter-count", report: "quarter-count", period: "2020-Q1", trigger: "run-due",
                               started: Date(timeIntervalSince1970: 1_609_000_000), pid: 99_999)
        let result = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "b", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ledger(accord, environment) == ["2020-Q1 abandoned", "2020-Q1 succeeded", "2020-Q2 succeeded",
                                                    "2020-Q3 succeeded", "2020-Q4 succeeded"])
    }
}
