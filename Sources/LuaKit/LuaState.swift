import CLua
import CLuaShim

/// An owned Lua 5.4 state with a counting allocator and only the safe standard
/// libraries opened (base, string, table, math, utf8, coroutine, os; never io,
/// debug or package).
///
/// Not thread-safe: use a state from one thread at a time.
public final class LuaState {
    public let lua: Lua
    /// What the state counts against: its own, or one it shares with other states.
    public let budget: LuaBudget
    private let control: UnsafeMutablePointer<luashim_control>
    private var tracebackHandler: Int32 = 0

    /// A state counting against `budget`: a new one of its own unless given
    /// one to share.
    public init(budget: LuaBudget = LuaBudget()) throws(LuaError) {
        self.budget = budget
        control = .allocate(capacity: 1)
        control.initialize(to: luashim_control())
        guard let state = luashim_newstate(control, budget.pointer) else {
            control.deallocate()
            throw LuaError(kind: .memory, message: "cannot create a Lua state: out of memory")
        }
        lua = Lua(state)
        let libraries: [(String, lua_CFunction)] = [
            ("_G", luaopen_base), ("string", luaopen_string), ("table", luaopen_table),
            ("math", luaopen_math), ("utf8", luaopen_utf8), ("coroutine", luaopen_coroutine), ("os", luaopen_os),
        ]
        for (name, open) in libraries {
            luaL_requiref(state, name, open, 1)
            lua.pop()
        }
    }

    deinit {
        luashim_close(lua.state)
        control.deallocate()
    }

    // MARK: Memory and limits

    /// Bytes this state's Lua has allocated now.
    public var memoryInUse: Int { control.pointee.in_use }
    /// The most bytes this state's Lua had allocated at once.
    public var peakMemory: Int { control.pointee.peak }

    /// The budget's ceiling on memory in bytes; nil for none. Setting it
    /// takes effect at once, and enforces it until `relax()`; `start(_:)`
    /// also sets it.
    public var memoryLimit: Int? {
        get { budget.memoryLimit }
        set {
            budget.memoryLimit = newValue
            control.pointee.enforcing = newValue == nil ? 0 : 1
        }
    }

    /// Starts the budget afresh with `limits` (the timeout counts from here)
    /// and enforces them, clearing an earlier stop: for a state that counts
    /// each script on its own. Call it before running a script, and `relax()`
    /// after it: code the host runs (preludes, environments) is not limited.
    public func start(_ limits: LuaLimits) {
        budget.start(limits)
        enforce()
    }

    /// Enforces the budget's limits as they stand (its counts go on), and
    /// clears an earlier stop: for a state sharing a budget its owner started
    /// for a whole command.
    public func enforce() {
        luashim_start_limits(lua.state)
    }

    /// Stops enforcing limits: the host's own code runs unlimited, though
    /// what it allocates still counts against the budget.
    public func relax() {
        luashim_pause_limits(lua.state)
    }

    /// Runs a full garbage collection, giving what it frees back to the budget.
    /// For the host, between scripts (scripts cannot set finalizers).
    public func collectGarbage() { luashim_collect(lua.state) }

