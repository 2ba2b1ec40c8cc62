import AccordCore
import AccordReports
import AccordScripting
import AccordTestSupport
import Foundation

/// The sample workspace, as `accord init --sample` makes it, in a temporary folder:
/// the standard pack applied, the sample data imported, the example and report scripts,
/// its database on one back end.
struct SampleWorkspace {
    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// What the binary bundles: its packs, and the sample's scripts.
    static let bundled = root.appendingPathComponent("Sources/accord")
    /// The day after the sample's last period, as `make run` uses it.
    static let asOf = CalendarDay(year: 2026, month: 1, day: 1)!

    let folder: URL
    var workspace: Workspace
    let store: Store
    let database: BackendDatabase

    init(on backend: Backend = .sqlite) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-usecase-\(UUID().uuidString)")
        database = try BackendDatabase(backend, file: "accord.db")
        var config = WorkspaceConfig()
        config.database = database.setting
        config.packs = [PackRequirement(name: "standard", range: try VersionRange("^1.0"))]
        config.name = "Sample partnerships"
        config.data = ["data/sample"]
        workspace = try Workspace.create(at: folder.appendingPathComponent("ws"), config: config)
        workspace.bundledPacks = [Self.bundled.appendingPathComponent("Packs").path]
        store = try database.open(for: workspace)
        try store.importFiles(try copySample())
    }

    /// Applies pack `name` in `range` beside the standard pack, as an edit of `accord.yaml` does.
    mutating func apply(_ name: String, _ range: String) throws {
        let config = try read(Workspace.configName)
        let applied = config.replacingOccurrences(of: "\n  standard: ^1.0", with: "\n  standard: ^1.0\n  \(name): \(range)")
        guard applied != config else { throw CocoaError(.fileReadCorruptFile) }
        try write(applied, to: Workspace.configName)
        let bundled = workspace.bundledPacks
        workspace = try Workspace(root: workspace.root)
        workspace.bundledPacks = bundled
    }

    /// Removes the folder, and the database on the server.
    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
        database.drop()
    }

    /// A path inside the workspace.
    func path(_ relative: String) -> String { workspace.path(relative) }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    func write(_ text: String, to relative: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The workspace's packs, loaded as commands load them.
    func rulebook(asOf day: CalendarDay? = nil) throws -> Rulebook {
        try Rulebook(workspace: workspace, store: store, asOf: day ?? workspace.today(), limits: workspace.config.limits)
    }

    /// Classifies what `request` selects with the workspace's packs, doing `drafts` with draft rules, as `classify` does.
    @discardableResult
    func classify(_ request: ClassifyRequest = ClassifyRequest(save: true), threads: Int = 1, drafts: DraftRules = .excluded,
                  each: (Classification) throws -> Void = { _ in }) throws -> ClassifyOutcome {
        try classifier(threads: threads, drafts: drafts, saving: request.save).classify(request, each: each)
    }

    /// A classifier with the workspace's packs, as `classify` makes it.
    func classifier(threads: Int = 1, drafts: DraftRules = .excluded, saving: Bool = true) throws -> Classifier {
        let rulebook = try rulebook()
        let set = try rulebook.prepare(untested: saving ? .refused : .warned, drafts: drafts)
        return try Classifier(set: set, store: store, rulebook: rulebook, width: threads) {
            try Rulebook(workspace: workspace, store: store, asOf: workspace.today(), limits: workspace.config.limits,
                         budget: rulebook.engine.budget)
        }
    }

    /// A report host for periods resolved against `asOf`.
    func host(asOf day: CalendarDay = SampleWorkspace.asOf) throws -> ReportHost {
        try ReportHost(store: store, modulePaths: workspace.modulePaths, periods: workspace.periods(asOf: day),
                       limits: workspace.config.limits)
    }

    /// Brings the labels up to date and makes report `id` (a script of the reports folder) for `period`.
    @discardableResult
    func report(_ id: String, period: String, parameters: [String: String] = [:], formats: String? = nil,
                out: URL? = nil, ifChanged: Bool = false, skipIfEmpty: Bool = false,
                asOf day: CalendarDay = SampleWorkspace.asOf) throws -> (outcome: ReportOutcome, classified: ClassificationRun?) {
        let host = try host(asOf: day)
        let file = path(workspace.config.reports + "/\(id).lua")
        let script = try host.load(file, display: workspace.display(file))
        let request = ReportRequest(script: script, period: try workspace.periods(asOf: day).parse(period), parameters: parameters,
                                    formats: formats, asOf: day, folder: out, ifChanged: ifChanged, skipIfEmpty: skipIfEmpty)
        let producer = ReportProducer(workspace: workspace, store: store, host: host, limits: workspace.config.limits)
        let classified = try producer.updateLabels()
        return (try producer.produce(request), classified)
    }

    /// Copies the sample's data and scripts into the workspace; returns the data files.
    private func copySample() throws -> [String] {
        let fm = FileManager.default
        let data = URL(fileURLWithPath: path("data/sample"))
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        let sampleData = Self.bundled.appendingPathComponent("Packs/standard/tests/data")
        var copied: [String] = []
        for name in try fm.contentsOfDirectory(atPath: sampleData.path).sorted() where DataFormat(fileName: name) != nil {
            let target = data.appendingPathComponent(name)
            try fm.copyItem(at: sampleData.appendingPathComponent(name), to: target)
            copied.append(target.path)
        }
        let scripts = [("examples", URL(fileURLWithPath: path("Scripts/examples"))),
                       ("reports", URL(fileURLWithPath: path(workspace.config.reports)))]
        for (bundled, target) in scripts {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            let source = Self.bundled.appendingPathComponent("Sample/\(bundled)")
            for name in try fm.contentsOfDirectory(atPath: source.path).sorted() {
                try fm.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        }
        return copied
    }
}

