import CLuaShim

/// What scripts may use, counted by one Lua state or shared by several that
/// run on different threads for one command: the memory their allocators
/// hold together with the host's copies of what scripts made (`charge`), the
/// instructions they run, and one deadline.
///
/// A state counts against its own budget unless it is given one. Thread-safe:
/// its counters are atomic. Keep it alive as long as its states (they hold it).
public final class LuaBudget: @unchecked Sendable {
    let pointer: OpaquePointer

    /// A budget with no limits; `start(_:)` sets them.
    public init() {
        guard let budget = luashim_budget_new() else { fatalError("cannot allocate a Lua budget") }
        pointer = budget
    }

    /// A budget whose limits count from now.
    public convenience init(_ limits: LuaLimits) {
        self.init()
        start(limits)
    }

    deinit { luashim_budget_free(pointer) }

    /// Sets the limits and counts from now: the instruction count starts
    /// again and the deadline is `limits.timeout` away. Memory in use stays
    /// counted. Call it while none of the budget's states runs a script.
    public func start(_ limits: LuaLimits) {
        luashim_budget_start(pointer, limits.memory.map { max(0, $0) } ?? 0,
                             UInt64(max(0, limits.instructions ?? 0)), limits.timeout ?? 0)
    }

    /// The memory ceiling in bytes; nil for none.
    public var memoryLimit: Int? {
        get { luashim_budget_limit(pointer) == 0 ? nil : luashim_budget_limit(pointer) }
        set { luashim_budget_set_limit(pointer, newValue.map { max(0, $0) } ?? 0) }
    }

    /// Bytes counted now: what the states hold (a little ahead of what they
    /// allocated) and what the host charged.
    public var memoryInUse: Int { luashim_budget_in_use(pointer) }

    /// The most bytes counted at once.
    public var peakMemory: Int { luashim_budget_peak(pointer) }

    /// Counts `bytes` the host keeps for scripts (its copies of what they
    /// built). Returns false, counting nothing, when they would take the
    /// budget past its ceiling.
    public func charge(_ bytes: Int) -> Bool {
        bytes <= 0 || luashim_budget_charge(pointer, bytes) != 0
    }

    /// Gives back bytes counted with `charge(_:)`.
    public func discharge(_ bytes: Int) {
        if bytes > 0 { luashim_budget_discharge(pointer, bytes) }
    }

    /// The message a script stopped by this budget's memory ceiling gets.
    public var memoryMessage: String { "memory limit (\(memoryLimit ?? 0) bytes) exceeded" }
}
