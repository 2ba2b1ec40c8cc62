import AccordCore
import AccordScripting
import AccordSharing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The repository's root, and the packs the binary bundles.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundledPacks = root.appendingPathComponent("Sources/accord/Packs").path
}

/// A temporary folder holding a workspace and the places its packs come from.
final class SharingFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-sharing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        _ = try? runTool("chmod", ["-R", "u+w", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    /// A new workspace in `name` whose `accord.yaml` applies `packs` (the lines under `packs:`).
    func workspace(_ name: String = "ws", packs: String) throws -> SharingWorkspace {
        try SharingWorkspace(folder: url.appendingPathComponent(name), packs: packs)
    }

    /// A git repository in `name` where packs are published.
    func repository(_ name: String) throws -> PackRepository {
        try PackRepository(folder: url.appendingPathComponent(name))
    }
}

/// A workspace with an empty database, opened as commands open it.
struct SharingWorkspace {
    let root: URL
    let store: Store

    init(folder: URL, packs: String) throws {
        root = folder
        let created = try Workspace.create(at: folder, config: WorkspaceConfig())
        store = try Store(path: created.databasePath)
        try setPacks(packs)
    }

    func workspace() throws -> Workspace {
        var workspace = try Workspace(root: root)
        workspace.bundledPacks = [Repository.bundledPacks]
        return workspace
    }

    /// Replaces `packs:` in `accord.yaml` with `lines`.
    func setPacks(_ lines: String) throws {
        let path = root.appendingPathComponent(Workspace.configName)
        let text = try String(contentsOf: path, encoding: .utf8)
        var kept: [String] = [], skipping = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("packs:") { skipping = true; continue }
            if skipping && line.hasPrefix(" ") { continue }
            skipping = false
            kept.append(line)
        }
        try (kept.joined(separator: "\n") + "packs:\n" + lines).write(to: path, atomically: true, encoding: .utf8)
    }

    func installer() throws -> PackInstaller {
        let workspace = try workspace()
        return PackInstaller(workspace: workspace, store: store, limits: workspace.config.limits)
    }

    /// Installs as `accord rules install` does (or with `mode`).
    @discardableResult
    func install(_ mode: PackInstaller.Mode = .install) throws -> [InstallPlan.Change] {
        let installer = try installer()
        return try installer.apply(try installer.plan(mode))
    }

    func lock() throws -> RulesLock { try RulesLock.load(from: try workspace().lockPath) }

    /// The packs the workspace applies, after every check `classify` makes.
    func applied() throws -> [String: String] {
        let workspace = try workspace()
        let rulebook = try Rulebook(workspace: workspace, store: store, asOf: workspace.today(), limits: workspace.config.limits)
        let set = try rulebook.configured()
        let problems = rulebook.lockProblems(set)
        guard problems.isEmpty else { throw RuleProblems(problems) }
        return Dictionary(uniqueKeysWithValues: set.packs.map { ($0.name, "\($0.version)") })
    }
}

/// A git repository of packs, each in a folder of its own, published by tags.
struct PackRepository {
    let folder: URL
    var url: String { "file://" + folder.path }

    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    /// Writes pack `name` at `version` (requiring `requires`, with one rule firing on `word`), commits and tags it.
    func publish(_ name: String, _ version: String, requires: [String: String] = [:], word: String = "export",
                 tag: String? = nil, extra: String = "") throws {
        try write(PackRepository.pack(name, version, requires: requires, word: word, extra: extra), to: "\(name)/init.lua")
        try git("add", "-A")
        try git("-c", "user.email=bd@example.org", "-c", "user.name=BD", "commit", "-q", "--allow-empty", "-m", "\(name) \(version)")
        try git("tag", "-f", tag ?? "\(name)/v\(version)")
    }

    func write(_ text: String, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try runTool("git", ["-C", folder.path] + arguments)
    }

    /// The text of a small pack.
    static func pack(_ name: String, _ version: String, requires: [String: String] = [:], word: String = "export",
                     extra: String = "") -> String {
        let requirements = requires.sorted { $0.key < $1.key }.map { "[\"\($0.key)\"] = \"\($0.value)\"" }.joined(separator: ", ")
        return """
            local R = accord.rules
            -- \(extra)
            return R.pack {
              name = "\(name)", version = "\(version)",
              labels = { ["\(name)_hit"] = "What \(name) finds" },
              requires = { \(requirements) },
              rules = {
                R.rule { id = "finds", label = "\(name)_hit", status = "experimental", when = R.mentions "\(word)" },
              },
            }

            """
    }
}

/// Runs a system tool and returns what it printed; throws with its errors when it fails.
@discardableResult
func runTool(_ tool: String, _ arguments: [String], in folder: URL? = nil) throws -> String {
    try SystemTool.text(tool, arguments, in: folder)
}

struct ToolFailure: Error, CustomStringConvertible { let description: String }

/// Python's `http.server` serving `folder` on a free port of 127.0.0.1.
final class HTTPFolderServer {
    let port: Int
    private let process = Process()

    init(serving folder: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var said = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning {
            said += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            if let range = said.range(of: #"port (\d+)"#, options: .regularExpression),
               let port = Int(said[range].dropFirst(5)) {
                self.port = port
                return
            }
        }
        process.terminate()
        throw ToolFailure(description: "http.server did not start: \(said)")
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
