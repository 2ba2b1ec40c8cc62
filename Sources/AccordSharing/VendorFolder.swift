import AccordCore
import Foundation

/// The workspace's `.accord/packs`: one read-only copy of each fetched pack
/// version the lock pins, `NAME/VERSION/NAME/`.
struct VendorFolder {
    let workspace: Workspace

    /// The vendored pack folder of `name` at `version` (it may not exist).
    func packFolder(_ name: String, _ version: SemanticVersion) -> URL {
        workspace.vendoredRoot(name: name, version: version).appendingPathComponent(name)
    }

    /// Copies the pack folder `staged` in as `name` at `version`, all of it or
    /// nothing, and makes the copy read-only.
    func add(_ staged: URL, name: String, version: SemanticVersion) throws {
        let fm = FileManager.default
        let root = workspace.vendoredRoot(name: name, version: version)
        try fm.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = root.deletingLastPathComponent().appendingPathComponent(".partial-\(version)-\(getpid())")
        Self.removeTree(partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: false)
        do {
            try fm.copyItem(at: staged, to: partial.appendingPathComponent(name))
            try Self.setWritable(false, partial)
            try fm.moveItem(at: partial, to: root)
        } catch {
            Self.removeTree(partial)
            throw SharingError("cannot vendor \(name) \(version) into \(workspace.display(root.path)): \(error.localizedDescription)")
        }
    }

    /// Removes every vendored version that `keep` does not name.
    func prune(keeping keep: [String: SemanticVersion]) {
        let fm = FileManager.default
        let base = workspace.vendorFolder
        for name in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] where !name.hasPrefix(".") {
            let folder = base.appendingPathComponent(name)
            for version in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where keep[name]?.description != version {
                Self.removeTree(folder.appendingPathComponent(version))
            }
            if ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty { try? fm.removeItem(at: folder) }
        }
    }

    /// Removes a folder even where its copies were made read-only.
    static func removeTree(_ folder: URL) {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        try? setWritable(true, folder)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sets or clears the write permission of `url` and everything under it
    /// (folders last when clearing, first when setting). Links are not followed.
    static func setWritable(_ writable: Bool, _ url: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        let attributes = try fm.attributesOfItem(atPath: url.path)
        guard attributes[.type] as? FileAttributeType != .typeSymbolicLink else { return }
        let mode = (attributes[.posixPermissions] as? Int ?? 0o644)
        let changed = writable ? mode | 0o200 : mode & ~0o222
        if writable || !isDirectory.boolValue { try fm.setAttributes([.posixPermissions: changed], ofItemAtPath: url.path) }
        if isDirectory.boolValue {
            for name in try fm.contentsOfDirectory(atPath: url.path) { try setWritable(writable, url.appendingPathComponent(name)) }
            if !writable { try fm.setAttributes([.posixPermissions: changed], ofItemAtPath: url.path) }
        }
    }
}
