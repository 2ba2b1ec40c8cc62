import AccordCore
import Foundation

/// A rule set described by where its packs are found and what is asked of them, to be
/// loaded in an engine of its own: one side of a `RuleSetDiff`.
///
/// Packs are taken from `folders` first, then from the folders of `searchPath`; a pack
/// found in `folders` replaces every pack of the same name on the search path. The
/// requirements are then resolved as `accord.yaml`'s are, and each chosen pack whose name
/// `digests` lists must have that digest.
public struct PackSelection: Sendable {
    /// How the comparison names this side: `the workspace`, `accord.lock`, `main`, a folder.
    public var name: String
    /// Pack folders (`<folder>/init.lua`), loaded before the search path.
    public var folders: [String]
    /// Folders holding pack folders, searched in order.
    public var searchPath: [String]
    /// The packs to apply, with the versions accepted.
    public var requirements: [PackRequirement]
    /// Who asks for `requirements`, for messages: `accord.yaml`, `accord.lock`.
    public var requiredBy: String
    /// Digests the chosen packs must have, by pack name: a lock's.
    public var digests: [String: String]
    /// Paths in messages are relative to this folder when inside it.
    public var displayRoot: String
    /// Folders of bundled packs, shown as `<bundled>/`.
    public var bundledPacks: [String]
    /// Whether the set's draft rules count: `.excluded`, as labels are saved, or `.promoted`,
    /// as if their status were changed.
    public var drafts: DraftRules = .excluded
    /// What to suggest when a pinned pack's content is not found.
    var unavailableHint = ""
    /// A temporary folder the selection's packs live in, removed with the last copy of the selection.
    var scratch: ScratchFolder?

    /// A selection of packs found on `searchPath` (after `folders`), resolved for `requirements`.
    public init(name: String, folders: [String] = [], searchPath: [String], requirements: [PackRequirement],
                requiredBy: String, digests: [String: String] = [:], displayRoot: String, bundledPacks: [String] = []) {
        self.name = name
        self.folders = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.searchPath = searchPath
        self.requirements = requirements
        self.requiredBy = requiredBy
        self.digests = digests
        self.displayRoot = displayRoot
        self.bundledPacks = bundledPacks
    }

    // MARK: The sides `accord rules diff` compares

    /// What the workspace applies now: `accord.yaml`'s packs resolved over its search path,
    /// as `Rulebook.configured()` resolves them.
    public static func workspace(_ workspace: Workspace,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) -> PackSelection {
        PackSelection(name: "the workspace", searchPath: workspace.packSearchPath(environment: environment),
                      requirements: workspace.config.packs, requiredBy: Workspace.configName,
                      displayRoot: workspace.root.path, bundledPacks: workspace.bundledPacks)
    }

