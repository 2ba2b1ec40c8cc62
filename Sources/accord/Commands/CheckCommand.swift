import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rule packs and scripts without running them: syntax, undefined globals, unknown fields, unused variables.",
        discussion: """
            With no paths: the packs of the rules folder, the reports folder and Scripts/examples, plus everything \
            `accord rules check` reports. Undefined globals and unused variables need luacheck (Debian: lua-check; \
            ACCORD_LUACHECK names another executable, or none); without it the other checks still run. \
            Exits 1 when there is an error (or, with --strict, a warning), 0 otherwise.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "text, or json (one object per finding and line: file, line, column, severity, code, message).")
    var format: OutputFormat = .text

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Argument(help: "Lua files or folders (default: the workspace's packs, reports and examples).")
    var paths: [String] = []

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw UsageError("no such file or folder: \(path)")
            }
            let linter = Linter(workspace: workspace)
            if linter.luacheck == nil {
                let named = ProcessInfo.processInfo.environment["ACCORD_LUACHECK"] ?? ""
                let why = switch named {
                case "": "luacheck is not installed (install it with `apt-get install lua-check`)"
                case "none": "luacheck is switched off (ACCORD_LUACHECK=none)"
                default: "ACCORD_LUACHECK=\(named) is not an executable"
                }
                warn("accord: \(why): undefined globals and unused variables are not checked")
            }
            let report = try linter.check(paths)
            for failure in report.luacheckFailures { warn("accord: \(failure)") }
            switch format {
            case .json:
                let lines = JSONLines()
                for finding in report.findings { print(try lines.line(finding)) }
            case .text:
                for finding in report.findings { print(finding.text) }
                print(summary(report))
            }
            if report.errors > 0 || (strict && report.warnings > 0) { throw ExitCode(Exit.scriptFailed) }
        }
    }

    private func summary(_ report: Linter.Report) -> String {
        let files = report.files == 1 ? "1 file" : "\(report.files) files"
        if report.findings.isEmpty { return "ok: \(files) checked" }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(report.errors, "error")), \(count(report.warnings, "warning")) in \(files)"
    }
}
