import AccordCore
import Foundation

/// What a report is made from, as files whose changes call for a new render: the
/// script, the modules it loaded, the rule packs (their folders and the lock file),
/// the workspace's settings and exchange rates, and the database with its
/// write-ahead log. Changes are seen by polling modification times and sizes.
public struct PreviewInputs: Sendable {
    /// Files watched by themselves (a missing one counts as a state too).
    public var files: [String]
    /// Folders watched with every file below them.
    public var folders: [String]

    public init(files: [String], folders: [String]) {
        self.files = files
        self.folders = folders
    }

    /// The inputs of the report `script` (absolute) in `workspace`, with the modules
    /// its last render loaded.
    public init(workspace: Workspace, script: String, modules: [String]) {
        var files = [script, workspace.root.appendingPathComponent(Workspace.configName).path, workspace.lockPath,
                     workspace.databasePath, workspace.databasePath + "-wal"]
        if let fx = workspace.config.fx { files.append(workspace.path(fx)) }
        files += modules
        // Bundled packs change only with the binary.
        let bundled = Set(workspace.bundledPacks.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        self.init(files: files, folders: workspace.packSearchPath().filter { !bundled.contains($0) })
    }

    /// How a file looked when last polled.
    public struct Stamp: Equatable, Sendable {
        var modified: Date?
        var size: Int?
    }

    /// The stamp of every watched file, by path.
    public func stamps() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for file in files { stamps[file] = Self.stamp(file) }
        let fm = FileManager.default
        for folder in folders {
            stamps[folder] = Self.stamp(folder)
            guard let walker = fm.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = (folder as NSString).appendingPathComponent(relative)
                stamps[path] = Self.stamp(path)
            }
        }
        return stamps
    }

    static func stamp(_ path: String) -> Stamp {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return Stamp() }
        return Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
    }
}
