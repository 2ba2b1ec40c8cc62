import AccordCore
import AccordReports
import AccordScripting
import Foundation

/// A temporary folder of rule packs, loaded by a rule engine over `Fixture.dataset`.
final class PackFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-packs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `<root>/<path>`, creating folders.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes a pack's init.lua under `packs/<name>/`.
    func pack(_ name: String, _ source: String) throws {
        try write("packs/\(name)/init.lua", source)
    }

    func engine(limits: ScriptLimits = ScriptLimits()) throws -> RuleEngine {
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        return try RuleEngine(store: store, searchPath: [root.appendingPathComponent("packs").path],
                              displayRoot: root.path, periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!), limits: limits)
    }

    /// Loads every pack, failing on any load problem, and resolves `requirements`.
    func resolve(_ requirements: [String: String]) throws -> (RuleEngine, RuleSet) {
        let engine = try engine()
        let (packs, problems, _) = engine.discover()
        if !problems.isEmpty { throw RuleProblems(problems) }
        let set = try PackResolver(installed: packs, searched: engine.searchPath).resolve(
            try requirements.sorted { $0.key < $1.key }.map { PackRequirement(name: $0.key, range: try VersionRange($0.value)) },
            requiredBy: "test")
        try engine.activate(set)
        return (engine, set)
    }

    /// The problems loading the packs gives.
    func loadProblems() throws -> [String] {
        try engine().discover().problems.map(\.description)
    }
}

extension Fixture {
    static func partnership(_ id: String) -> Partnership {
        dataset.partnerships.first { $0.id == id }!
    }
}

/// The header most test packs share: the DSL's names as locals.
let dsl = """
    local R = accord.rules
    local rule, pack, all, any, none = R.rule, R.pack, R.all, R.any, R.none
    local mentions, form_is, involves, territory_in = R.mentions, R.form_is, R.involves, R.territory_in

    """

/// A report script loaded in a host over `Fixture.dataset` (and `more`), as of 2020-08-15.
struct FixtureReport {
    let host: ReportHost
    let script: ReportScript
    let periods = PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!)
    private let folder: PackFolder

    init(_ source: String, adding more: [Partnership] = []) throws {
        folder = try PackFolder()
        let path = try folder.write("Scripts/reports/overview.lua", source)
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        try store.upsert(Dataset(partnerships: more))
        host = try ReportHost(store: store, modulePaths: [], periods: periods)
        script = try host.load(path, display: "Scripts/reports/overview.lua")
    }

    /// The document the script builds for `period`.
    func build(_ period: String, params: [String: String] = [:]) throws -> ReportDocument {
        try host.build(script, period: try periods.parse(period), params: params)
    }
}
