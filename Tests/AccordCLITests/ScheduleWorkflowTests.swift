import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `run-due` driven with `--now` as cron would call it.
@Suite(.serialized) struct ScheduleWorkflowTests {
    /// A report that counts the partnerships of its period, as JSON.
    static let count = """
        return accord.report { title = "Count", grain = "%@", formats = { "json" },
          build = function(r, period)
            r:figures{ { label = "Partnerships", value = function(p) return accord.partnerships{ period = p } end } }
          end }
        """

    /// A sample workspace with the `count` report at both grains and `schedule` appended.
    static func workspace(on backend: Backend, schedule: String) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        try accord.initSample("ws")
        try accord.write(String(format: Self.count, "quarter"), to: "ws/Scripts/reports/quarter-count.lua")
        try accord.write(String(format: Self.count, "year"), to: "ws/Scripts/reports/year-count.lua")
        let config = try accord.read("ws/accord.yaml")
        try accord.write(config + schedule, to: "ws/accord.yaml")
        return accord
    }

    static let both = """
        schedule:
          timezone: Asia/Seoul
          reports:
            - report: quarter-count
              due: 3d 06:00
              start: 2020-Q1
            - report: year-count
              due: 7d 06:00
              start: 2020

        """

    struct Run: Decodable {
        var id: Int
        var job: String
        var period: String
        var status: String
        var trigger: String
        var error: String?
        var output: String?
    }

    static func history(_ accord: AccordProcess) throws -> [Run] {
        let out = try accord.run("history", "--format", "json", "--limit", "1000", in: "ws")
        return try out.stdout.split(separator: "\n").map { try JSONDecoder().decode(Run.self, from: Data($0.utf8)) }.reversed()
    }

    @Test(arguments: Backend.all)
    func missedPeriodsAreCaughtUpOldestFirstAndOnlyOnce(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: Self.both)
        defer { accord.cleanUp() }
        let dry = try accord.run("run-due", "--now", "2021-01-10T06:30", "--dry-run", in: "ws")
        #expect(dry.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(5).joined(separator: " ") } == [
            "would run quarter-count for 2020-Q1", "would run quarter-count for 2020-Q2", "would run quarter-count for 2020-Q3",
            "would run quarter-count for 2020-Q4", "would run year-count for 2020",
        ])
        #expect(dry.stdout.hasPrefix("would run quarter-count for 2020-Q1 (due 2020-04-03 06:00 +09:00)\n"))
        let first = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(first.status == 0 && first.stdout.isEmpty && first.stderr.isEmpty, "\(first.stderr)")
        #expect(try Self.history(accord).map(\.period) == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2020"])
        for name in ["quarter-count/2020-Q1", "quarter-count/2020-Q4", "year-count/2020"] {
            #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/\(name)/report.json").path))
        }
        let again = try accord.run("run-due", "--now", "2021-01-10T06:30", "--verbose", in: "ws")
        #expect(again.stdout == "nothing is due\n")
        #expect(try Self.history(accord).count == 5)

        let latest = try Self.workspace(on: backend, schedule: Self.both)
        defer { latest.cleanUp() }
        #expect(try latest.run("run-due", "--now", "2021-01-10T06:30", "--catchup", "latest", in: "ws").status == 0)
        #expect(try Self.history(latest).map(\.period) == ["2020-Q4", "2020"])
        #expect(try latest.run("run-due", "--now", "2021-04-05T06:30", "--catchup", "none", "--max-runs", "1", in: "ws").status == 0)
        #expect(try Self.history(latest).map(\.period) == ["2020-Q4", "2020", "2021-Q1"])
    }

    @Test(arguments: Backend.all)
    func aFailingReportDoesNotStopTheOthersAndIsRetriedOnceFixed(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: """
            schedule:
              on_failure: echo "failed $ACCORD_JOB $ACCORD_PERIOD" >> hooks.log
              on_recovery: echo "recovered $ACCORD_JOB $ACCORD_PERIOD" >> hooks.log
              reports:
                - report: broken
                  due: 1d 00:00
                  start: 2020-Q4
                - report: quarter-count
                  due: 1d 00:00
                  start: 2020-Q4

            """)
        defer { accord.cleanUp() }
        try accord.write("return accord.report { title = \"Broken\", grain = \"quarter\", build = function(r)\n  r:heading(nil)\nend }",
                         to: "ws/Scripts/reports/broken.lua")
        let failed = try accord.run("run-due", "--now", "2021-01-10T06:30", in: "ws")
        #expect(failed.status == 1)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr == "accord: broken 2020-Q4 failed: Scripts/reports/broken.lua:2: heading: 'text' must be a string, not nil\n")
        #expect(try Self.history(accord).map { "\($0.job) \($0.status)" } == ["broken failed", "quarter-count succeeded"])

        let still = try accord.run("run-due", "--now", "2021-01-11T06:30", in: "ws")
        #expect(still.status == 1)
        try accord.write("return accord.report { title = \"Fixed\", grain = \"quarter\", build = function(r)\n  r:heading(\"ok\")\nend }",
                         to: "ws/Scripts/reports/broken.lua")
        let fixed = try accord.run("run-due", "--now", "2021-01-12T06:30", in: "ws")
        #expect(fixed.status == 0 && fixed.stderr.isEmpty, "\(fixed.stderr)")
        #expect(try Self.history(accord).map { "\($0.job) \($0.status)" }
                == ["broken failed", "quarter-count succeeded", "broken failed", "broken succeeded"])
        #expect(try accord.read("ws/hooks.log") == "failed broken 2020-Q4\nfailed broken 2020-Q4\nrecovered broken 2020-Q4\n")
    }

    @Test(arguments: Backend.all)
    func dueTimesFollowTheZoneAcrossDaylightSaving(on backend: Backend) throws {
        // Riga moved its clocks from 03:00 to 04:00 on 28 March 2021; 03:30 did not exist that night.
        let accord = try Self.workspace(on: backend, schedule: """
            schedule:
              timezone: Europe/Riga
              reports:
                - report: quarter-count
                  due: 87d 03:30
                  start: 2020-Q4

            """)
        defer { accord.cleanUp() }
        let early = try accord.run("run-due", "--now", "2021-03-28T00:59Z", "--dry-run", in: "ws")
        #expect(early.stdout.isEmpty)
        let onTime = try accord.run("run-due", "--now", "2021-03-28T01:00Z", "--dry-run", in: "ws")
        #expect(onTime.stdout.hasPrefix("would run quarter-count for 2020-Q4 (due 2021-03-28 04:00"), "\(onTime.stdout)")
        // The same instant written in the zone's own time gives the same answer.
        let local = try accord.run("run-due", "--now", "2021-03-28T04:00", "--dry-run", in: "ws")
        #expect(local.stdout == onTime.stdout)
    }

    /// The quarterly count, produced again only when its output would change.
    static let onlyOnChange = """
        schedule:
          reports:
            - report: quarter-count
              due: 1d 00:00
              start: 2019-Q2
              only_on_change: true

        """

    @Test(arguments: Backend.all)
    func onlyOnChangeProducesAgainWhenInputsChangeAndKeepsUnchangedOutput(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: Self.onlyOnChange)
        defer { accord.cleanUp() }
        let manifest = "ws/Reports/quarter-count/2019-Q2/manifest.json"
        #expect(try accord.run("classify", "--save", in: "ws").status == 0)
        #expect(try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws").status == 0)
        let made = try accord.read(manifest)
        #expect(try accord.run("run-due", "--now", "2019-07-11T00:00", in: "ws").status == 0)
        #expect(try Self.history(accord).map(\.status) == ["succeeded"])

        // A partnership of another year: produced again, with the same content, so the folder is left as it was.
        try accord.write("""
            partnerships:
              - {id: old-deal, title: An old deal, form: mou, signed: 2016-05-02, parties: [{org: khidi, role: signatory}], sources: [krpia-open-innovation]}
            """, to: "ws/old.yaml")
        #expect(try accord.run("import", "old.yaml", in: "ws").status == 0)
        #expect(try accord.run("run-due", "--now", "2019-07-12T00:00", in: "ws").status == 0)
        #expect(try Self.history(accord).map(\.status) == ["succeeded", "unchanged"])
        #expect(try accord.read(manifest) == made)

        // A partnership added to the quarter changes the output: it is replaced.
        try accord.write("""
            partnerships:
              - {id: new-deal, title: A new deal, form: mou, signed: 2019-05-02, parties: [{org: khidi, role: signatory}], sources: [krpia-open-innovation]}
            """, to: "ws/new.yaml")
        #expect(try accord.run("import", "new.yaml", in: "ws").status == 0)
        #expect(try accord.run("run-due", "--now", "2019-07-13T00:00", in: "ws").status == 0)
        #expect(try Self.history(accord).map(\.status) == ["succeeded", "unchanged", "succeeded"])
        #expect(try accord.read(manifest) != made)
    }

    @Test(arguments: Backend.all)
    func onlyOnChangeProducesAgainAfterADeletionButNotAfterAnIdenticalImport(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: Self.onlyOnChange)
        defer { accord.cleanUp() }
        let manifest = "ws/Reports/quarter-count/2019-Q2/manifest.json"
        #expect(try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws").status == 0)
        let made = try accord.read(manifest)

        // The same data imported again changes nothing: nothing is due.
        #expect(try accord.run("import", in: "ws").status == 0)
        let dry = try accord.run("run-due", "--now", "2019-07-11T00:00", "--dry-run", in: "ws")
        #expect(dry.stdout.isEmpty, "\(dry.stdout)")

        // A partnership of the quarter deleted: produced again, and replaced.
        let deleted = try accord.run("delete", "novartis-kumc-mou-2019", in: "ws")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try accord.run("run-due", "--now", "2019-07-12T00:00", in: "ws").status == 0)
        #expect(try Self.history(accord).map(\.status) == ["succeeded", "succeeded"])
        #expect(try accord.read(manifest) != made)
    }

    @Test(arguments: Backend.all)
    func backfillHistoryAndCron(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: Self.both)
        defer { accord.cleanUp() }
        let backfill = try accord.run("backfill", "quarter-count", "--from", "2020-Q1", "--to", "2020-Q2", in: "ws")
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stdout == "quarter-count 2020-Q1: succeeded → Reports/quarter-count/2020-Q1\nquarter-count 2020-Q2: succeeded → Reports/quarter-count/2020-Q2\n")
        let again = try accord.run("backfill", "quarter-count", "--from", "2020-Q1", "--to", "2020-Q2", in: "ws")
        #expect(again.stdout.isEmpty)
        let all = try accord.run("backfill", "quarter-count", "--from", "2020-Q2", "--to", "2020-Q2", "--reprocess", "all", in: "ws")
        #expect(all.stdout == "quarter-count 2020-Q2: succeeded → Reports/quarter-count/2020-Q2\n")
        let history = try accord.run("history", "quarter-count", in: "ws")
        #expect(history.stdout.split(separator: "\n").count == 4)
        #expect(history.stdout.contains("backfill"))

        let cron = try accord.run("cron", "--at", "15 6 * * *", in: "ws")
        let root = accord.folder.appendingPathComponent("ws").standardizedFileURL.path
        #expect(cron.stdout.contains("CRON_TZ=Asia/Seoul"))
        #expect(cron.stdout.contains("15 6 * * * cd \(root) && "))
        // run-due writes its own log: the line adds no second copy of what it says.
        #expect(cron.stdout.hasSuffix("15 6 * * * cd \(root) && \(AccordProcess.binary) run-due\n"), "\(cron.stdout)")
        let systemd = try accord.run("cron", "--systemd", "--at", "15 6 * * 1", in: "ws")
        #expect(systemd.stdout.contains("OnCalendar=Mon *-*-* 6:15:00 Asia/Seoul"))
        #expect(systemd.stdout.contains("Persistent=true"))
    }

    @Test func aReportWithChartsIsRecordedByItsOwnFolder() throws {
        let accord = try Self.workspace(on: .sqlite, schedule: """
            schedule:
              reports:
                - report: quarterly
                  due: 7d 06:00
                  start: 2019-Q2
                  formats: [md, json]

            """)
        defer { accord.cleanUp() }
        let backfill = try accord.run("backfill", "quarterly", "--from", "2019-Q2", "--to", "2019-Q2", in: "ws")
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stdout == "quarterly 2019-Q2: succeeded → Reports/quarterly/2019-Q2\n")
        #expect(try Self.history(accord).map(\.output) == ["Reports/quarterly/2019-Q2"])
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/Reports/quarterly/2019-Q2/charts").path))
    }

    @Test(arguments: Backend.all)
    func cronRunsAfterTheLatestDueTimeOfTheDayAndWarnsOfABinaryInABuildFolder(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: """
            schedule:
              reports:
                - report: quarter-count
                  due: 3d 06:00
                  start: 2020-Q1
                - report: year-count
                  due: 5d 07:00
                  start: 2020

            """)
        defer { accord.cleanUp() }
        let cron = try accord.run("cron", in: "ws")
        #expect(cron.status == 0)
        #expect(cron.stdout.split(separator: "\n").last?.hasPrefix("15 7 * * * cd ") == true, "\(cron.stdout)")
        #expect(cron.stderr.contains("warning: \(AccordProcess.binary) is in a build folder (.build/)"), "\(cron.stderr)")
        #expect(cron.stderr.contains("make install"))
        // Any build folder, such as the one `make install` builds the static release in.
        let copy = accord.folder.appendingPathComponent("checkout/.build-static/release")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let binary = URL(fileURLWithPath: AccordProcess.binary)
        for name in ["accord", "Accord_accord.resources"] {
            try FileManager.default.copyItem(at: binary.deletingLastPathComponent().appendingPathComponent(name),
                                             to: copy.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = copy.appendingPathComponent("accord")
        process.arguments = ["cron"]
        process.currentDirectoryURL = accord.folder.appendingPathComponent("ws")
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let warned = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(warned.contains("is in a build folder (.build-static/)"), "\(warned)")
        // Asked for a time before a due time: said so, as that report would come a day late.
        let early = try accord.run("cron", "--at", "15 6 * * *", in: "ws")
        #expect(early.stdout.split(separator: "\n").last?.hasPrefix("15 6 * * * cd ") == true)
        #expect(early.stderr.contains("warning: year-count falls due at 07:00, after 06:15: its reports would come a day late"),
                "\(early.stderr)")
    }

    @Test(arguments: Backend.all)
    func cronComparesTimeZonesByTheirRulesNotTheirNames(on backend: Backend) throws {
        let accord = try Self.workspace(on: backend, schedule: """
            schedule:
              timezone: Etc/UTC
              reports:
                - report: quarter-count
                  due: 3d 06:00
                  start: 2020-Q1

            """)
        defer { accord.cleanUp() }
        let same = try accord.run(["cron"], in: "ws", environment: ["TZ": "UTC"])
        #expect(same.status == 0)
        #expect(!same.stdout.contains("CRON_TZ"), "\(same.stdout)")
        let other = try accord.run(["cron"], in: "ws", environment: ["TZ": "Asia/Seoul"])
        #expect(other.stdout.contains("CRON_TZ=Etc/UTC\n"), "\(other.stdout)")
    }
}
