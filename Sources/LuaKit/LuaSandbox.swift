import CLuaShim
import Foundation

/// Makes environments for untrusted scripts: an allow-list of the standard
/// library, `load` restricted to text chunks, and a `require` that loads Lua
/// source modules from configured folders only.
///
/// Each environment is a fresh global table with its own copies of the library
/// tables, so what one script changes does not leak into another.
public final class LuaSandbox {
    public let state: LuaState
    /// Folders `require` searches, in order.
    public let modulePaths: [String]
    /// The limits scripts run under: with `scope` `.eachCall`, every script
    /// run by `run`, `runFile` and `call` gets them afresh; with `.budget`,
    /// the limits the state's budget was started with.
    public var limits: LuaLimits
    /// How the limits count.
    public let scope: LuaLimitScope
    private let factory: LuaReference
    private let moduleLog = ModuleLog()

    /// The files `require` has loaded so far, in the order first loaded.
    public var loadedModules: [String] { moduleLog.paths }

    /// Base functions scripts get. Missing on purpose: `dofile`, `loadfile`,
    /// `collectgarbage` (replaced by a `count`-only version), `load` (replaced
    /// by a text-only version), `require` (replaced), `setmetatable` (replaced by
    /// one that refuses `__gc`: a finalizer would run script code at any
    /// allocation, including while the host is working on the stack), `xpcall`
    /// (replaced by one that skips the handler after a limit stop).
    public static let baseFunctions = [
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget",
        "rawlen", "rawset", "select", "tonumber", "tostring", "type", "_VERSION",
    ]
    public static let libraries = ["string", "table", "math", "utf8", "coroutine"]
    public static let osFunctions = ["time", "date", "clock", "difftime"]

    public init(state: LuaState, modulePaths: [String] = [], limits: LuaLimits = .none,
                scope: LuaLimitScope = .eachCall) throws(LuaError) {
        self.state = state
        self.modulePaths = modulePaths
        self.limits = limits
        self.scope = scope
        try state.load(LuaFiles.sandbox, chunkName: "(sandbox)")
        let paths = modulePaths
        let log = moduleLog
        state.lua.push(function: { lua in
            let found = try LuaSandbox.findModule(lua, paths: paths)
            if let path = lua.string(at: -1) { log.record(path) }
            return found
        })
        state.lua.push(LuaSandbox.baseFunctions)
        state.lua.push(LuaSandbox.libraries)
        state.lua.push(LuaSandbox.osFunctions)
        luashim_pushcfunction(state.lua.state, luashim_stopped)
        luashim_pushcfunction(state.lua.state, luashim_charge)
        try state.call(arguments: 6, results: 1)
        factory = state.reference()
    }

    /// A new global table for one script. `extend` may add to it while it is on
    /// top of the stack (to install host modules). `require` searches
    /// `modulePaths` when given, else the sandbox's.
    public func makeEnvironment(modulePaths: [String]? = nil, _ extend: (Lua) throws -> Void = { _ in }) throws -> LuaReference {
        factory.push()
        if let modulePaths { state.lua.push(modulePaths) } else { state.lua.pushNil() }
        try state.call(arguments: 1, results: 1)
        try extend(state.lua)
        return state.reference()
    }

    /// Runs a script file in `environment` with `arg` set as the standalone
    /// interpreter sets it (`arg[0]` the script, `arg[1…]` the arguments).
    public func runFile(_ path: String, arguments: [String] = [], environment: LuaReference,
                        results: Int32 = 0) throws(LuaError) {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LuaError(kind: .runtime, message: "cannot read \(path): \(error.localizedDescription)")
        }
        environment.push()
        state.lua.push(arguments)
        state.lua.push(path)
        state.lua.setIndex(0)
        state.lua.setField("arg")
        state.lua.pop()
        try run(source, chunkName: path, environment: environment, arguments: arguments, results: results)
    }

    /// Runs `source` in `environment` under the limits, leaving `results`
    /// results on the stack.
    public func run(_ source: String, chunkName: String, environment: LuaReference,
                    arguments: [String] = [], results: Int32 = 0) throws(LuaError) {
        startLimits()
        defer { state.relax() }
        try state.run(source, chunkName: chunkName, environment: environment, arguments: arguments, results: results)
    }

    /// Calls the function below `arguments` arguments on the stack under the
    /// limits, leaving `results` results (or all, with nil).
    public func call(arguments: Int32, results: Int32?) throws(LuaError) {
        startLimits()
        defer { state.relax() }
        try state.call(arguments: arguments, results: results)
    }

    private func startLimits() {
        switch scope {
        case .eachCall: state.start(limits)
        case .budget: state.enforce()
        }
    }

    /// The file a module name refers to, or nil when the name is not allowed.
    /// Names are dot-separated words: `util.dates` → `util/dates.lua`.
    public static func relativePath(forModule name: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
        return valid ? parts.joined(separator: "/") + ".lua" : nil
    }

    /// `require`'s searcher: pushes the module's source and path, or raises
    /// naming every place it looked.
    static func findModule(_ lua: Lua, paths defaultPaths: [String]) throws -> Int32 {
        let name = try lua.checkString(1, function: "require")
        var paths = defaultPaths
        if lua.type(at: 2) == .table {
            paths = []
            for i in 0..<lua.length(at: 2) {
                lua.getIndex(i + 1, in: 2)
                if let path = lua.string(at: -1) { paths.append(path) }
                lua.pop()
            }
        }
        guard let relative = relativePath(forModule: name) else {
            throw LuaScriptError("module '\(name)' is not a valid module name: use dot-separated words "
                + "(letters, digits, '_' and '-'); paths, '..' and absolute names are refused")
        }
        var searched: [String] = []
        for folder in paths {
            let candidate = folder.isEmpty || folder == "." ? relative : folder + "/" + relative
            searched.append(candidate)
            if let source = try? String(contentsOfFile: candidate, encoding: .utf8) {
                lua.push(source)
                lua.push(candidate)
                return 2
            }
        }
        let tried = searched.isEmpty ? "\n\tno module paths are configured" : searched.map { "\n\tno file '\($0)'" }.joined()
        throw LuaScriptError("module '\(name)' not found:" + tried)
    }
}

/// How the limits of a sandbox count.
public enum LuaLimitScope: Sendable {
    /// Each script and call gets the limits afresh: its own instruction count
    /// and timeout.
    case eachCall
    /// Every script and call counts against the state's budget as its owner
    /// started it: one instruction count, one deadline and one memory ceiling
    /// for a whole command, which other states may share.
    case budget
}

/// The files `require` loaded, for digests of everything a script ran.
private final class ModuleLog {
    private(set) var paths: [String] = []

    func record(_ path: String) {
        if !paths.contains(path) { paths.append(path) }
    }
}
