import AccordCore
import Foundation

/// What `accord rules add SOURCE` was given, read as a pack source: a git
/// address or repository, a `.tar.gz`, or a pack folder.
public struct PackLocation {
    public let source: PackSource
    private let root: URL

    /// Reads `text`; local paths are taken from the current folder and written
    /// relative to the workspace folder `root`.
    public init(_ text: String, subfolder: String? = nil, workspace root: URL,
                currentFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.root = root
        let lowered = String(text.lowercased().prefix { $0 != "?" && $0 != "#" })
        let isAddress = text.contains("://") || PackSource.isSCPStyle(text)
        let local = isAddress ? nil : URL(fileURLWithPath: text, relativeTo: currentFolder).standardizedFileURL
        let written = local.map { Self.relativePath(of: $0, from: root) } ?? text
        if lowered.hasSuffix(".tar.gz") || lowered.hasSuffix(".tgz") {
            source = .archive(written)
        } else if isAddress || lowered.hasSuffix(".git") || local.map(Self.isRepository) == true {
            source = .git(url: written, path: subfolder)
        } else {
            source = .folder(written)
        }
    }

    /// The pack's name as the source suggests it: a git subfolder's or
    /// repository's, an archive's file name without its version, a folder's.
    public func packName() throws -> String {
        func last(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
        switch source {
        case .git(let url, let path):
            var name = last(path ?? url.split(separator: ":").last.map(String.init) ?? url)
            if name.hasSuffix(".git") { name.removeLast(4) }
            return name
        case .archive(let location):
            var name = last(location)
            for suffix in [".tar.gz", ".tgz"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count) }
            if let dash = name.lastIndex(of: "-"), (try? SemanticVersion(String(name[name.index(after: dash)...]))) != nil {
                name = String(name[..<dash])
            }
            return name
        case .folder:
            return URL(fileURLWithPath: source.resolvedLocation(in: root)).lastPathComponent
        }
    }

    /// The range to write when none is given: `^` the newest release tag of a
    /// git source; any version (`*`) of an archive or a folder, which hold one.
    public func defaultRange() throws -> String {
        guard case .git = source else { return "*" }
        let repository = GitRepository(source: source, root: root, cache: root.appendingPathComponent(".accord/cache"))
        guard let newest = try repository.tags().map(\.version).filter({ !$0.isPrerelease }).max() else {
            throw SharingError("\(source) has no release tag vX.Y.Z: tag a version, or name a range with --version")
        }
        return "^\(newest)"
    }

    private static func isRepository(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder.appendingPathComponent(".git").path)
            || (fm.fileExists(atPath: folder.appendingPathComponent("HEAD").path)
                && fm.fileExists(atPath: folder.appendingPathComponent("objects").path))
    }

    /// `target` relative to the folder `base` (with `..` where needed).
    static func relativePath(of target: URL, from base: URL) -> String {
        let to = target.standardizedFileURL.pathComponents, from = base.standardizedFileURL.pathComponents
        var common = 0
        while common < to.count, common < from.count, to[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
