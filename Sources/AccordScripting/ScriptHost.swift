import AccordCore
import LuaKit

/// Runs analysts' scripts in the sandbox with the `accord` module loaded.
public final class ScriptHost {
    let runtime: ScriptRuntime

    /// - Parameters:
    ///   - modulePaths: folders `require` searches.
    ///   - periods: the day relative periods (`last-quarter`) are resolved
    ///     against, and the month fiscal years start in.
    ///   - limits: what each script may use before it is stopped.
    public init(store: Store, modulePaths: [String], periods: PeriodContext, limits: ScriptLimits = ScriptLimits()) throws {
        runtime = try ScriptRuntime(store: store, modulePaths: modulePaths, periods: periods, limits: limits)
    }

    /// A host for `workspace`'s scripts: its module folders, its periods as of `day`, its
    /// home country.
    public convenience init(workspace: Workspace, store: Store, asOf day: CalendarDay, limits: ScriptLimits) throws {
        try self.init(store: store, modulePaths: workspace.modulePaths, periods: workspace.periods(asOf: day), limits: limits)
        homeCountry = workspace.config.resolvedHomeCountry
    }

    var sandbox: LuaSandbox { runtime.sandbox }

    /// What `accord.names.label` calls each label (the applied packs' `labels`), by label.
    public var labelNames: [String: String] {
        get { runtime.module.labelNames }
        set { runtime.module.labelNames = newValue }
    }

    /// What `accord.home_country()` says (the workspace's `resolvedHomeCountry`).
    public var homeCountry: String? {
        get { runtime.module.homeCountry }
        set { runtime.module.homeCountry = newValue }
    }

    /// Runs the script at `path` in a fresh environment with `arg` set.
    /// Returns whether the script returned a report's definition (`return accord.report{ … }`):
    /// a report script, which only defines the report that `accord report` renders.
    @discardableResult
    public func runScript(at path: String, arguments: [String] = []) throws(LuaError) -> Bool {
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        try sandbox.runFile(path, arguments: arguments, environment: makeEnvironment(), results: 1)
        return lua.type(at: -1) == .table && lua.getField("build", in: -1) == .function
    }

    /// Runs Lua source in a fresh environment; `chunkName` names it in errors.
    public func run(_ source: String, chunkName: String) throws(LuaError) {
        try sandbox.run(source, chunkName: chunkName, environment: makeEnvironment())
    }

    func makeEnvironment() throws(LuaError) -> LuaReference { try runtime.makeEnvironment() }
}
