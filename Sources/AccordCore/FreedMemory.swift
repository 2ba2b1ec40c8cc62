import Foundation

/// The memory a process has freed, which glibc's allocator keeps for itself: pages between
/// blocks still in use, and the arenas of threads that allocated what another freed. A report
/// at a million partnerships frees hundreds of megabytes between its phases (the build's
/// frames, its Lua tables, the records read for the listing), and kept, they counted in its
/// peak memory as though still used.
public enum FreedMemory {
    /// Gives the freed pages of every arena back to the system (`malloc_trim(0)`); does
    /// nothing where the C library has no such call.
    public static func giveBack() {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }
}
