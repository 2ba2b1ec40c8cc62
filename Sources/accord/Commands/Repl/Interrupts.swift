import Foundation
import LuaKit

/// Ctrl-C at the REPL: at the prompt it drops the line being typed; while a
/// chunk runs it stops the chunk.
///
/// The handler only writes raw memory (no Swift access checks, no locks), as
/// a signal handler must.
enum Interrupts {
    private nonisolated(unsafe) static let flag: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    private nonisolated(unsafe) static let target: UnsafeMutablePointer<LuaInterruption?> = {
        let p = UnsafeMutablePointer<LuaInterruption?>.allocate(capacity: 1)
        p.initialize(to: nil)
        return p
    }()

    /// Handles SIGINT from now on. Reads are not restarted after it, so the
    /// line editor returns.
    static func install() {
        _ = flag
        _ = target
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.flag.pointee = 1
            Interrupts.target.pointee?.interrupt()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since `clear()`.
    static var received: Bool { flag.pointee != 0 }

    static func clear() { flag.pointee = 0 }

    /// Runs `body`, during which Ctrl-C interrupts `script`.
    static func during<T>(_ script: LuaInterruption, _ body: () throws -> T) rethrows -> T {
        target.pointee = script
        defer { target.pointee = nil }
        return try body()
    }
}
