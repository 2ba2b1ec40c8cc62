import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord repl` at a terminal, a tmux pane, typed at key by key.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, "tmux is not installed (`make deps` installs it)"))
struct ReplTerminalTests {
    @Test func querySessionWithHistoryInterruptAndQuit() throws {
        let accord = try ReplWorkflowTests.sampleWorkspace(on: .sqlite)
        defer { accord.cleanUp() }
        let tmux = try Tmux(folder: accord.folder)
        defer { tmux.stop() }
        let workspace = accord.folder.appendingPathComponent("ws").path

        try tmux.start(in: workspace, "\(AccordProcess.binary) repl --max-instructions 5M")
        try tmux.waitFor { $0.contains(".help lists commands and functions; Ctrl-D quits.") }

        try tmux.type("#accord.partnerships()")
        try tmux.waitFor { $0.lines.contains("83") }
        try tmux.type("accord.partnership(\"dksh-hanmi-sea-export-2013\")")
        try tmux.waitFor { $0.contains("  parties  DKSH Korea (distributor), Hanmi Pharmaceutical (exporter)") }

        // Up twice: the count again.
        try tmux.keys("Up", "Up", "Enter")
        try tmux.waitFor { $0.lines.filter { $0 == "83" }.count == 2 }

        // A chunk over two lines, the second after a `>>` prompt.
        try tmux.type("for i = 1, 2 do")
        try tmux.waitFor { $0.lines.last { !$0.isEmpty } == ">>" }
        try tmux.type("print('line ' .. i) end")
        try tmux.waitFor { $0.lines.contains("line 2") }

        // Ctrl-C drops what is typed; a runaway chunk is stopped and the prompt comes back.
        // Each key once the REPL has shown the last: on a busy machine a Ctrl-C sent before the
        // text reached the line editor went to the text typed after it.
        try tmux.send(literal: "this is not Lua")
        try tmux.waitFor { $0.lines.last { !$0.isEmpty } == "> this is not Lua" }
        try tmux.keys("C-c")
        try tmux.waitFor { $0.lines.last { !$0.isEmpty } == ">" }
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

        // Ctrl-C stops a running chunk.
        try tmux.type("while true do end")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.keys("C-c")
        try tmux.waitFor { $0.contains("stdin:2: interrupted") }
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

    private let configuration: URL

    init(folder: URL) throws {
        self.folder = folder
        socket = folder.appendingPathComponent("tmux.sock").path
        configuration = folder.appendingPathComponent("tmux.conf")
        try "set-option -g remain-on-exit on\n".write(to: configuration, atomically: true, encoding: .utf8)
    }

    /// Runs `command` in a new 100×40 session, through a shell that prints
    /// `exited CODE` when it ends; the pane stays on show. Sessions started
    /// before stay until `stop()`. The shell has job control, as a login
    /// shell does, so that Ctrl-C reaches the command but not the shell.
    func start(in directory: String, _ command: String) throws {
        sessions += 1
        try run(["new-session", "-d", "-s", target, "-x", "100", "-y", "40", "-c", directory,
                 "sh -c 'set -m; \(command); echo \"exited $?\"'"])
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

    func stop() { _ = try? run(["kill-server"]) }

    /// Runs `tmux ARGS...` and returns what it printed.
    ///
    /// The tmux server outlives the client that starts it and keeps what the
    /// client inherited, so the client is spawned as a terminal's shell would
    /// start it: no signal blocked or ignored (the test runner's threads
    /// block some, and a server that cannot see SIGCHLD never exits), and no
    /// descriptor but the standard three (Foundation watches a child through
    /// one, and would wait for the server too).
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let output = folder.appendingPathComponent("tmux-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let closeOthers = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done; exec tmux "$@""#
        let argv = ["/bin/bash", "-c", closeOthers, "tmux", "-S", socket, "-f", configuration.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        environment.removeValue(forKey: "ACCORD_WORKSPACE")
        if environment["TERM"] == nil || environment["TERM"] == "dumb" { environment["TERM"] = "xterm" }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw TmuxFailed(arguments: arguments, output: "posix_spawn: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else { throw TmuxFailed(arguments: arguments, output: text) }
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
