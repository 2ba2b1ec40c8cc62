import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in the sandbox with the `accord` module loaded.",
        discussion: "Arguments after the script reach it in `arg` (arg[0] is the script). `print` writes to stdout."
    )

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "The day relative periods such as last-quarter are resolved against (YYYY-MM-DD; default today in the workspace's time zone).")
    var asOf: String?

    @Argument(help: "The script to run.")
    var script: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script.")
    var arguments: [String] = []

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            guard FileManager.default.fileExists(atPath: script) else { throw UsageError("no such script: \(script)") }
            let day: CalendarDay
            if let asOf {
                guard let d = PartialDate(asOf), d.precision == .day else {
                    throw UsageError("--as-of must be a day, YYYY-MM-DD, not '\(asOf)'")
                }
                day = d.first
            } else {
                day = workspace.today()
            }
            let limits = try limitOptions.resolve(workspace)
            let host = try ScriptHost(workspace: workspace, store: try options.openStore(workspace), asOf: day, limits: limits)
            let watchdog = Watchdog(seconds: limits.timeout, script: script)
            defer { watchdog.cancel() }
            if try host.runScript(at: script, arguments: arguments) {
                let id = ((script as NSString).lastPathComponent as NSString).deletingPathExtension
                throw UsageError("\(script) is a report script: render it with `accord report \(id) --period PERIOD`")
            }
        }
    }
}
