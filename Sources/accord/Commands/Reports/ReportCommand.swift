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

    @Option(help: "Formats to write, comma-separated: html, md, csv, json (default: the report's, else all).")
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
            let period = try readPeriod(for: script, periods: periods)
            // Labels are brought up to date first: a report never counts purposes of stale or missing labels.
            let classified: ClassificationRun?
            do { classified = try LabelUpdate(workspace: workspace, store: store, limits: limits).run() } catch {
                throw LabelsOutOfDate(cause: error)
            }
            /// Said last, after what the report printed: `run-due` reads the first line of stderr.
            func sayClassified() {
                guard let classified else { return }
                warn("classified \(classified.partnerships) partnership\(classified.partnerships == 1 ? "" : "s") "
                    + "new or changed since the last classification (run \(classified.id))")
            }
            // The time limit covers the whole run: building, rendering and writing.
            let watchdog = Watchdog(seconds: limits.timeout, script: script.file, while: "making the report")
            defer { watchdog.cancel() }
            let filed = try store.partnerships(PartnershipFilter(period: period)).count
            if (script.skipIfEmpty || skipIfEmpty) && filed == 0 {
                warn("skipped \(script.id) for \(period.label): no partnerships are filed in it")
                return sayClassified()
            }
            var document = try host.build(script, period: period, params: parameters)
            let modules = host.loadedModules.map { workspace.display($0) }.sorted()
            let classification = try ReportRunCommand.classification(of: period, in: store)
            document.source = ReportSource(asOf: day.description, timeZone: workspace.config.timeZone, parameters: parameters,
                                           script: script.file, modules: modules,
                                           digest: ReportRunCommand.digest(of: script, modules: host.loadedModules),
                                           classification: classification)
            var files = try host.render(document, script: script, as: formats(for: script))
            let entries = ReportManifest.entries(for: files, digest: ReportRunCommand.digest)
            let content = ReportManifest.contentDigest(of: entries, hash: ReportRunCommand.digest)
            let folder = out.map { URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: workspace.path(workspace.config.output))
                    .appendingPathComponent(script.id).appendingPathComponent(folderName(period, parameters))
            if ifChanged, ReportManifest.read(in: folder)?.contentDigest == content {
                warn("unchanged \(script.id) for \(period.label): \(workspace.display(folder.standardizedFileURL.path))")
                return sayClassified()
            }
            let manifest = ReportManifest(
                report: script.id, title: script.title, period: document.period, asOf: day.description,
                timeZone: workspace.config.timeZone, parameters: parameters, script: script.file, scriptDigest: document.source!.digest,
                classification: classification,
                rows: ReportRunCommand.rows(of: document), partnerships: filed,
                files: entries, contentDigest: content, generated: ISO8601DateFormatter().string(from: Date()), seconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000)
            files.append(RenderedFile(name: "manifest.json", data: try manifest.json()))
            try ReportFolder.write(files, to: folder)
            let shown = workspace.display(folder.standardizedFileURL.path)
            for file in files.map(\.name).sorted() { print((shown as NSString).appendingPathComponent(file)) }
            sayClassified()
        }
    }

    static func digest(_ data: Data) -> String { ContentDigest.sha256(data) }

    /// Where the labels of the partnerships filed in `period` come from.
    static func classification(of period: Period, in store: Store) throws -> ReportClassification {
        let provenance = try store.labelProvenance(PartnershipFilter(period: period))
        let runs = provenance.runs.isEmpty ? try store.classificationState().newest.map { [$0] } ?? [] : provenance.runs
        return ReportClassification(
            runs: runs.map(\.id),
            packs: (runs.first?.appliedPacks ?? []).map { .init(name: $0.name, version: $0.version, digest: $0.digest) },
            partnerships: provenance.partnerships, unlabelled: provenance.unlabelled, unclassified: provenance.unclassified)
    }

    /// `sha256:…` over the script's digest and each module it loaded, by file name.
    static func digest(of script: ReportScript, modules: [String]) -> String {
        var text = script.digest + "\n"
        for path in modules.sorted() {
            let contents = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            text += (path as NSString).lastPathComponent + "\u{0}" + digest(contents) + "\n"
        }
        return digest(Data(text.utf8))
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

    private func formats(for script: ReportScript) throws -> [ReportFormat] {
        var names = format.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? (script.formats.isEmpty ? ReportFormat.allCases.map(\.rawValue) : script.formats)
        var seen: Set<String> = []
        names = names.filter { seen.insert($0).inserted }
        guard !names.isEmpty else { throw UsageError("--format: name at least one of html, md, csv, json") }
        return try names.map { name in
            guard let f = ReportFormat(rawValue: name) else {
                throw UsageError("unknown format '\(name)': use html, md, csv or json"
                    + Suggestion.hint(for: name, in: ReportFormat.allCases.map(\.rawValue)))
            }
            return f
        }
    }

    /// `2019-Q4`, or `2019-khidi` for a report with parameters.
    private func folderName(_ period: Period, _ parameters: [String: String]) -> String {
        let values = parameters.sorted { $0.key < $1.key }.map(\.value)
        let safe = (([period.label] + values).joined(separator: "-")).map { c -> Character in
            c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" ? c : "_"
        }
        return String(safe)
    }

    static func rows(of document: ReportDocument) -> [String: Int] {
        var rows: [String: Int] = [:]
        for case .table(let table) in document.blocks { rows[table.id] = table.rows.count }
        return rows
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
