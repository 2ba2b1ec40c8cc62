/// What a script may use before it is stopped. Nil means no limit.
///
/// A stopped script cannot carry on: `pcall`, `xpcall` and coroutines see the
/// stop raised again at every instruction they try to run.
public struct LuaLimits: Equatable, Sendable {
    /// Lua VM instructions, checked every 10,000.
    public var instructions: Int?
    /// Wall-clock seconds, checked every 10,000 instructions (so also while a
    /// script loops in pure Lua; a single library call such as a pattern match
    /// is not interrupted).
    public var timeout: Double?
    /// Bytes Lua may hold at once, garbage included (a full collection runs
    /// before an allocation is refused).
    public var memory: Int?

    public init(instructions: Int? = nil, timeout: Double? = nil, memory: Int? = nil) {
        self.instructions = instructions
        self.timeout = timeout
        self.memory = memory
    }

    public static let none = LuaLimits()
}
