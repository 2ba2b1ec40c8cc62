import Foundation

/// Writes a report's files into its folder as one change: into a temporary
/// folder beside it first, then renamed into place. A failure before the
/// rename leaves the previous output as it was; what a crash between the two
/// renames leaves behind is put right by the next write.
public enum ReportFolder {
    /// Refuses to replace anything but a report folder (one with a
    /// `manifest.json`) or an empty folder.
    public static func write(_ files: [RenderedFile], to folder: URL) throws(ReportFolderError) {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw ReportFolderError(folder: folder, reason: "cannot create its parent folder: \(error.localizedDescription)")
        }
        recoverLeftovers(of: folder)
        try checkReplaceable(folder)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = parent.appendingPathComponent(".\(name).new-\(tag)")
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
                let url = temporary.appendingPathComponent(file.name)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw ReportFolderError(folder: folder, reason: "cannot write the files: \(error.localizedDescription)")
        }
        guard fm.fileExists(atPath: folder.path) else {
            do { try fm.moveItem(at: temporary, to: folder) } catch {
                try? fm.removeItem(at: temporary)
                throw ReportFolderError(folder: folder, reason: "cannot move the new files into place: \(error.localizedDescription)")
            }
            return
        }
        // rename(2) cannot replace a folder that has files: move the old one aside first.
        let old = parent.appendingPathComponent(".\(name).old-\(tag)")
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

    /// After a crash: unfinished `.NAME.new-*` folders go; an earlier output
    /// moved aside as `.NAME.old-*` comes back when the folder is missing,
    /// and goes otherwise.
    static func recoverLeftovers(of folder: URL) {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        let siblings = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        for sibling in siblings where sibling.hasPrefix(".\(name).new-") {
            try? fm.removeItem(at: parent.appendingPathComponent(sibling))
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

/// A report folder that could not be written; the earlier output is as it was.
public struct ReportFolderError: Error, CustomStringConvertible, Sendable {
    public let folder: URL
    public let reason: String
    public var description: String { "cannot write the report to \(folder.path): \(reason)" }
}
