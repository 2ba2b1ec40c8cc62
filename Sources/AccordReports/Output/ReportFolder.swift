import Foundation

/// Writes a report's files into its folder as one change: into a temporary
/// folder beside it first, then renamed into place. A failure before the
/// rename leaves the previous output as it was.
public enum ReportFolder {
    public static func write(_ files: [RenderedFile], to folder: URL) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(tag)")
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
                let url = temporary.appendingPathComponent(file.name)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        guard fm.fileExists(atPath: folder.path) else {
            try fm.moveItem(at: temporary, to: folder)
            return
        }
        // rename(2) cannot replace a folder that has files: move the old one aside first.
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(tag)")
        try fm.moveItem(at: folder, to: old)
        do { try fm.moveItem(at: temporary, to: folder) } catch {
            try? fm.moveItem(at: old, to: folder)
            try? fm.removeItem(at: temporary)
            throw error
        }
        try? fm.removeItem(at: old)
    }
}
