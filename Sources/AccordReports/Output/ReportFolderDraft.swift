import Foundation

/// A report folder's new output while it is made, written as one change: each file goes into a
/// temporary folder beside it as soon as it is rendered, so that a report holds one format's
/// bytes at a time, not all of them, and `commit` renames the temporary folder into place. Until
/// then the folder is as it was; `discard` removes what was written, and what a crash leaves
/// behind, at any point, is put right by the next draft of the folder. A draft holds a lock on
/// its temporary folder while it is made, so that another run writing the same folder
/// meanwhile leaves it alone.
public final class ReportFolderDraft {
    public let folder: URL
    private let temporary: URL
    private let tag: String
    private let lock: Int32
    /// The folders above `folder` this draft made, the deepest first: a discarded draft takes
    /// them away again when they are empty, so that a failed report leaves no trace.
    private let madeFolders: [URL]
    private var finished = false

    /// Refuses a folder that is neither a report's folder (one with a `manifest.json`) nor empty.
    public init(for folder: URL) throws(ReportFolderError) {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        var missing: [URL] = [], above = parent
        while !fm.fileExists(atPath: above.path), above.path != "/" {
            missing.append(above)
            above = above.deletingLastPathComponent()
        }
        madeFolders = missing
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw ReportFolderError(folder: folder, reason: "cannot create its parent folder: \(error.localizedDescription)")
        }
        self.folder = folder
        tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(tag)")
        do throws(ReportFolderError) {
            Self.recoverLeftovers(of: folder)
            try Self.checkReplaceable(folder)
            do { try fm.createDirectory(at: temporary, withIntermediateDirectories: true) } catch {
                throw ReportFolderError(folder: folder, reason: "cannot write the files: \(error.localizedDescription)")
            }
        } catch {
            for made in missing { _ = rmdir(made.path) }
            throw error
        }
        lock = open(temporary.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if lock >= 0 { flock(lock, LOCK_EX) }
    }

    deinit {
        if lock >= 0 { close(lock) }
    }

    /// Whether a draft is being made in `temporary`: its lock is held.
    static func isInUse(_ temporary: URL) -> Bool {
        let descriptor = open(temporary.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// Writes `file` into the draft; a later file of the same name replaces it.
    public func add(_ file: RenderedFile) throws(ReportFolderError) {
        precondition(!finished, "the draft is committed or discarded")
        do {
            let url = temporary.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        } catch {
            throw ReportFolderError(folder: folder, reason: "cannot write the files: \(error.localizedDescription)")
        }
    }

    /// Puts the draft in the folder's place; the earlier output goes. On failure the earlier
    /// output stays, and the draft is discarded.
    public func commit() throws(ReportFolderError) {
        precondition(!finished, "the draft is committed or discarded")
        finished = true
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.path) else {
            do { try fm.moveItem(at: temporary, to: folder) } catch {
                try? fm.removeItem(at: temporary)
                throw ReportFolderError(folder: folder, reason: "cannot move the new files into place: \(error.localizedDescription)")
            }
            return
        }
        // rename(2) cannot replace a folder that has files: move the old one aside first.
        let old = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old-\(tag)")
        do { try fm.moveItem(at: folder, to: old) } catch {
            try? fm.removeItem(at: temporary)
            throw ReportFolderError(folder: folder, reason: "cannot move the earlier output aside: \(error.localizedDescription)")
        }
        do { try fm.moveItem(at: temporary, to: folder) } catch {
            try? fm.moveItem(at: old, to: folder)
            try? fm.removeItem(at: temporary)
            throw ReportFolderError(folder: folder, reason: "cannot move the new files into place: \(error.localizedDescription)")
        }
        try? fm.removeItem(at: old)
    }

    /// Removes what was written, unless the draft was committed.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(at: temporary)
        for made in madeFolders { _ = rmdir(made.path) }
    }

    /// After a crash: unfinished `.NAME.new-*` folders go, but for a draft being made; an
    /// earlier output moved aside as `.NAME.old-*` comes back when the folder is missing, and
    /// goes otherwise.
    private static func recoverLeftovers(of folder: URL) {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        let siblings = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        for sibling in siblings where sibling.hasPrefix(".\(name).new-") {
            let url = parent.appendingPathComponent(sibling)
            if !isInUse(url) { try? fm.removeItem(at: url) }
        }
        for sibling in siblings where sibling.hasPrefix(".\(name).old-") {
            let url = parent.appendingPathComponent(sibling)
            if !fm.fileExists(atPath: folder.path) { try? fm.moveItem(at: url, to: folder) } else { try? fm.removeItem(at: url) }
        }
    }

    private static func checkReplaceable(_ folder: URL) throws(ReportFolderError) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw ReportFolderError(folder: folder, reason: "it is a file, not a folder") }
        let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        guard contents.isEmpty || contents.contains("manifest.json") else {
            throw ReportFolderError(folder: folder, reason: "it holds files but no manifest.json, so it is not a report's folder: "
                + "choose a new or empty folder")
        }
    }
}
