import AccordCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `flock` on `.accord/packs.lock`: one install, update, add or remove at a time in a
/// workspace, from its plan to its lock file. A second waits for the first; the system
/// drops the lock when its holder exits, however it exits.
final class InstallLock {
    private let descriptor: Int32

    init(workspace: Workspace) throws {
        let folder = workspace.root.appendingPathComponent(".accord")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("packs.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SharingError("cannot open \(path): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw SharingError("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
