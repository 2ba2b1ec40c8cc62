import AccordTestSupport
import Foundation
import Testing

/// End-to-end: what a new analyst meets following the README, from `make run` to a report.
@Suite struct FirstStepsWorkflowTests {
    private func sample() throws -> AccordProcess {
        let accord = try AccordProcess()
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        return accord
    }

    @Test func runningAReportScriptSaysToRenderItWithReport() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let result = try accord.run("run", "Scripts/reports/quarterly.lua", in: "ws")
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            accord: Scripts/reports/quarterly.lua is a report script: render it with `accord report quarterly --period PERIOD`

            """)
    }

    @Test func anUnknownReportListsTheReportsThatExist() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let result = try accord.run("report", "nosuch", in: "ws")
        #expect(result.status == 64)
        #expect(result.stderr == "accord: no report 'nosuch' in Scripts/reports; the reports are organization, quarterly, yearly\n")
        let near = try accord.run("report", "quartely", in: "ws")
        #expect(near.stderr.hasPrefix("accord: no report 'quartely' in Scripts/reports (did you mean 'quarterly'?)"), "\(near.stderr)")
    }

    /// The README's tour, run as written: every command succeeds, in the folder the tour
    /// makes, with the settings it adds, and prints the output lines the README shows
    /// (lines holding "…" stand for what varies or is left out).
    @Test func theReadmeTourRunsAsWritten() throws {
        let tour = try ReadmeTour()
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        var folder: String?
        var printed: [String] = []
        var commands: [String] = []
        for block in tour.blocks {
            switch block {
            case .commands(let lines):
                printed = []
                for line in lines {
                    let words = line.split(separator: " ").map { $0.hasPrefix("~/") ? String($0.dropFirst(2)) : String($0) }
                    if words.count == 2, words[0] == "cd" {
                        folder = words[1]
                        continue
                    }
                    try #require(words.count > 1 && words[0] == "accord", "not an accord command: \(line)")
                    let result = try accord.run(Array(words.dropFirst()), in: folder)
                    #expect(result.status == 0, "\(line): \(result.stderr)")
                    printed += result.stdout.components(separatedBy: "\n")
                    commands.append(words[1])
                }
            case .settings(let yaml):
                let config = (folder.map { $0 + "/" } ?? "") + "accord.yaml"
                try accord.write(try accord.read(config) + yaml, to: config)
            case .output(let lines):
                for line in lines where !line.isEmpty && !line.contains("…") {
                    #expect(printed.contains(line), "the README shows a line its commands did not print: \(line)")
                }
            }
        }
        #expect(Set(["init", "import", "classify", "explain", "report", "run-due", "cron"]).isSubset(of: commands), "\(commands)")
        let report = (folder.map { $0 + "/" } ?? "") + "Reports/quarterly/2025-Q4/report.html"
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent(report).path))
    }

    /// The repository's Makefile, run on a sample workspace with the built binary.
    @Test func makeRunEndsWithThePathOfTheReportToOpen() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["make", "--no-print-directory", "-f", root.appendingPathComponent("Makefile").path,
                          "-C", accord.folder.appendingPathComponent("ws").path, "run", "SWIFT=true", "ACCORD=\(AccordProcess.binary)"]
        let output = accord.folder.appendingPathComponent("make.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        make.standardOutput = handle
        make.standardError = FileHandle.nullDevice
        make.standardInput = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        try handle.close()
        #expect(make.terminationStatus == 0)
        let last = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        #expect(last == "Reports/quarterly/2025-Q4/report.html", "\(last)")
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/" + last).path))
    }
}
