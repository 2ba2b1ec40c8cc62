import LuaKit

/// The bytes the host copies out of what a report script built, counted
/// against the script's memory budget: the script's Lua and the host's copies
/// of its report together stay under the one ceiling.
///
/// Counts are rough but never low: a string costs its bytes and the storage
/// around them, a list or record the size of its elements. They are charged
/// to the budget in slices, so that a copy is refused before the host holds
/// much more than the budget allows.
final class HostCopies {
    private let budget: LuaBudget
    /// The report's bytes charged to the budget.
    private(set) var charged = 0
    private var pending = 0
    /// Bytes held for rendering (`reserve`), charged to the budget until released.
    private var held = 0
    /// What the script's report costs so far, charged or not, without what is held for rendering:
    /// the size its rendered files are estimated from.
    var counted: Int { charged + pending }
    /// Where the script made what is being copied (`report.lua:12`), for the stop's message.
    var position: String?
    /// What the host was doing, for the stop's message: `rendering html`.
    var activity: String?

    /// What a string costs besides its bytes: its place in a record or list and,
    /// past 15 bytes, its storage's header and allocation.
    static let stringOverhead = 64
    /// What a value, cell or list element costs besides its strings.
    static let elementCost = 48

    init(budget: LuaBudget) { self.budget = budget }

    deinit { budget.discharge(charged + held) }

    /// Counts `bytes` more, charging the budget once a slice has gathered.
    func count(_ bytes: Int) throws(LuaError) {
        pending += bytes
        if pending >= 64 << 10 { try settle() }
    }

    func count(_ text: String) throws(LuaError) {
        try count(text.utf8.count + Self.stringOverhead)
    }

    /// Charges what is counted but not yet charged; stops the script when the
    /// budget cannot hold it.
    func settle() throws(LuaError) {
        guard pending > 0 else { return }
        guard budget.charge(pending) else {
            pending = 0
            throw limitReached()
        }
        charged += pending
        pending = 0
    }

    /// Holds `bytes` the host is about to make (a rendered file, or an estimate of one): stops
    /// when the budget cannot hold them.
    func reserve(_ bytes: Int) throws(LuaError) {
        try settle()
        guard reserveIfItFits(bytes) else { throw limitReached() }
    }

    /// Holds `bytes` when the budget holds them, and says whether it did; never stops.
    func reserveIfItFits(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard budget.charge(bytes) else { return false }
        held += bytes
        return true
    }

    /// Gives back `bytes` held before (an estimate, replaced by the real size).
    func release(_ bytes: Int) {
        let n = min(bytes, held)
        budget.discharge(n)
        held -= n
    }

    private func limitReached() -> LuaError {
        LuaError(kind: .limit, message: (position.map { "\($0): " } ?? "") + budget.memoryMessage + (activity.map { " " + $0 } ?? ""))
    }
}
