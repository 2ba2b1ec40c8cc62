import AccordCore
import Foundation

/// A workspace's rule configuration as it was at a git revision: `accord.yaml`, `accord.lock`
/// and the rules folder, exported from the repository with `git show` and `git archive` into
/// a private temporary folder. The working tree and the index are never touched.
struct WorkspaceRevision {
    /// The temporary folder; `root` is inside it.
    let folder: ScratchFolder
    /// The full commit id the revision names.
    let commit: String
    /// The workspace folder at the revision, in `folder`: `accord.yaml`, `accord.lock` when there was one.
    let root: URL
    /// The rules folder at the revision: exported when the repository held it, nil when it is
    /// inside the repository but was not there yet, the workspace's own when it lies outside.
    let rules: String?

    /// Exports what `revision` (a branch, a tag, `HEAD~1`, a commit id) held of `workspace`.
    static func export(_ revision: String, of workspace: Workspace) throws(PackSelectionError) -> WorkspaceRevision {
        let git = Git(folder: workspace.root.path)
        let prefix: String
        do { prefix = try git.output("rev-parse", "--show-prefix").trimmingCharacters(in: .whitespacesAndNewlines) } catch {
            throw PackSelectionError(.usage, "'\(revision)' is neither a file nor a folder, and the workspace is not in a "
                + "git repository to read it as a revision from (\(error))")
        }
        guard !revision.hasPrefix("-"),
              let commit = try? git.output("rev-parse", "--verify", "--quiet", "\(revision)^{commit}")
                  .trimmingCharacters(in: .whitespacesAndNewlines), !commit.isEmpty else {
            throw PackSelectionError(.usage, "'\(revision)' is neither a file, a folder, nor a revision of the git repository "
                + "holding the workspace (`git rev-parse --verify \(revision)^{commit}` failed)")
        }
        let scratch: ScratchFolder
        do { scratch = try ScratchFolder(prefix: "accord-revision") } catch {
            throw PackSelectionError(.unavailable, "cannot make a temporary folder: \(error.localizedDescription)")
        }
        let tree = scratch.url.appendingPathComponent("tree")
        let root = tree.appendingPathComponent(prefix).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            guard git.exists(commit, prefix + Workspace.configName) else {
                throw PackSelectionError(.unavailable, "there was no \(prefix + Workspace.configName) at \(revision)")
            }
            let configPath = root.appendingPathComponent(Workspace.configName)
            try git.data("show", "\(commit):\(prefix + Workspace.configName)").write(to: configPath)
            if git.exists(commit, prefix + RulesLock.fileName) {
                try git.data("show", "\(commit):\(prefix + RulesLock.fileName)")
                    .write(to: root.appendingPathComponent(RulesLock.fileName))
            }
            let config: WorkspaceConfig
            do { config = try WorkspaceConfig.load(from: configPath.path) } catch {
                throw PackSelectionError(.unavailable, "\(Workspace.configName) at \(revision): \(error.message)")
            }
            var rules: String?
            let relative = (prefix + config.rules).split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            let inside = !config.rules.hasPrefix("/") && !config.rules.split(separator: "/").contains("..")
            if !inside { rules = workspace.path(config.rules) }
            if inside, git.exists(commit, relative) {
                let archive = scratch.url.appendingPathComponent("rules.tar").path
                // Pathspecs are relative to the current folder: run from the repository's top.
                let top = try git.output("rev-parse", "--show-toplevel").trimmingCharacters(in: .newlines)
                _ = try Git(folder: top).output("archive", "--format=tar", "-o", archive, commit, "--", relative)
                try Git.tar(extract: archive, into: tree.path)
                rules = root.appendingPathComponent(config.rules).standardizedFileURL.path
            }
            return WorkspaceRevision(folder: scratch, commit: commit, root: root, rules: rules)
        } catch let error as PackSelectionError {
            throw error
        } catch {
            throw PackSelectionError(.unavailable, "cannot export the rules at \(revision): \(error)")
        }
    }
}

/// `git`, run in a folder, its output read from files once it exits.
struct Git {
    let folder: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether `path` exists at `commit`.
    func exists(_ commit: String, _ path: String) -> Bool {
        (try? run(["cat-file", "-e", "\(commit):\(path)"])) != nil
    }

    func output(_ arguments: String...) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self)
    }

    func data(_ arguments: String...) throws -> Data { try run(arguments) }

    /// Runs `git -C folder ARGUMENTS`; throws with its first lines of stderr when it fails.
    private func run(_ arguments: [String]) throws -> Data {
        try Self.run("git", ["-C", folder] + arguments, name: "git " + (arguments.first ?? ""))
    }

    /// Extracts a tar archive into `folder`.
    static func tar(extract archive: String, into folder: String) throws {
        _ = try run("tar", ["-x", "-f", archive, "-C", folder], name: "tar")
    }

    private static func run(_ program: String, _ arguments: [String], name: String) throws -> Data {
        let fm = FileManager.default
        let scratch = try ScratchFolder(prefix: "accord-git")
        let outURL = scratch.url.appendingPathComponent("stdout"), errURL = scratch.url.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        // Output goes to files, read after the exit: a blocking read of a pipe can be
        // interrupted by a signal.
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                .split(separator: "\n").prefix(2).joined(separator: " ")
            throw Failure(description: "\(name) failed (exit \(process.terminationStatus))" + (message.isEmpty ? "" : ": \(message)"))
        }
        return (try? Data(contentsOf: outURL)) ?? Data()
    }
}
