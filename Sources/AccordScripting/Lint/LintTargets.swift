import AccordCore
import Foundation

/// A Lua file `accord check` looks at, and what kind of script it is.
public struct LintTarget: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A file of the rule pack in `folder` (its `init.lua` or a helper module).
        case pack(folder: String)
        /// A report script, or a module of the reports folder.
        case report
        /// A script `accord run` runs, which also gets `arg`.
        case script
    }

    /// Absolute.
    public let path: String
    public let kind: Kind
}

extension LintTarget {
    /// The Lua files of `paths` (files or folders, searched recursively), or
    /// by default those of the workspace's rules and reports folders and of
    /// `Scripts/examples`. Hidden files and folders are skipped.
    public static func collect(_ paths: [String], in workspace: Workspace) -> [LintTarget] {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let roots = paths.isEmpty
            ? [workspace.config.rules, workspace.config.reports, examplesFolder].map { URL(fileURLWithPath: workspace.path($0)).standardizedFileURL.path }
            : paths.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL.path }
        var seen = Set<String>()
        var targets: [LintTarget] = []
        for root in roots {
            for file in luaFiles(under: root) where seen.insert(file).inserted {
                targets.append(LintTarget(path: file, kind: kind(of: file, in: workspace)))
            }
        }
        return targets
    }

    /// Where `accord init --sample` puts the example scripts.
    public static let examplesFolder = "Scripts/examples"

    static func kind(of file: String, in workspace: Workspace) -> Kind {
        let reports = URL(fileURLWithPath: workspace.path(workspace.config.reports)).standardizedFileURL.path + "/"
        if file.hasPrefix(reports) { return .report }
        let root = workspace.root.path
        var folder = (file as NSString).deletingLastPathComponent
        while folder != "/" && folder != root && !folder.isEmpty {
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("init.lua")) {
                return .pack(folder: folder)
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return .script
    }

    /// `.lua` files at or below `path`, sorted; symbolic links are followed,
    /// each real folder once.
    static func luaFiles(under path: String) -> [String] {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [path] }
        var found: [String] = []
        var visited = Set<String>()
        func walk(_ folder: String, depth: Int) {
            guard depth < 20, visited.insert(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path).inserted,
                  let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = (folder as NSString).appendingPathComponent(name)
                var childIsFolder: ObjCBool = false
                guard fm.fileExists(atPath: child, isDirectory: &childIsFolder) else { continue }
                if childIsFolder.boolValue {
                    walk(child, depth: depth + 1)
                } else if name.hasSuffix(".lua") {
                    found.append(child)
                }
            }
        }
        walk(path, depth: 0)
        return found
    }
}
