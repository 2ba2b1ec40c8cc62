import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `run-due` runs that are stopped, overrun, or find the workspace or its database
/// held (apart from the other schedule tests, so that both run at once).
@Suite(.serialized) struct ScheduleStopsWorkflowTests {
    /// A workspace whose only report takes a few seconds.
    private func slowWorkspace() throws -> AccordProcess {
        let accord = try ScheduleWorkflowTests.workspace(on: .sqlite, schedule: """
            schedule:
              reports:
                - report: slow
                  due: 1d 00:00
                  start: 2020-Q4

            """)
        try accord.write("""
            return accord.report { title = "Slow", grain = "quarter", build = function(r)
              local t = os.time() while os.time() - t < 3 do end
              r:heading("done")
            end }
            """, to: "ws/Scripts/reports/slow.lua")
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config.replacingOccurrences(of: "instructions: 10G", with: "instructions: none"), to: "ws/accord.yaml")
        return accord
    }

    private func start(_ accord: AccordProcess, _ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AccordProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = accord.folder.appendingPathComponent("ws")
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func waitForRunning(_ accord: AccordProcess) throws {
        for _ in 0..<100 {
            if try ScheduleWorkflowTests.history(accord).contains(where: { $0.status == "running" }) { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    @Test func aSecondRunExitsAtOnceWhileTheFirstHoldsTheLock() throws {
        let accord = try slowWorkspace()
        defer { accord.cleanUp() }
        let first = try start(accord, ["run-due", "--now", "2021-01-10T06:30"])
        try waitForRunning(accord)
        let second = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(second.status == 75)
        #expect(second.stderr.hasPrefix("accord: another run-due or backfill is running in this workspace (pid \(first.processIdentifier)"))
        #expect(second.stderr.split(separator: "\n").count == 1)
        #expect(second.seconds < 2)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(try ScheduleWorkflowTests.history(accord).map(\.status) == ["succeeded"])
    }

    @Test func aRunThatOverrunsTheScheduleTimeoutFails() throws {
        let accord = try slowWorkspace()
        defer { accord.cleanUp() }
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config.replacingOccurrences(of: "schedule:\n", with: "schedule:\n  timeout: 1s\n"), to: "ws/accord.yaml")
        let result = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(result.status == 1)
        #expect(result.stderr == "accord: slow 2020-Q4 failed: timed out after 1 s\n")
        #expect(result.seconds < 8)
        #expect(try ScheduleWorkflowTests.history(accord).map(\.status) == ["failed"])
    }

    /// The processes `pid` started, from /proc.
    private func children(of pid: Int32) -> [Int32] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Whether `pid` still runs (a zombie waiting for its parent to reap it does not).
    private func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z") && !stat[close...].hasPrefix(") X")
    }

    private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func aKilledRunTakesItsReportWithItLeavesNoTemporaryFilesAndTheNextRunProducesThePeriod() throws {
        let accord = try slowWorkspace()
        defer { accord.cleanUp() }
        let temporary = accord.folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let environment = ["TMPDIR": temporary.path]
        let first = try start(accord, ["run-due", "--now", "2021-01-10T06:30"], environment: environment)
        try waitForRunning(accord)
        #expect(waitUntil(seconds: 5) { !children(of: first.processIdentifier).isEmpty })
        let reports = children(of: first.processIdentifier)
        #expect(reports.count == 1)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(waitUntil(seconds: 1) { !reports.contains(where: isRunning) }, "the report process outlived run-due")
        let next = try accord.run(["run-due", "--now", "2021-01-10T06:30"], in: "ws", environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try ScheduleWorkflowTests.history(accord).map(\.status) == ["abandoned", "succeeded"])
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/slow/2020-Q4/manifest.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
    }

    @Test func aTerminatedRunStopsItsReportToo() throws {
        let accord = try slowWorkspace()
        defer { accord.cleanUp() }
        let first = try start(accord, ["run-due", "--now", "2021-01-10T06:30"])
        try waitForRunning(accord)
        #expect(waitUntil(seconds: 5) { !children(of: first.processIdentifier).isEmpty })
        let reports = children(of: first.processIdentifier)
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        #expect(waitUntil(seconds: 1) { !reports.contains(where: isRunning) }, "the report process outlived run-due")
    }

    @Test func aStalledHookIsStoppedWithWhatItStartedAtItsTimeout() throws {
        let accord = try ScheduleWorkflowTests.workspace(on: .sqlite, schedule: """
            schedule:
              hook_timeout: 1s
              on_failure: echo $$ > hook.pid; sleep 20 & echo $! > sleep.pid; wait
              reports:
                - report: broken
                  due: 1d 00:00
                  start: 2020-Q4

            """)
        defer { accord.cleanUp() }
        try accord.write("return accord.report { title = \"Broken\", grain = \"quarter\", build = function(r)\n  r:heading(nil)\nend }",
                         to: "ws/Scripts/reports/broken.lua")
        let result = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(result.status == 1)
        #expect(result.seconds < 8)
        #expect(result.stderr == """
            accord: the failure hook of broken 2020-Q4 was stopped after 1 s (schedule.hook_timeout)
            accord: broken 2020-Q4 failed: Scripts/reports/broken.lua:2: heading: 'text' must be a string, not nil

            """)
        for file in ["ws/hook.pid", "ws/sleep.pid"] {
            let pid = Int32(try accord.read(file).trimmingCharacters(in: .whitespacesAndNewlines))!
            #expect(!isRunning(pid), "\(file): \(pid) still runs")
        }
        #expect(try accord.read("ws/.accord/run-due.log").contains("the failure hook of broken 2020-Q4 was stopped after 1 s"))
    }

    /// A process that holds the database's write lock (as a long import would) until it is killed.
    private func holdWriteLock(_ accord: AccordProcess) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect("accord.db", isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            open("locked", "w").close()
            time.sleep(60)
            """]
        holder.currentDirectoryURL = accord.folder.appendingPathComponent("ws")
        try holder.run()
        #expect(waitUntil(seconds: 10) { FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/locked").path) })
        return holder
    }

    @Test func aBusyDatabaseIsTryAgainNamingItsHolderAndTheNextCallDoesTheWork() throws {
        let accord = try ScheduleWorkflowTests.workspace(on: .sqlite, schedule: ScheduleWorkflowTests.both)
        defer { accord.cleanUp() }
        let config = try accord.read("ws/accord.yaml")
        try accord.write("database_busy_timeout: 1s\n" + config, to: "ws/accord.yaml")
        #expect(try accord.run("history", in: "ws").status == 0) // the database exists, in WAL mode
        let holder = try holdWriteLock(accord)
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }

        let call = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(call.status == 75)
        #expect(call.stdout.isEmpty)
        #expect(call.stderr.split(separator: "\n").count == 1, "\(call.stderr)")
        #expect(call.stderr.hasPrefix("accord: the database accord.db is busy: pid \(holder.processIdentifier) (python3 -c "), "\(call.stderr)")
        #expect(call.stderr.hasSuffix(" holds its write lock; gave up after 1 s (database_busy_timeout); try again later\n"), "\(call.stderr)")
        #expect(call.seconds < 5)
        for command in [["import"], ["classify", "--save"]] {
            let other = try accord.run(command, in: "ws")
            #expect(other.status == 75, "\(command): \(other.stderr)")
            #expect(other.stderr.hasPrefix("accord: the database accord.db is busy: pid \(holder.processIdentifier)"), "\(other.stderr)")
        }
        // Readers are not blocked by a writer.
        let reading = try accord.run("export", "--format", "json", in: "ws")
        #expect(reading.status == 0 && reading.seconds < 1, "\(reading.stderr)")
        let dry = try accord.run("run-due", "--now", "2021-01-10T06:30", "--dry-run", in: "ws")
        #expect(dry.status == 0 && dry.stdout.split(separator: "\n").count == 5, "\(dry.stderr)")

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let next = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try ScheduleWorkflowTests.history(accord).map(\.status) == Array(repeating: "succeeded", count: 5))
    }
}
