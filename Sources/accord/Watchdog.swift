import Foundation

/// The last resort behind the time limit. The limit is checked between Lua
/// instructions, so a single library call that runs away (a pathological
/// pattern match) is not interrupted; half a second after the limit the
/// watchdog ends the process with exit code 1.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    init(seconds: Double?, script: String, while doing: String = "inside a library call") {
        guard let seconds else { return }
        let grace = seconds + 0.5
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            lock.lock()
            defer { lock.unlock() }
            guard !cancelled else { return }
            let message = "\(script): time limit (\(seconds.formatted()) s) exceeded \(doing); stopped\n"
            FileHandle.standardError.write(Data(message.utf8))
            _exit(Exit.scriptFailed)
        }
    }

    /// Stops watching; after this the watchdog never fires.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}

private extension Double {
    func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}
