import AccordCore
import Foundation

/// A private folder in the workspace's cache where fetched versions wait to
/// be loaded and checked before any of them is vendored; made only while the
/// install lock is held. Each version sits in
/// a search folder of its own, `NAME/VERSION-OR-SLOT/NAME/`.
final class PackStaging {
    let folder: URL
    private var slots = 0

    init(cache: URL) throws {
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        // The cache can always be fetched again: keep it out of the team's repository.
        let ignore = cache.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) { try? Data("*\n".utf8).write(to: ignore) }
        // Made under the install lock: any staging folder there is left by a run that was stopped.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] where name.hasPrefix("staging-") {
            VendorFolder.removeTree(cache.appendingPathComponent(name))
        }
        var template = Array(cache.appendingPathComponent("staging-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { throw SharingError("cannot make a staging folder in \(cache.path)") }
        folder = URL(fileURLWithPath: String(cString: made))
    }

    /// A new, empty search folder for one version of `name`; the pack goes in `root/NAME`.
    func newRoot(for name: String) throws -> URL {
        slots += 1
        let root = folder.appendingPathComponent(name).appendingPathComponent("\(slots)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    func remove() { VendorFolder.removeTree(folder) }
}
