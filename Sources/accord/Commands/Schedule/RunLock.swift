import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock of scheduled runs: for a SQLite workspace `flock` on `.accord/run.lock`
/// in the workspace, for a database on a server the database's own lock (`Store.takeRunLock`),
/// which every host running reports from it shares. The system, or the server, drops it when
/// its holder exits, however it exits, so a killed run never blocks the next one.
final class RunLock {
    private let descriptor: Int32
    private let serverLock: AnyObject?

    /// Takes the lock of `store`'s workspace, or throws at once (`Locked`, `RunLockHeld`) when another process holds it.
    convenience init(workspace root: URL, store: Store) throws {
        if let held = try store.takeRunLock() {
            self.init(server: held)
        } else {
            try self.init(workspace: root)
        }
    }

    private init(server lock: AnyObject) {
        descriptor = -1
        serverLock = lock
    }

    /// Takes the workspace's file lock, or throws `Locked` at once when another process holds it.
    init(workspace root: URL) throws {
        serverLock = nil
        let folder = root.appendingPathComponent(".accord")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("run.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw UsageError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw Locked(holder: holder.flatMap { $0.isEmpty ? nil : $0 })
        }
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Another run holds the lock: exit 75.
    struct Locked: Error, CustomStringConvertible {
        let holder: String?
        var description: String {
            "another run-due or backfill is running in this workspace" + (holder.map { " (\($0))" } ?? "") + "; try again later"
        }
    }
}
