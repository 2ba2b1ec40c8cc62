import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord repl` at a terminal, a tmux pane, typed at key by key.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, "tmux is not installed (`make deps` installs it)"))
struct ReplTerminalTests {
    @Test func querySessionWithHistoryInterruptAndQuit() throws {
        let accord = try ReplWorkflowTests.sampleWorkspace()
        defer { accord.cleanUp() }
        let tmux = try Tmux(folder: accord.folder)
        defer { tmux.stop() }
        let workspace = accord.folder.appendingPathComponent("ws").path

        try tmux.start(in: workspace, "\(AccordProcess.binary) repl --max-instructions 5M")
        try tmux.waitFor { $0.contains(".help lists commands and functions; Ctrl-D quits.") }

        try tmux.type("#accord.partnerships()")
        try tmux.waitFor { $0.lines.contains("80") }
        try tmux.type("accord.partnership(\"dksh-hanmi-sea-export-2013\")")
        try tmux.waitFor { $0.contains("  parties  DKSH Korea (distributor), Hanmi Pharmaceutical (exporter)") }

        // Up twice: the count again.
        try tmux.keys("Up", "Up", "Enter")
        try tmux.waitFor { $0.lines.filter { $0 == "80" }.count == 2 }

        // A chunk over two lines, the second after a `>>` prompt.
        try tmux.type("for i = 1, 2 do")
        try tmux.waitFor { $0.lines.last { !$0.isEmpty } == ">>" }
        try tmux.type("print('line ' .. i) end")
        try tmux.waitFor { $0.lines.contains("line 2") }

        // Ctrl-C drops what is typed; a runaway chunk is stopped and the prompt comes back.
        try tmux.send(literal: "this is not Lua")
        try tmux.keys("C-c")
        try tmux.type("while true do end")
        try tmux.waitFor { $0.contains("stdin:6: instruction limit (5000000) exceeded") }
        try tmux.type("6 * 7")
        try tmux.waitFor { $0.lines.contains("42") }
        #expect(!(try tmux.pane()).contains("unexpected symbol"))

        try tmux.keys("C-d")
        try tmux.waitFor { $0.contains("exited 0") }

        let history = try accord.read("ws/.accord/repl_history")
        #expect(history.contains("#accord.partnerships()"))
        #expect(!history.contains("this\\040is\\040not\\040Lua"))

        // The next session starts with the history of this one, of which it
        // keeps the last thousand lines.
        let older = (1...1200).map { "older\\040line\\040\($0)" }.joined(separator: "\n")
        try accord.write(history.replacingOccurrences(of: "_HiStOrY_V2_\n", with: "_HiStOrY_V2_\n" + older + "\n"),
                         to: "ws/.accord/repl_history")
        try tmux.start(in: workspace, "\(AccordProcess.binary) repl")
        try tmux.waitFor { $0.contains("Ctrl-D quits.") }
        try tmux.keys("Up", "Enter")
        try tmux.waitFor { $0.lines.contains("42") }
        try tmux.type(".quit")
        try tmux.waitFor { $0.contains("exited 0") }
        let kept = try accord.read("ws/.accord/repl_history").split(separator: "\n")
        #expect(kept.count == 1 + 1000)
        #expect(kept.last == ".quit")
    }
}

/// A private tmux server, driving the session started last.
final class Tmux {
    static let isInstalled = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let socket: String
    let folder: URL
    private var sessions = 0
    private var target: String { "repl\(sessions)" }

    init(folder: URL) throws {
        self.folder = folder
        socket = folder.appendingPathComponent("tmux.sock").path
    }

    /// Runs `command` in a new 100×40 session, through a shell that prints
    /// `exited CODE` when it ends and keeps the window. Sessions started
    /// before stay until `stop()`. The shell has job control, as a login
    /// shell does, so that Ctrl-C reaches the command but not the shell.
    func start(in directory: String, _ command: String) throws {
        sessions += 1
        try run(["new-session", "-d", "-s", target, "-x", "100", "-y", "40", "-c", directory,
                 "sh -c 'set -m; \(command); echo \"exited $?\"; sleep 600'"])
    }

    /// Types `text` and Enter.
    func type(_ text: String) throws {
        try send(literal: text)
        try keys("Enter")
    }

    func send(literal text: String) throws { try run(["send-keys", "-t", target, "-l", text]) }

    func keys(_ names: String...) throws {
        for name in names { try run(["send-keys", "-t", target, name]) }
    }

    /// What the pane shows.
    func pane() throws -> Pane { Pane(text: try run(["capture-pane", "-p", "-t", target])) }

    /// Waits until the pane satisfies `condition`, for up to 30 seconds.
    func waitFor(_ condition: (Pane) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(30)
        var last = Pane(text: "")
        while Date() < deadline {
            last = try pane()
            if condition(last) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the pane never showed what was expected:\n\(last.text)", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    func debugList() throws -> String { try run(["list-sessions"]) }

    func stop() { try? run(["kill-server"]) }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        // The tmux server outlives the client that starts it, and would keep
        // every descriptor it inherits: one of them tells Foundation when the
        // client has exited. Only the standard three go through.
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done; exec tmux "$@""#,
                             "tmux", "-S", socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        environment.removeValue(forKey: "ACCORD_WORKSPACE")
        if environment["TERM"] == nil || environment["TERM"] == "dumb" { environment["TERM"] = "xterm" }
        process.environment = environment
        let output = folder.appendingPathComponent("tmux-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        guard process.terminationStatus == 0 else { throw TmuxFailed(arguments: arguments, output: text) }
        return text
    }
}

struct Pane {
    let text: String
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    func contains(_ s: String) -> Bool { text.contains(s) }
}

struct TmuxTimeout: Error {}

struct TmuxFailed: Error, CustomStringConvertible {
    let arguments: [String]
    let output: String
    var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(output)" }
}
