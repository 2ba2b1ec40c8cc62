import AccordCore
import Foundation

/// The git tag that publishes a version of a pack kept in a git repository:
/// `PATH/vX.Y.Z` for a pack in the subfolder PATH, `vX.Y.Z` for a pack at the
/// repository's root (the tags `accord rules install` reads).
public struct PackTag {
    /// The tag's name.
    public let name: String
    private let repository: URL
    private let path: String?

    /// The tag of `version` for the pack in `folder`; nil when the folder is not in a git repository.
    public init?(packFolder folder: URL, version: SemanticVersion) {
        guard let top = try? SystemTool.text("git", ["-C", folder.path, "rev-parse", "--show-toplevel"])
            .trimmingCharacters(in: .whitespacesAndNewlines), !top.isEmpty else { return nil }
        repository = URL(fileURLWithPath: top).resolvingSymlinksInPath()
        let relative = PackLocation.relativePath(of: folder.resolvingSymlinksInPath(), from: repository)
        path = relative == "." ? nil : relative
        name = (path.map { $0 + "/" } ?? "") + "v\(version)"
    }

    /// Refuses when the tag exists with other Lua code than `digest`; true when it exists with the same.
    public func isPublished(as digest: String) throws -> Bool {
        guard let commit = try? git(["rev-parse", "--verify", "--quiet", "refs/tags/\(name)^{commit}"])
            .trimmingCharacters(in: .whitespacesAndNewlines), !commit.isEmpty else { return false }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tag-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try GitTree.extract(path.map { "\(commit):\($0)" } ?? commit, of: repository, into: scratch)
        let tagged = try PackDigest.of(folder: scratch)
        guard tagged == digest else {
            throw SharingError("tag \(name) already publishes this version with other content: \(tagged) tagged, \(digest) now; "
                + "raise the pack's version to publish the change")
        }
        return true
    }

    /// Refuses a pack with changes not committed, which a tag would leave out.
    public func checkCommitted() throws {
        let pending = try git(["status", "--porcelain", "--", path ?? "."])
        guard pending.isEmpty else {
            throw SharingError("the pack has changes not committed to git (\(pending.split(separator: "\n").count) files): "
                + "commit them before tagging \(name)")
        }
    }

    /// Tags the current commit, which must hold the pack exactly as it is in the working tree.
    public func create(message: String) throws {
        try checkCommitted()
        try git(["tag", "-a", "-m", message, name])
    }

    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        do { return try SystemTool.text("git", ["-C", repository.path] + arguments) } catch {
            throw SharingError("\(error)")
        }
    }
}
