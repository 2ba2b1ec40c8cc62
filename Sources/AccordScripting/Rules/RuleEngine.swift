import AccordCore
import Foundation
import LuaKit

/// Loads rule packs in the sandbox and applies them to partnerships.
///
/// Every pack file runs in its own environment of one Lua state, under the
/// script limits; so does each evaluation of one partnership. Given a budget,
/// everything the engine runs counts against it (one set of limits for a whole
/// command, shared with the command's other engines); otherwise each pack
/// file and each evaluation gets the limits afresh.
public final class RuleEngine {
    let runtime: ScriptRuntime
    /// The host's side of the rules DSL (`Rules/packs.lua`, `evaluate.lua`): describe, plan, classify, explain.
    let rulesHost: LuaReference
    /// Folders searched for packs, in order.
    public let searchPath: [String]
    /// Paths in messages are relative to this folder when inside it.
    private let displayRoot: String
    /// Folders of bundled packs, shown as `<bundled>/` in messages.
    private let bundledPacks: [String]
    private var loaded = 0
    /// The rule set `classify` and `explain` apply.
    var active: RuleSet?
    /// How `classify` evaluates the rules: compiled (the default) or by the DSL's own Lua.
    public var evaluation: RuleEvaluation = .compiled
    /// The active set compiled.
    var compiled: PlanEvaluator?

    /// - Parameters:
    ///   - searchPath: folders holding pack folders (`<folder>/<name>/init.lua`).
    ///   - modulePaths: further folders `require` searches.
    ///   - displayRoot: the workspace folder; positions are shown relative to it.
    ///   - bundledPacks: folders of the packs that come with Accord, shown as `<bundled>/`.
    ///   - budget: what every script the engine runs counts against, started
    ///     with `limits` by its owner; nil for limits counted afresh for each.
    public init(store: Store, searchPath: [String], modulePaths: [String] = [], displayRoot: String,
                bundledPacks: [String] = [], periods: PeriodContext, limits: ScriptLimits = ScriptLimits(),
                budget: LuaBudget? = nil) throws {
        var paths: [String] = []
        for path in searchPath + modulePaths where !paths.contains(path) { paths.append(path) }
        runtime = try ScriptRuntime(store: store, modulePaths: paths, periods: periods, limits: limits, budget: budget)
        rulesHost = try runtime.module.rulesHost()
        self.searchPath = searchPath
        self.displayRoot = displayRoot
        self.bundledPacks = bundledPacks
    }

    var sandbox: LuaSandbox { runtime.sandbox }
    var module: AccordModule { runtime.module }

    /// What the engine's scripts count against.
    public var budget: LuaBudget { sandbox.state.budget }

    /// A path as messages show it: relative to the workspace when inside it.
    public func display(_ path: String) -> String { Workspace.display(path, root: displayRoot, bundled: bundledPacks) }

    // MARK: Loading

    /// Every pack found on the search path, in search-path order, and the
    /// problems of those that could not be loaded, by pack (folder) name.
    public func discover() -> (packs: [Pack], problems: [RuleProblem], failed: [String: [RuleProblem]]) {
        var packs: [Pack] = []
        var failed: [String: [RuleProblem]] = [:]
        var problems: [RuleProblem] = []
        for folder in packFolders() {
            do { packs.append(try load(folder: folder)) } catch {
                failed[(folder as NSString).lastPathComponent, default: []] += error.problems
                problems += error.problems
            }
        }
        return (packs, problems, failed)
    }

    /// The pack folders on the search path: sub-folders with an `init.lua`.
    public func packFolders() -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        for root in searchPath {
            guard let names = try? fm.contentsOfDirectory(atPath: root) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let folder = (root as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: (folder as NSString).appendingPathComponent("init.lua")) {
                    found.append(folder)
                }
            }
        }
        return found
    }

    /// Runs the pack in `folder` and reads what its `init.lua` returns.
    public func load(folder: String) throws(RuleProblems) -> Pack {
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        let file = display((folder as NSString).appendingPathComponent("init.lua"))
        let source: String
        do {
            source = try String(contentsOfFile: (folder as NSString).appendingPathComponent("init.lua"), encoding: .utf8)
        } catch {
            throw RuleProblems([RuleProblem(file, "cannot read the pack: \(error.localizedDescription)")])
        }
        let digest: String
        do { digest = try PackDigest.of(folder: URL(fileURLWithPath: folder)) } catch {
            throw RuleProblems([RuleProblem(file, error.description)])
        }
        loaded += 1
        let key = "\(loaded):\(folder)"
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        do throws(LuaError) {
            let root = (folder as NSString).deletingLastPathComponent
            let environment = try runtime.makeEnvironment(modulePaths: [root])
            rulesHost.push()
            lua.getField("confine", in: -1)
            environment.push()
            lua.push((folder as NSString).lastPathComponent)
            try sandbox.state.call(arguments: 2, results: 0)
            lua.getField("describe", in: -1)
            lua.remove(at: -2)
            try sandbox.run(source, chunkName: file, environment: environment, results: 1)
            lua.push(declarationLine(of: "pack", in: source).map { "\(file):\($0)" } ?? file)
            lua.push(key)
            try sandbox.call(arguments: 3, results: 1) // under the limits: it reads the script's tables
        } catch {
            throw RuleProblems([RuleProblem(error.chunk == nil ? file : "", error.message)])
        }
        return try PackReader(lua: lua, folder: folder, file: file, digest: digest, key: key).read(at: lua.top)
    }

}

/// How a rule engine's `classify` evaluates rules. Both give the same labels, rules and
/// evidence; `explain` always traces conditions in Lua.
public enum RuleEvaluation: String, CaseIterable, Sendable {
    /// Declarative conditions evaluated in Swift, one automaton for every word sought;
    /// functions among them called in Lua when the rest has not decided.
    case compiled
    /// Every condition evaluated by the DSL's Lua (evaluate.lua): the reference.
    case interpreted
}
