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