    /// The packs of `folder` (a pack folder, or a folder of pack folders) in place of the
    /// packs of the same names on the workspace's search path, resolved for `accord.yaml`.
    public static func replacing(with folder: String, in workspace: Workspace,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws(PackSelectionError) -> PackSelection {
        let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
        let packs = Self.packFolders(in: url.path)
        guard !packs.isEmpty else {
            throw PackSelectionError(.usage, "\(folder) holds no pack: neither \(folder)/init.lua nor \(folder)/<name>/init.lua")
        }
        var selection = Self.workspace(workspace, environment: environment)
        selection.name = folder
        selection.folders = packs
        return selection
    }

    /// The set a lock file pins: each entry's folder (relative paths taken from the lock's
    /// folder, `<bundled>/` from the bundled packs), at the locked version, with the locked digest.
    public static func locked(by lockPath: String, name: String? = nil, bundledPacks: [String],
                              displayRoot: String? = nil) throws(PackSelectionError) -> PackSelection {
        let lock: RulesLock
        do { lock = try RulesLock.load(from: lockPath) } catch {
            throw PackSelectionError(.unavailable, error.description)
        }
        let root = URL(fileURLWithPath: lockPath).deletingLastPathComponent().standardizedFileURL
        return try locked(lock, root: root, name: name ?? lockPath, bundledPacks: bundledPacks, displayRoot: displayRoot)
    }

    /// The set `lock` pins, its relative paths taken from the folder `root` (the workspace's).
    public static func locked(_ lock: RulesLock, root: URL, name: String = RulesLock.fileName, bundledPacks: [String],
                              displayRoot: String? = nil) throws(PackSelectionError) -> PackSelection {
        var folders: [String] = []
        var requirements: [PackRequirement] = []
        var digests: [String: String] = [:]
        for entry in lock.entries {
            folders.append(Self.folder(of: entry, root: root, bundledPacks: bundledPacks))
            do { requirements.append(PackRequirement(name: entry.name, range: try VersionRange("=\(entry.version)"))) } catch {
                throw PackSelectionError(.unavailable, "\(name): pack \(entry.name): \(error)")
            }
            digests[entry.name] = entry.digest
        }
        var selection = PackSelection(name: name, folders: folders, searchPath: [], requirements: requirements,
                                      requiredBy: RulesLock.fileName, digests: digests,
                                      displayRoot: displayRoot ?? root.path, bundledPacks: bundledPacks)
        selection.unavailableHint = "; compare with the revision that locked it instead (--against REF)"
        return selection
    }

    /// The set the workspace applied at git revision `revision` of the repository holding it:
    /// its rules folder, `accord.yaml` and `accord.lock` at that revision, exported into a
    /// private temporary folder (the working tree is not touched). With a lock there, the set it
    /// pins; else `accord.yaml`'s packs resolved over that rules folder, then the workspace's
    /// other pack folders (`pack_paths`, `ACCORD_PATH`, the bundled packs) as they are now.
    public static func revision(_ revision: String, of workspace: Workspace,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws(PackSelectionError) -> PackSelection {
        let exported = try WorkspaceRevision.export(revision, of: workspace)
        let root = exported.root.path
        let display = "\(revision) (\(exported.commit.prefix(7)))"
        if FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(RulesLock.fileName)) {
            var selection = try locked(by: (root as NSString).appendingPathComponent(RulesLock.fileName), name: display,
                                       bundledPacks: workspace.bundledPacks, displayRoot: root)
            selection.requiredBy = "\(RulesLock.fileName) at \(revision)"
            selection.unavailableHint = " (a pack outside the repository changed since \(revision) locked it)"
            selection.scratch = exported.folder
            return selection
        }
        let config: WorkspaceConfig
        do { config = try WorkspaceConfig.load(from: (root as NSString).appendingPathComponent(Workspace.configName)) } catch {
            throw PackSelectionError(.unavailable, "\(Workspace.configName) at \(revision): \(error.description)")
        }
        let others = Array(workspace.packSearchPath(environment: environment).dropFirst())
        var selection = PackSelection(name: display, searchPath: (exported.rules.map { [$0] } ?? []) + others,
                                      requirements: config.packs,
                                      requiredBy: "\(Workspace.configName) at \(revision)", displayRoot: root,
                                      bundledPacks: workspace.bundledPacks)
        selection.scratch = exported.folder
        return selection
    }

    /// What `accord rules diff --against ARGUMENT` compares the workspace with: an existing
    /// file is a lock, an existing folder a pack folder or a folder of packs, anything else a
    /// git revision; without an argument, the workspace's `accord.lock`.
    public static func against(_ argument: String?, workspace: Workspace,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(PackSelectionError) -> PackSelection {
        guard let argument else {
            guard FileManager.default.fileExists(atPath: workspace.lockPath) else {
                throw PackSelectionError(.usage, "there is no \(RulesLock.fileName) to compare with: pass --against with a lock "
                    + "file, a folder of packs or a git revision (such as main or HEAD~1)")
            }
            return try locked(by: workspace.lockPath, name: RulesLock.fileName, bundledPacks: workspace.bundledPacks,
                              displayRoot: workspace.root.path)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) {
            if isFolder.boolValue { return try replacing(with: argument, in: workspace, environment: environment) }
            return try locked(by: argument, bundledPacks: workspace.bundledPacks, displayRoot: workspace.root.path)
        }
        return try revision(argument, of: workspace, environment: environment)
    }

    // MARK: Folders

    /// `folder` itself when it holds an `init.lua`, else its sub-folders that do, by name.
    static func packFolders(in folder: String) -> [String] {
        let fm = FileManager.default
        if fm.fileExists(atPath: (folder as NSString).appendingPathComponent("init.lua")) { return [folder] }
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().filter { !$0.hasPrefix(".") }.map { (folder as NSString).appendingPathComponent($0) }
            .filter { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("init.lua")) }
    }

    /// The folder a lock entry names.
    static func folder(of entry: RulesLock.Entry, root: URL, bundledPacks: [String]) -> String {
        let prefix = Workspace.bundledPrefix + "/"
        if entry.path.hasPrefix(prefix) {
            let rest = String(entry.path.dropFirst(prefix.count))
            let fm = FileManager.default
            let found = bundledPacks.map { URL(fileURLWithPath: $0).appendingPathComponent(rest).standardizedFileURL.path }
                .first { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("init.lua")) }
            if let found { return found }
            if let first = bundledPacks.first { return URL(fileURLWithPath: first).appendingPathComponent(rest).path }
        }
        return entry.folder(in: root).path
    }
}

/// Why a pack selection could not be made: a usage problem (a revision that names no
/// commit, a folder with no pack), or content that is not available (a lock whose packs changed).
public struct PackSelectionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// What was asked for does not exist or cannot be read as asked.
        case usage
        /// It exists, but not as it was: the locked content is gone, a file does not parse.
        case unavailable
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// A private temporary folder, removed when the last reference to it goes.
final class ScratchFolder: @unchecked Sendable {
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
