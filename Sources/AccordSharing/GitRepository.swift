import AccordCore
import Foundation

/// A git repository that offers versions of a pack as tags, read through the
/// `git` command into a bare mirror in the workspace's cache. Nothing from the
/// repository runs: no hooks, no checkout; links and submodules in the pack's
/// tree are refused, and so are trees beyond an archive's limits.
struct GitRepository {
    /// The address as git is given it.
    let url: String
    /// The pack's subfolder, nil for the repository's root.
    let subfolder: String?
    /// The bare mirror fetched tags are kept in.
    let mirror: URL

    /// A tag that names a version.
    struct Tag: Equatable {
        var version: SemanticVersion
        var name: String
        var commit: String
    }

    init(source: PackSource, root: URL, cache: URL) {
        guard case .git(_, let subfolder) = source else { preconditionFailure("not a git source") }
        url = source.resolvedLocation(in: root)
        self.subfolder = subfolder
        mirror = cache.appendingPathComponent("git").appendingPathComponent(
            String(ContentDigest.sha256(Data(url.utf8)).dropFirst(ContentDigest.prefix.count).prefix(24)) + ".git")
    }

    /// The versions the repository's tags name: `vX.Y.Z`, or `SUBFOLDER/vX.Y.Z`
    /// for a pack in a subfolder (which wins over a plain tag of the same version).
    func tags() throws -> [Tag] {
        let listing = try git(["ls-remote", "--tags", "--", url])
        var commits: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("refs/tags/") else { continue }
            var ref = String(parts[1].dropFirst("refs/tags/".count))
            let peeled = ref.hasSuffix("^{}")
            if peeled { ref.removeLast(3) }
            if peeled || commits[ref] == nil { commits[ref] = String(parts[0]) }
        }
        var found: [SemanticVersion: Tag] = [:]
        for (name, commit) in commits {
            guard let (version, prefixed) = version(ofTag: name) else { continue }
            if let existing = found[version], existing.name.contains("/"), !prefixed { continue }
            found[version] = Tag(version: version, name: name, commit: commit)
        }
        return found.values.sorted { $0.version < $1.version }
    }

    private func version(ofTag name: String) -> (SemanticVersion, prefixed: Bool)? {
        var rest = Substring(name), prefixed = false
        if let subfolder, rest.hasPrefix(subfolder + "/") {
            rest = rest.dropFirst(subfolder.count + 1)
            prefixed = true
        }
        guard rest.hasPrefix("v"), !rest.contains("/"), let version = try? SemanticVersion(String(rest.dropFirst())) else { return nil }
        return (version, prefixed)
    }

    /// Fetches `tags` from the repository into the mirror, in one fetch, and returns the
    /// commit each names there now (always asked of the repository, so that a tag
    /// published again is seen).
    func fetch(tags: [String]) throws -> [String: String] {
        try ensureMirror()
        try git(["-C", mirror.path, "fetch", "--quiet", "--no-tags", "--depth", "1", "--", url]
            + tags.map { "+refs/tags/\($0):refs/tags/\($0)" })
        var commits: [String: String] = [:]
        for tag in tags { commits[tag] = try commit(of: "refs/tags/" + tag) }
        return commits
    }

    /// Writes the pack's files at `commit` into `folder`, which must not exist: plain files
    /// only, within the limits an archive has (`PackArchive.maximumEntries`, `maximumSize`).
    func export(commit: String, into folder: URL) throws {
        let tree = subfolder.map { "\(commit):\($0)" } ?? commit
        let at = "\(url) at \(commit.prefix(12))"
        guard (try? git(["-C", mirror.path, "cat-file", "-t", tree]))?.trimmingCharacters(in: .whitespacesAndNewlines) == "tree" else {
            throw SharingError("\(at): '\(subfolder ?? "")' is not a folder of the repository")
        }
        var entries = 0, bytes: UInt64 = 0
        for entry in try gitData(["-C", mirror.path, "ls-tree", "-r", "-l", "-z", tree]).split(separator: 0) {
            // <mode> SP <type> SP <object> SP+ <size> TAB <path>
            let text = String(decoding: entry, as: UTF8.self)
            let fields = text.split(separator: "\t", maxSplits: 1)
            let path = fields.last ?? "", header = fields.first?.split(separator: " ") ?? []
            switch header.first {
            case "120000"?: throw SharingError("\(at): '\(path)' is a symbolic link; a pack holds plain files only")
            case "160000"?: throw SharingError("\(at): '\(path)' is a submodule; a pack holds plain files only")
            default: break
            }
            entries += 1
            bytes += header.last.flatMap { UInt64($0) } ?? 0
            guard entries <= PackArchive.maximumEntries, bytes <= PackArchive.maximumSize else {
                throw SharingError("\(at): the pack holds more than \(PackArchive.maximumEntries) files or "
                    + "\(PackArchive.maximumSize >> 20) MB; refusing it")
            }
        }
        try GitTree.extract(tree, of: mirror, into: folder)
    }

    private func commit(of ref: String) throws -> String {
        try git(["-C", mirror.path, "rev-parse", "--verify", "--quiet", ref + "^{commit}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The transports a source may use: never `ext::` or `fd::`, which run commands.
    static let environment = ["GIT_ALLOW_PROTOCOL": "file:git:http:https:ssh"]

    private func ensureMirror() throws {
        guard !FileManager.default.fileExists(atPath: mirror.path) else { return }
        try FileManager.default.createDirectory(at: mirror.deletingLastPathComponent(), withIntermediateDirectories: true)
        try git(["init", "--quiet", "--bare", mirror.path])
    }

    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        String(decoding: try gitData(arguments), as: UTF8.self)
    }

    private func gitData(_ arguments: [String]) throws -> Data {
        do { return try SystemTool.run("git", ["-c", "core.hooksPath=/dev/null"] + arguments, environment: Self.environment) } catch {
            throw SharingError(error.description)
        }
    }
}

/// A problem fetching, checking or vendoring a shared pack.
public struct SharingError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A tree of a git repository written out as files, through `git archive` and `tar`.
enum GitTree {
    /// Writes `tree` (`COMMIT` or `COMMIT:PATH`) of the repository `git` into `folder`.
    static func extract(_ tree: String, of repository: URL, into folder: URL) throws {
        let archive = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        do {
            try SystemTool.run("git", ["-C", repository.path, "archive", "--format=tar", "-o", archive.path, tree],
                               environment: GitRepository.environment)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try SystemTool.run("tar", ["-x", "-f", archive.path, "-C", folder.path, "--no-same-owner", "--no-same-permissions"])
        } catch {
            throw SharingError("\(tree): \(error)")
        }
    }
}