    /// The stop's message when a limit was hit, with the script's position.
    public var stopMessage: String? {
        guard control.pointee.stopped != Int32(LUASHIM_RUNNING) else { return nil }
        return withUnsafeBytes(of: control.pointee.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    // MARK: Loading and calling

    /// Compiles `source` as a text chunk (binary chunks are refused) and pushes
    /// it as a function. `chunkName` is how errors name it: a script's path.
    public func load(_ source: String, chunkName: String) throws(LuaError) {
        let status = source.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                luaL_loadbufferx(lua.state, $0.baseAddress, $0.count, "@" + chunkName, "t")
            }
        } ?? {
            var copy = source
            return copy.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    luaL_loadbufferx(lua.state, $0.baseAddress, $0.count, "@" + chunkName, "t")
                }
            }
        }()
        guard status == LUA_OK else { throw popError(status: status, handled: false) }
    }

    /// Compiles `source` like `load(_:chunkName:)` and pushes it as a
    /// function whose globals are `environment`.
    public func load(_ source: String, chunkName: String, environment: LuaReference) throws(LuaError) {
        try load(source, chunkName: chunkName)
        setEnvironment(environment)
    }

    private func setEnvironment(_ environment: LuaReference) {
        environment.push()
        _ = lua_setupvalue(lua.state, -2, 1)
    }

    /// Calls the function below `arguments` arguments on the stack under
    /// protection, leaving `results` results (or all, with nil).
    public func call(arguments: Int32 = 0, results: Int32? = 0) throws(LuaError) {
        let base = lua.top - arguments
        luashim_pushcfunction(lua.state, luashim_traceback_handler)
        luashim_insert(lua.state, base)
        let status = luashim_pcall(lua.state, arguments, results ?? LUA_MULTRET, base)
        luashim_remove(lua.state, base)
        guard status == LUA_OK else { throw popError(status: status, handled: true) }
        luashim_settle_stop(lua.state) // a refused allocation the script swallowed is still a stop
        if let stop = stopMessage {
            lua.top = base - 1
            throw LuaError(kind: .limit, message: stop)
        }
    }

    /// Loads and runs `source`, with `environment` (a registry reference to a
    /// table) as its globals when given, leaving `results` results on the stack.
    public func run(_ source: String, chunkName: String, environment: LuaReference? = nil,
                    arguments: [String] = [], results: Int32 = 0) throws(LuaError) {
        guard lua_checkstack(lua.state, Int32(clamping: arguments.count + 2)) != 0 else {
            throw LuaError(kind: .memory, message: "too many arguments for a Lua call (\(arguments.count))")
        }
        try load(source, chunkName: chunkName)
        if let environment { setEnvironment(environment) }
        for argument in arguments { lua.push(argument) }
        try call(arguments: Int32(arguments.count), results: results)
    }

    private func popError(status: Int32, handled: Bool) -> LuaError {
        let kind: LuaError.Kind = switch status {
        case LUA_ERRSYNTAX: .syntax
        case LUA_ERRMEM: .memory
        case LUA_ERRERR: .handler
        default: .runtime
        }
        let text = lua.string(at: -1) ?? "error object is a \(lua.type(at: -1).name) value"
        lua.pop()
        luashim_settle_stop(lua.state)
        var error = handled ? LuaError(kind: kind, handled: text) : LuaError(kind: kind, message: text)
        if let stop = stopMessage {
            // A limit stop wins over whatever error the script turned it into.
            error = LuaError(kind: .limit, message: stop, traceback: error.message == stop ? error.traceback : [])
        }
        return error
    }

    /// A handle that stops whatever script runs on this state, from any
    /// thread or a signal handler (Ctrl-C).
    public var interruption: LuaInterruption { LuaInterruption(state: lua.state) }

    // MARK: Globals and references

    /// Pops a value and makes it the global `name` of the state itself (not of
    /// a sandbox environment).
    public func setGlobal(_ name: String) { lua_setglobal(lua.state, name) }

    /// Pushes the global `name` of the state itself (raw: no metamethods run).
    public func getGlobal(_ name: String) {
        luashim_pushglobaltable(lua.state)
        lua.getField(name, in: -1)
        lua.remove(at: -2)
    }

    /// Pops the value on top into the registry and returns a reference to it.
    public func reference() -> LuaReference { LuaReference(state: self) }
}

/// A value kept alive in the registry of a state, for the state's lifetime or
/// until the reference is dropped.
public final class LuaReference {
    let state: LuaState
    let ref: Int32

    init(state: LuaState) {
        self.state = state
        ref = luaL_ref(state.lua.state, luashim_registryindex())
    }

    deinit { luaL_unref(state.lua.state, luashim_registryindex(), ref) }

    /// Pushes the referenced value onto the main thread.
    public func push() { push(on: state.lua) }

    /// Pushes the referenced value onto `lua`, which may be a coroutine's stack
    /// (a callback called from a coroutine must push onto that).
    public func push(on lua: Lua) { lua_rawgeti(lua.state, luashim_registryindex(), lua_Integer(ref)) }
}

/// Stops the script running on a state at its next instruction with
/// `interrupted`, as a limit stops it: `pcall` cannot swallow it. Safe to use
/// in a signal handler. Meant for while a script runs: an interruption is
/// forgotten when the next script starts, but the host's own Lua code run
/// before that (making an environment) would be stopped too.
public struct LuaInterruption: @unchecked Sendable {
    let state: OpaquePointer

    public func interrupt() { luashim_interrupt(state) }
}
