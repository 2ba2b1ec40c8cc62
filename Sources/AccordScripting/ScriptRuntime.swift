import AccordCore
import LuaKit

/// A Lua state set up for analysts' Lua: the sandbox over it, under the workspace's limits,
/// and the `accord` module loaded in it. Scripts, rule packs and reports each run on one.
final class ScriptRuntime {
    let sandbox: LuaSandbox
    let module: AccordModule

    /// - Parameters:
    ///   - modulePaths: folders `require` searches.
    ///   - budget: what everything the runtime runs counts against, started with `limits`
    ///     by its owner; nil for limits counted afresh for each script and call.
    init(store: Store, modulePaths: [String], periods: PeriodContext, limits: ScriptLimits,
         budget: LuaBudget? = nil) throws {
        let state = try budget.map { try LuaState(budget: $0) } ?? LuaState()
        sandbox = try LuaSandbox(state: state, modulePaths: modulePaths, limits: LuaLimits(limits),
                                 scope: budget == nil ? .eachCall : .budget)
        module = try AccordModule(state: state, store: store, periods: periods)
    }

    var state: LuaState { sandbox.state }

    /// A fresh environment for one script, with its own copy of the `accord` module;
    /// `modulePaths` replaces the folders its `require` searches.
    func makeEnvironment(modulePaths: [String]? = nil) throws(LuaError) -> LuaReference {
        do {
            return try sandbox.makeEnvironment(modulePaths: modulePaths) { [module] lua in module.install(in: lua) }
        } catch let error as LuaError {
            throw error
        } catch {
            throw LuaError(kind: .runtime, message: String(describing: error))
        }
    }
}
