import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive Lua prompt in the sandbox, with the `accord` module and the workspace loaded.",
        discussion: """
            Expressions print their value; statements run; a chunk left open (`for i = 1, 3 do`) continues on \
            the next line. Each chunk runs under the script limits. At a terminal: line editing, history in \
            .accord/repl_history, Ctrl-C drops the line or stops the running chunk, Ctrl-D quits. Without a \
            terminal (`accord repl < lines.lua`), standard input runs line by line without prompts, and the \
            exit code is 1 when a chunk failed.
            """
    )

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "The day relative periods such as last-quarter are resolved against (YYYY-MM-DD; default today in the workspace's time zone).")
    var asOf: String?

    /// The most lines the history file keeps.
    static let historyCapacity = 1000
    static let historyFile = ".accord/repl_history"

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let day = try ReportSelection.day(asOf, workspace: workspace)
            let limits = try limitOptions.resolve(workspace)
            let store = try options.openStore(workspace)
            let host = try ScriptHost(workspace: workspace, store: store, asOf: day, limits: limits)
            let session = try ReplSession(host: host)
            session.watch = { seconds in
                let watchdog = Watchdog(seconds: seconds, script: ReplSession.chunkName)
                return { watchdog.cancel() }
            }
            let driver = ReplDriver(session: session, commands: [explainCommand(workspace, store, limits)])
            if isatty(STDIN_FILENO) != 0 {
                try interact(driver, workspace: workspace, store: store)
            } else {
                try runLines(driver)
            }
        }
    }

    /// `.explain ID`: what `accord explain ID` prints. The packs are read
    /// afresh each time, so that a pack being edited is explained as it is now.
    private func explainCommand(_ workspace: Workspace, _ store: Store, _ limits: ScriptLimits) -> ReplDriver.Command {
        ReplDriver.Command(name: "explain", argument: "ID",
                           summary: "why a partnership has its labels, as `accord explain ID` shows it") { id in
            guard !id.isEmpty else { throw UsageError("usage: .explain ID") }
            let rulebook = try Rulebook(workspace: workspace, store: store, asOf: workspace.today(), limits: limits)
            _ = try rulebook.prepare(untested: .warned, warn: warn)
            return ExplanationText(all: false).text(try explain(id, store: store, rulebook: rulebook))
        }
    }

    private func interact(_ driver: ReplDriver, workspace: Workspace, store: Store) throws {
        let counts = try store.counts()
        let name = workspace.config.name ?? workspace.root.lastPathComponent
        print("accord repl: \(name), \(counts.partnerships) partnerships, \(counts.organizations) organizations")
        print(".help lists commands and functions; Ctrl-D quits.")
        let editor = LineEditor(program: "accord", historyFile: workspace.path(Self.historyFile), capacity: Self.historyCapacity)
        Interrupts.install()
        while true {
            switch editor.read(prompt: driver.prompt) {
            case .end:
                print()
                return
            case .interrupted:
                driver.interrupt()
                print()
            case .line(let line):
                editor.remember(line)
                Interrupts.clear()
                let events = Interrupts.during(driver.session.interruption) { driver.feed(line) }
                if Interrupts.received { print() } // after the ^C the terminal showed
                if show(events) { return }
            }
        }
    }

    /// Standard input, line by line, without prompts.
    private func runLines(_ driver: ReplDriver) throws {
        var lines = String(decoding: readStandardInput(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if show(driver.feed(text)) { break }
        }
        _ = show(driver.finish())
        fflush(nil)
        if driver.failures > 0 { throw ExitCode(Exit.scriptFailed) }
    }

    /// Prints what the driver answered; true on `.quit`.
    private func show(_ events: [ReplDriver.Event]) -> Bool {
        for event in events {
            switch event {
            case .output(let text): print(text)
            case .error(let text):
                fflush(nil)
                warn(text)
            case .quit: return true
            }
        }
        return false
    }
}

/// Everything on standard input.
private func readStandardInput() -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(STDIN_FILENO, &buffer, buffer.count)
        if n > 0 {
            data.append(buffer, count: n)
        } else if n == 0 || errno != EINTR {
            return data
        }
    }
}
