import AccordCore
import AccordReports
import AccordScripting
import ArgumentParser
import Foundation

/// `accord report …`: render a report script for a period, or list them.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a report for a period into HTML, Markdown, CSV and JSON, or list the reports.",
        subcommands: [ReportRunCommand.self, ReportListCommand.self],
        defaultSubcommand: ReportRunCommand.self
    )
}

struct ReportRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Render one report for one period (the default: `accord report ID --period P`).",
        discussion: """
            The report goes to Reports/<id>/<period>/ (or --out), written to a temporary folder and renamed \
            into place with a manifest.json; a failed run leaves the earlier output as it was. Without \
            --period, the last complete period of the report's grain before --as-of.
            """)

    @OptionGroup var options: RulesOptions

    @Argument(help: "A report id (from `accord report list`) or a report script file.")
    var report: String

    @Option(help: "The period: 2019-Q4, 2019-06, 2019, FY2020-Q1, last-quarter, ytd, 2020-01-01..2020-03-15.")
    var period: String?

    @Option(help: "The day relative periods are resolved against (YYYY-MM-DD; default today in the workspace's time zone).")
    var asOf: String?

    @Option(help: "Formats to write, comma-separated: html, md, csv, json, xlsx (default: the report's, else all).")
    var format: String?

    @Option(help: "The folder to write to instead of Reports/<id>/<period>/.")
    var out: String?

    @Option(name: .customLong("param"), help: "A parameter the report declares, as name=value (repeatable).")
    var params: [String] = []

    @Flag(help: "Leave the folder as it is when the new output has the same content (prints nothing then).")
    var ifChanged = false

    @Flag(help: "Write nothing for a period with no partnerships, whatever the script says.")
    var skipIfEmpty = false

    func run() throws {
        try reportingErrors {
            let started = Date()
            let workspace = try options.workspace.open()
            let store = try options.workspace.openStore(workspace)
            let day = try ReportRunCommand.day(asOf, workspace: workspace)
            let periods = workspace.periods(asOf: day)
            let limits = try options.limits.resolve(workspace)
            let host = try ReportHost(store: store, modulePaths: workspace.modulePaths, periods: periods, limits: limits)
            let script = try ReportScripts(workspace: workspace, host: host).find(report)
            let parameters = try readParameters(for: script)
            let request = ReportRequest(script: script, period: try readPeriod(for: script, periods: periods),
                                        parameters: parameters, formats: format, asOf: day,
                                        folder: out.map { URL(fileURLWithPath: $0) }, ifChanged: ifChanged,
                                        skipIfEmpty: skipIfEmpty, started: started)
            let producer = ReportProducer(workspace: workspace, store: store, host: host, limits: limits)
            let classified = try producer.updateLabels()
            // The time limit covers the whole run: building, rendering and writing.
            let watchdog = Watchdog(seconds: limits.timeout, script: script.file, while: "making the report")
            defer { watchdog.cancel() }
            let label = "\(script.id) for \(request.period.label)"
            switch try producer.produce(request) {
            case .skipped: warn("skipped \(label): no partnerships are filed in it")
            case .unchanged(let folder): warn("unchanged \(label): \(workspace.display(folder.standardizedFileURL.path))")
            case .written(let folder, let files):
                let shown = workspace.display(folder.standardizedFileURL.path)
                for file in files { print((shown as NSString).appendingPathComponent(file)) }
            }
            // Said last, after what the report printed: `run-due` reads the first line of stderr.
            if let classified {
                warn("classified \(classified.partnerships) partnership\(classified.partnerships == 1 ? "" : "s") "
                    + "new or changed since the last classification (run \(classified.id))")
            }
        }
    }

    static func day(_ text: String?, workspace: Workspace) throws -> CalendarDay {
        guard let text else { return workspace.today() }
        guard let d = PartialDate(text), d.precision == .day else { throw UsageError("--as-of must be a day, YYYY-MM-DD, not '\(text)'") }
        return d.first
    }

    private func readParameters(for script: ReportScript) throws -> [String: String] {
        var out: [String: String] = [:]
        let declared = script.params.map(\.name)
        for item in params {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UsageError("--param must be name=value, not '\(item)'")
            }
            let name = String(item[..<eq])
            guard declared.contains(name) else {
                let known = declared.isEmpty ? "it takes none" : "it takes " + declared.joined(separator: ", ")
                throw UsageError("report \(script.id) has no parameter '\(name)' (\(known))" + Suggestion.hint(for: name, in: declared))
            }
            out[name] = String(item[item.index(after: eq)...])
        }
        if let missing = script.params.first(where: { out[$0.name] == nil }) {
            throw UsageError("report \(script.id) needs --param \(missing.name)=… (\(missing.description))")
        }
        return out
    }

    private func readPeriod(for script: ReportScript, periods: PeriodContext) throws -> Period {
        let text = period ?? "last-\(script.grain.rawValue)"
        let parsed: Period
        do { parsed = try periods.parse(text) } catch { throw UsageError("--period: \(error)") }
        guard parsed.grain == script.grain || parsed.grain == .span else {
            throw UsageError("report \(script.id) covers a \(script.grain.rawValue) at a time; \(parsed.label) is a \(parsed.grain.rawValue)")
        }
        return parsed
    }
}

struct ReportListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the report scripts of the workspace.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let workspace = try options.workspace.open()
            let store = try options.workspace.openStore(workspace)
            let host = try ReportHost(store: store, modulePaths: workspace.modulePaths,
                                      periods: workspace.periods(asOf: workspace.today()), limits: try options.limits.resolve(workspace))
            let (scripts, problems) = ReportScripts(workspace: workspace, host: host).all()
            print(table(["REPORT", "GRAIN", "PARAMETERS", "FILE", "TITLE"], scripts.map {
                [$0.id, $0.grain.rawValue, $0.params.map(\.name).joined(separator: ","), $0.file, $0.title]
            }))
            for problem in problems { warn("not loaded: \(problem)") }
        }
    }
}
