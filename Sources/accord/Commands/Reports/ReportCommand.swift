import AccordCore
import AccordPublishing
import AccordReports
import AccordScripting
import ArgumentParser
import Foundation

/// `accord report …`: render a report script for a period, or list them.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a report for a period into HTML, Markdown, CSV, JSON and PDF, or list the reports.",
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
            into place with a manifest.json; a failed run leaves the earlier output as it was. The folder keeps \
            the formats rendered before that this run does not render. Without --period, the last complete \
            period of the report's grain before --as-of. PDF is printed by headless Chromium.
            """)

    @OptionGroup var options: RulesOptions

    @OptionGroup var selection: ReportSelection

    @Option(help: "Formats to write, comma-separated: html, md, csv, json, xlsx, pdf (default: the report's, else html, md, csv, json).")
    var format: String?

    @Option(help: "The folder to write to instead of Reports/<id>/<period>/.")
    var out: String?

    @Flag(help: "Leave the folder as it is when the new output has the same content (prints nothing then).")
    var ifChanged = false

    @Flag(help: "Write nothing for a period with no partnerships, whatever the script says.")
    var skipIfEmpty = false

    func run() throws {
        try reportingErrors {
            let started = Date()
            let workspace = try options.workspace.open()
            let store = try options.workspace.openStore(workspace)
            let day = try ReportSelection.day(selection.asOf, workspace: workspace)
            let periods = workspace.periods(asOf: day)
            let limits = try options.limits.resolve(workspace)
            let host = try ReportHost(store: store, modulePaths: workspace.modulePaths, periods: periods, limits: limits)
            let script = try ReportScripts(workspace: workspace, host: host).find(selection.report)
            let parameters = try selection.parameters(for: script)
            let request = ReportRequest(script: script, period: try selection.period(for: script, periods: periods),
                                        parameters: parameters, formats: format, asOf: day,
                                        folder: out.map { URL(fileURLWithPath: $0) }, ifChanged: ifChanged,
                                        skipIfEmpty: skipIfEmpty, started: started)
            let printer = ChromiumPrinter.find(for: workspace.config)
            let producer = ReportProducer(workspace: workspace, store: store, host: host, limits: limits, printer: printer)
            let classified = try producer.updateLabels()
            // The time limit covers the whole run: building, rendering and writing.
            let watchdog = Watchdog(seconds: limits.timeout, script: script.file, while: "making the report")
            defer { watchdog.cancel() }
            let label = "\(script.id) for \(request.period.label)"
            // Without Chromium the other formats are written, then the command fails for the PDF.
            let outcome: ReportOutcome
            var unrendered: FormatsNotRendered?
            do { outcome = try producer.produce(request) } catch let partial as FormatsNotRendered {
                (outcome, unrendered) = (partial.outcome, partial)
            }
            switch outcome {
            case .skipped: warn("skipped \(label): no partnerships are filed in it")
            case .unchanged(let folder): warn("unchanged \(label): \(workspace.display(folder.standardizedFileURL.path))")
            case .written(let folder, let files):
                let shown = workspace.display(folder.standardizedFileURL.path)
                for file in files { print((shown as NSString).appendingPathComponent(file)) }
            }
            // The index pages list what the output folder holds now (none when it is not there: the report went
            // elsewhere, with --out); a report made is not undone when they cannot be written.
            let output = URL(fileURLWithPath: workspace.path(workspace.config.output))
            if FileManager.default.fileExists(atPath: output.path) {
                do { try ReportIndexWriter.update(output: output, workspace: workspace.config.name) } catch { warn("accord: \(error)") }
            }
            // Said last, after what the report printed: `run-due` reads the first line of stderr.
            if let classified {
                warn("classified \(classified.partnerships) partnership\(classified.partnerships == 1 ? "" : "s") "
                    + "new or changed since the last classification (run \(classified.id))")
            }
            if let unrendered {
                let names = unrendered.formats.map(\.rawValue).joined(separator: ", ")
                throw RenderError("the other formats were written, not \(names): \(unrendered.cause)", missingEngine: unrendered.cause.missingEngine)
            }
        }
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
