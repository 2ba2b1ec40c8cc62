import AccordTestSupport
import Foundation
import Testing

/// Long work shows one updating line on stderr when asked (`--progress`), by default only on a
/// terminal: under cron, nothing but what the command says anyway.
@Suite(.serialized) struct ProgressWorkflowTests {
    @Test("import, classify and backfill show their progress when asked, and nothing more when not")
    func longWorkShowsItsProgressWhenAsked() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let imported = try accord.run("import", "--progress", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains(/\rimport: [0-9,]+ records in [0-9.]+ s\s*\n/), "\(imported.stderr)")

        let classified = try accord.run("classify", "--save", "--progress", in: "ws")
        #expect(classified.status == 0, "\(classified.stderr)")
        #expect(classified.stderr.contains(/\rclassify: 83 of 83 partnerships \(100%\) in [0-9.]+ s\s*\n/), "\(classified.stderr)")

        let quiet = try accord.run("classify", "--save", in: "ws")
        #expect(!quiet.stderr.contains("classify:") && !quiet.stderr.contains("\r"), "not a terminal: \(quiet.stderr)")
        let refused = try accord.run("classify", "--save", "--no-progress", in: "ws")
        #expect(!refused.stderr.contains("\r"))

        try accord.write(try accord.read("ws/accord.yaml") + """
            schedule:
              reports:
                - report: quarterly
                  due: 3d 06:00
                  start: 2019-Q1

            """, to: "ws/accord.yaml")
        let backfill = try accord.run("backfill", "quarterly", "--from", "2019-Q1", "--to", "2019-Q4", "--progress", in: "ws")
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stderr.contains("backfill quarterly: 4 of 4 periods (100%) in"), "\(backfill.stderr)")
        #expect(backfill.stdout.contains("quarterly 2019-Q4: succeeded"), "\(backfill.stdout)")
    }

    @Test("At a terminal the line shows by itself, and stays there, whole, when the work is done")
    func atATerminalTheLineShowsByItself() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let tmux = try Tmux(folder: accord.folder)
        defer { tmux.stop() }
        // stdout goes to a file; stderr is the terminal. The pane is read while its shell still runs:
        // once it has ended, tmux shows it from its second line.
        try tmux.start(in: accord.folder.appendingPathComponent("ws").path, "\(AccordProcess.binary) classify --save > summary.txt; sleep 20")
        try tmux.waitFor { $0.text.contains("classify: 83 of 83 partnerships (100%) in ") }
        #expect(try tmux.pane().text.contains("saved "))
    }

    @Test("Opening a database of an earlier Accord says at a terminal which migrations upgrade it, and under cron nothing")
    func anUpgradeIsSaidAtATerminal() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let old = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AccordCoreTests/Fixtures/before-clustering.db")
        let database = accord.folder.appendingPathComponent("ws/accord.db")
        func putOldDatabase() throws {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
            try FileManager.default.copyItem(at: old, to: database)
        }

        try putOldDatabase()
        let quiet = try accord.run("export", in: "ws")
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "not a terminal: \(quiet.stderr)")

        try putOldDatabase()
        let tmux = try Tmux(folder: accord.folder)
        defer { tmux.stop() }
        try tmux.start(in: accord.folder.appendingPathComponent("ws").path, "\(AccordProcess.binary) export > out.json; sleep 20")
        try tmux.waitFor { $0.text.contains("accord: upgrading the database for this version of Accord (clustered, ") }
        // The line is wider than the pane, which wraps it.
        #expect(try tmux.pane().text.replacingOccurrences(of: "\n", with: "")
                .contains("filing-order, complete-runs, tag-lower, form-status-unindexed)"))
    }
}
