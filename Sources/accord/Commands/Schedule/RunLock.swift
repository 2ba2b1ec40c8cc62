import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock of scheduled runs: `flock` on `.accord/run.lock` in the
/// workspace. The system drops it when its holder exits, however it exits, so
/// a killed run never blocks the next one.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock, or throws `Locked` at once when another process holds it.
    init(workspace root: URL) throws {
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
