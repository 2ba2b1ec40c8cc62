import Foundation
import Yams

/// `accord.lock` at the workspace root: the version and content digest of each
/// rule pack, and for a pack fetched from a source the source, the tag and
/// commit (or the archive's digest) it came from. Written by `accord rules lock`
/// and `accord rules install`; a run whose pack no longer matches its entry
/// fails until the lock is written again.
public struct RulesLock: Equatable, Sendable {
    public static let fileName = "accord.lock"

    /// One locked pack.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var version: SemanticVersion
        /// `sha256:<64 hex digits>`, as `PackDigest` computes it.
        public var digest: String
        /// The pack folder: relative to the workspace when inside it, else absolute.
        public var path: String
        /// Where the pack was fetched from; nil for a pack on the search path.
        public var source: PackSource?
        /// The git tag the version came from (`v1.2.0`).
        public var tag: String?
        /// The commit that tag named when the pack was installed.
        public var commit: String?
        /// `sha256:…` of the archive file the pack came from.
        public var archiveDigest: String?

        public init(name: String, version: SemanticVersion, digest: String, path: String, source: PackSource? = nil,
                    tag: String? = nil, commit: String? = nil, archiveDigest: String? = nil) {
            self.name = name
            self.version = version
            self.digest = digest
            self.path = path
            self.source = source
            self.tag = tag
            self.commit = commit
            self.archiveDigest = archiveDigest
        }

