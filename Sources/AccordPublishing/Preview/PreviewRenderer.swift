import AccordCore
import AccordPreview
import AccordScripting
import Foundation

/// The report a preview shows: which script, for which period, how.
public struct PreviewRequest {
    /// The workspace as the preview started; each render reads its `accord.yaml` again.
    public var workspace: Workspace
    /// The database, opened once: a change of `database` in `accord.yaml` needs a new preview.
    public var store: Store
    /// The script file, absolute.
    public var script: String
    public var period: Period
    public var parameters: [String: String]
    /// The day relative periods were resolved against.
    public var asOf: CalendarDay
    /// The limits a render runs under in a workspace (its `limits` with the command's flags), as
    /// `accord report` runs.
    public var limits: (Workspace) throws -> ScriptLimits

    public init(workspace: Workspace, store: Store, script: String, period: Period, parameters: [String: String],
                asOf: CalendarDay, limits: @escaping (Workspace) throws -> ScriptLimits) {
        self.workspace = workspace
        self.store = store
        self.script = script
        self.period = period
        self.parameters = parameters
        self.asOf = asOf
        self.limits = limits
    }

    /// The workspace with its `accord.yaml` read again.
    func reread() throws -> Workspace {
        var current = try Workspace(root: workspace.root)
        current.bundledPacks = workspace.bundledPacks
        return current
    }

    /// The database and its write-ahead log.
    var databaseFiles: [String] { [workspace.databasePath, workspace.databasePath + "-wal"] }
}

/// Renders the report once, as `accord report` does — labels brought up to date, a
/// new sandbox under the workspace's limits, the normal producer — into a private
/// folder, and reads the files back.
final class PreviewRenderer {
    /// What one render came to, with the modules the script loaded (for the watcher).
    struct Outcome {
        var result: Result<PreviewRender, RenderFailure>
        /// The workspace as the render read it, or as last read when it could not be read.
        var workspace: Workspace
        var modules: [String]
        var seconds: Double
        /// How many partnerships bringing the labels up to date classified (and saved), if any.
        var classified: Int?
    }

    struct RenderFailure: Error {
        var message: String
    }

    /// Started around building and rendering, as `accord report` starts it: returns the
    /// function that stops it. Given the time limit and the script's name.
    typealias Watchdog = (_ seconds: Double?, _ script: String) -> () -> Void

    let request: PreviewRequest
    let folder: URL
    /// The workspace as the last render read it.
    private(set) var workspace: Workspace
    private let watchdog: Watchdog
    private let describe: (Error) -> String

    init(request: PreviewRequest, folder: URL, watchdog: @escaping Watchdog, describe: @escaping (Error) -> String) {
        self.request = request
        self.folder = folder
        workspace = request.workspace
        self.watchdog = watchdog
        self.describe = describe
    }

    func render() -> Outcome {
        let started = Date()
        var modules: [String] = []
        var classified: Int?
        let result: Result<PreviewRender, RenderFailure>
        do {
            workspace = try request.reread()
            result = .success(try produce(started: started, modules: &modules, classified: &classified))
        } catch let failure as RenderFailure {
            result = .failure(failure)
        } catch {
            result = .failure(RenderFailure(message: describe(error)))
        }
        return Outcome(result: result, workspace: workspace, modules: modules, seconds: Date().timeIntervalSince(started),
                       classified: classified)
    }

    private func produce(started: Date, modules: inout [String], classified: inout Int?) throws -> PreviewRender {
        let (r, workspace) = (request, workspace)
        let limits = try r.limits(workspace)
        let host = try ReportHost(store: r.store, modulePaths: workspace.modulePaths, periods: workspace.periods(asOf: r.asOf),
                                  limits: limits)
        defer { modules = host.loadedModules }
        let script = try host.load(r.script, display: workspace.display(r.script))
        guard r.period.grain == script.grain || r.period.grain == .span else {
            throw RenderFailure(message: "\(script.file): report \(script.id) now covers a \(script.grain.rawValue) at a time; "
                + "\(r.period.label) is a \(r.period.grain.rawValue) (start the preview again with another --period)")
        }
        let producer = ReportProducer(workspace: workspace, store: r.store, host: host, limits: limits,
                                      printer: ChromiumPrinter.find(for: workspace.config))
        classified = try producer.updateLabels()?.partnerships
        let stop = watchdog(limits.timeout, script.file)
        defer { stop() }
        let request = ReportRequest(script: script, period: r.period, parameters: r.parameters, formats: Self.formats(for: script),
                                    asOf: r.asOf, folder: folder, started: started)
        let outcome: ReportOutcome
        // A PDF the machine cannot print is left out; the page is what the preview shows.
        do { outcome = try producer.produce(request) } catch let partial as FormatsNotRendered { outcome = partial.outcome }
        guard case .written(let written, let names) = outcome else {
            throw RenderFailure(message: "\(script.file): no partnerships are filed in \(r.period.label) and the report "
                + "skips periods without any (skip_if_empty), so there is nothing to show")
        }
        var files: [String: Data] = [:]
        for name in names { files[name] = try Data(contentsOf: written.appendingPathComponent(name)) }
        return PreviewRender(files: files)
    }

    /// The script's formats, with HTML among them: the page the preview shows.
    static func formats(for script: ReportScript) -> String? {
        guard !script.formats.isEmpty, !script.formats.contains("html") else { return nil }
        return (script.formats + ["html"]).joined(separator: ",")
    }
}

extension PreviewRenderer.RenderFailure: CustomStringConvertible {
    var description: String { message }
}