        /// The pack folder, with a relative `path` taken from the workspace folder `root`.
        public func folder(in root: URL) -> URL {
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)).standardizedFileURL
        }
    }

    /// The locked packs, one per name, sorted by name.
    public private(set) var entries: [Entry] = []

    /// A lock of `entries`; of two entries with the same name the later wins.
    public init(entries: [Entry] = []) {
        for entry in entries { record(entry) }
    }

    /// The entry for the pack called `name`.
    public subscript(name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Adds `entry`, replacing the entry of the same name.
    public mutating func record(_ entry: Entry) {
        entries.removeAll { $0.name == entry.name }
        let index = entries.firstIndex { entry.name.utf8.lexicographicallyPrecedes($0.name.utf8) } ?? entries.endIndex
        entries.insert(entry, at: index)
    }

    /// How the lock records `folder`: relative to the workspace folder `root`
    /// when inside it, else absolute.
    public static func path(of folder: URL, in root: URL) -> String {
        let folder = folder.standardizedFileURL.path, root = root.standardizedFileURL.path
        if folder == root { return "." }
        let inside = root.hasSuffix("/") ? root : root + "/"
        return folder.hasPrefix(inside) ? String(folder.dropFirst(inside.count)) : folder
    }

    /// The file's text: a comment, then the packs by name.
    public func yaml() -> String {
        var text = """
            # Rule packs locked by `accord rules lock` and `accord rules install`: each
            # pack's version, the digest of its Lua code and, for a fetched pack, where
            # it came from. A run fails when a pack no longer matches; lock or install
            # again after reviewing the change (`accord rules diff`). Do not edit by hand.

            """
        if entries.isEmpty { return text + "packs: {}\n" }
        text += "packs:\n"
        for entry in entries {
            text += "  \(YAMLScalar.quoted(entry.name)):\n"
            let fields = [("version", entry.version.description), ("digest", entry.digest), ("path", entry.path)] + entry.sourceFields
            for (key, value) in fields { text += "    \(key): \(YAMLScalar.quoted(value))\n" }
        }
        return text
    }

    /// Writes the lock to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(Data(yaml().utf8), to: URL(fileURLWithPath: path))
    }

    static let keys = ["packs"]
    static let requiredKeys = ["version", "digest", "path"]
    static let entryKeys = requiredKeys + ["git", "git_path", "tag", "commit", "archive", "archive_digest", "folder"]

    /// Reads a lock file. Errors name the file, line and key.
    public static func load(from path: String) throws(ConfigError) -> RulesLock {
        func fail(_ line: Int?, _ message: String) -> ConfigError { ConfigError(file: path, line: line, message: message) }
        let root = try YAMLDocument.load(path, display: path)
        guard let mapping = root?.mapping else {
            throw fail(root?.mark?.line, "expected a mapping with 'packs'")
        }
        var packs: Node?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard key == "packs" else {
                throw fail(keyNode.mark?.line, "unknown key '\(key)'" + Suggestion.hint(for: key, in: keys))
            }
            packs = value
        }
        guard let packs else { throw fail(root?.mark?.line, "missing 'packs'") }
        if packs.scalar?.string == "" { return RulesLock() }
        guard let packMapping = packs.mapping else {
            throw fail(packs.mark?.line, "'packs' must be a mapping of pack names to version, digest and path")
        }
        var lock = RulesLock()
        for (nameNode, value) in packMapping {
            lock.record(try entry(nameNode, value, fail: fail))
        }
        return lock
    }

    private static func entry(_ nameNode: Node, _ value: Node, fail: (Int?, String) -> ConfigError) throws(ConfigError) -> Entry {
        let name = nameNode.string ?? ""
        let line = nameNode.mark?.line
        guard PackRequirement.isValidName(name) else {
            throw fail(line, "packs: '\(name)' is not a pack name (letters, digits, '-' and '_')")
        }
        guard let fields = value.mapping else {
            throw fail(value.mark?.line ?? line, "packs.\(name): expected version, digest and path")
        }
        var values: [String: (text: String, line: Int?)] = [:]
        for (keyNode, field) in fields {
            let key = keyNode.string ?? ""
            guard entryKeys.contains(key) else {
                throw fail(keyNode.mark?.line, "packs.\(name): unknown key '\(key)'" + Suggestion.hint(for: key, in: entryKeys))
            }
            guard let text = field.scalar?.string, !text.isEmpty else {
                throw fail(field.mark?.line ?? keyNode.mark?.line, "packs.\(name).\(key): must be a text value")
            }
            values[key] = (text, field.mark?.line ?? keyNode.mark?.line)
        }
        for key in requiredKeys where values[key] == nil {
            throw fail(line, "packs.\(name): missing '\(key)'")
        }
        let version: SemanticVersion
        do { version = try SemanticVersion(values["version"]!.text) } catch {
            throw fail(values["version"]!.line, "packs.\(name).version: \(error)")
        }
        let digest = values["digest"]!
        guard PackDigest.isWellFormed(digest.text) else {
            throw fail(digest.line, "packs.\(name).digest: '\(digest.text)' is not a content digest (sha256: and 64 lowercase hexadecimal digits)")
        }
        let kinds = ["git", "archive", "folder"].filter { values[$0] != nil }
        guard kinds.count <= 1 else { throw fail(line, "packs.\(name): names more than one source (\(kinds.joined(separator: ", ")))") }
        let source: PackSource? = switch kinds.first {
        case "git": .git(url: values["git"]!.text, path: values["git_path"]?.text)
        case "archive": .archive(values["archive"]!.text)
        case "folder": .folder(values["folder"]!.text)
        default: nil
        }
        if let archiveDigest = values["archive_digest"], !PackDigest.isWellFormed(archiveDigest.text) {
            throw fail(archiveDigest.line, "packs.\(name).archive_digest: '\(archiveDigest.text)' is not a sha256: digest")
        }
        if let commit = values["commit"], ![40, 64].contains(commit.text.utf8.count)
            || !commit.text.utf8.allSatisfy({ VersionSyntax.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) {
            throw fail(commit.line, "packs.\(name).commit: '\(commit.text)' is not a git commit (40 hexadecimal digits)")
        }
        if let tag = values["tag"], !(tag.text == "v\(version)" || tag.text.hasSuffix("/v\(version)")) || tag.text.hasPrefix("-") {
            throw fail(tag.line, "packs.\(name).tag: '\(tag.text)' is not a tag of version \(version) (v\(version) or PATH/v\(version))")
        }
        let vendored = ".accord/packs/\(name)/\(version)/\(name)"
        if source != nil, values["path"]!.text != vendored {
            throw fail(values["path"]!.line, "packs.\(name).path: a fetched pack is kept in \(vendored), not \(values["path"]!.text)")
        }
        return Entry(name: name, version: version, digest: digest.text, path: values["path"]!.text, source: source,
                     tag: values["tag"]?.text, commit: values["commit"]?.text, archiveDigest: values["archive_digest"]?.text)
    }
}

extension RulesLock.Entry {
    /// The keys after `path` that record where the pack came from, in file order.
    var sourceFields: [(String, String)] {
        var fields: [(String, String)] = []
        switch source {
        case .git(let url, let path)?:
            fields.append(("git", url))
            if let path { fields.append(("git_path", path)) }
        case .archive(let location)?: fields.append(("archive", location))
        case .folder(let path)?: fields.append(("folder", path))
        case nil: break
        }
        if let tag { fields.append(("tag", tag)) }
        if let commit { fields.append(("commit", commit)) }
        if let archiveDigest { fields.append(("archive_digest", archiveDigest)) }
        return fields
    }
}
