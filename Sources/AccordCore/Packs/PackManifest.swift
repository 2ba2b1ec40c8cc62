import Foundation
import Yams

/// `accord-pack.yaml`, at the root of a published pack archive: what the pack
/// is, what it needs, and the digest of its code, which the archive's content
/// must match.
public struct PackManifest: Equatable, Sendable {
    public static let fileName = "accord-pack.yaml"

    public var name: String
    public var version: SemanticVersion
    public var description: String?
    /// Other packs it needs, by name.
    public var requires: [PackRequirement]
    /// `sha256:…` over the pack's Lua files, as `PackDigest` computes it.
    public var digest: String
    /// The versions of Accord the pack needs; nil when it names none.
    public var accord: VersionRange?
    public var license: String?
    public var authors: [String]

    public init(name: String, version: SemanticVersion, description: String? = nil, requires: [PackRequirement] = [],
                digest: String, accord: VersionRange? = nil, license: String? = nil, authors: [String] = []) {
        self.name = name
        self.version = version
        self.description = description
        self.requires = requires.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.digest = digest
        self.accord = accord
        self.license = license
        self.authors = authors
    }

    /// `name-version.tar.gz`: the archive's file name.
    public var archiveName: String { "\(name)-\(version).tar.gz" }

    /// The file's text: a comment, then every field in a fixed order, so that the same pack
    /// always gives the same bytes.
    public func yaml() -> String {
        var text = """
            # A rule pack published by `accord rules pack`: the pack's files are in
            # the folder named after it, beside this file. Do not edit by hand.

            name: \(YAMLScalar.quoted(name))
            version: \(YAMLScalar.quoted(version.description))

            """
        if let description { text += "description: \(YAMLScalar.quoted(description))\n" }
        text += "digest: \(YAMLScalar.quoted(digest))\n"
        if let accord { text += "accord: \(YAMLScalar.quoted(accord.description))\n" }
        if let license { text += "license: \(YAMLScalar.quoted(license))\n" }
        if !authors.isEmpty { text += "authors:\n" + authors.map { "  - \(YAMLScalar.quoted($0))\n" }.joined() }
        if !requires.isEmpty {
            text += "requires:\n" + requires.map { "  \(YAMLScalar.quoted($0.name)): \(YAMLScalar.quoted($0.range.description))\n" }.joined()
        }
        return text
    }

    /// Writes the manifest to `url` atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(yaml().utf8), to: url)
    }

    static let keys = ["name", "version", "description", "digest", "accord", "license", "authors", "requires"]

    /// Reads a manifest file. Errors name the file, line and key.
    public static func read(from url: URL) throws(ConfigError) -> PackManifest {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConfigError(file: url.path, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: url.path)
    }

    /// Reads a manifest's text; errors name `file`, the line and the key.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> PackManifest {
        func fail(_ line: Int?, _ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
        let root = try YAMLDocument.parse(text, display: file)
        guard let mapping = root?.mapping else {
            throw fail(root?.mark?.line, "expected a mapping with name, version and digest")
        }
        var texts: [String: (text: String, line: Int?)] = [:]
        var authors: [String] = []
        var requires: [PackRequirement] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = value.mark?.line ?? keyNode.mark?.line
            switch key {
            case "authors":
                guard let items = value.sequence else { throw fail(line, "authors: must be a list of names") }
                for item in items {
                    guard let name = item.scalar?.string, !name.isEmpty else {
                        throw fail(item.mark?.line ?? line, "authors: each author must be a text value")
                    }
                    authors.append(name)
                }
            case "requires":
                guard let entries = value.mapping else { throw fail(line, "requires: must be a mapping of pack names to version ranges") }
                for (nameNode, rangeNode) in entries {
                    let required = nameNode.string ?? ""
                    let at = rangeNode.mark?.line ?? nameNode.mark?.line
                    guard PackRequirement.isValidName(required) else {
                        throw fail(nameNode.mark?.line, "requires: '\(required)' is not a pack name (letters, digits, '-' and '_')")
                    }
                    guard let text = rangeNode.scalar?.string else { throw fail(at, "requires.\(required): must be a version range") }
                    do { requires.append(PackRequirement(name: required, range: try VersionRange(text))) } catch {
                        throw fail(at, "requires.\(required): \(error)")
                    }
                }
            default:
                guard keys.contains(key) else { throw fail(keyNode.mark?.line, "unknown key '\(key)'" + Suggestion.hint(for: key, in: keys)) }
                guard let text = value.scalar?.string, !text.isEmpty else { throw fail(line, "\(key): must be a text value") }
                texts[key] = (text, line)
            }
        }
        for key in ["name", "version", "digest"] where texts[key] == nil {
            throw fail(root?.mark?.line, "missing '\(key)'")
        }
        let name = texts["name"]!
        guard PackRequirement.isValidName(name.text) else {
            throw fail(name.line, "name: '\(name.text)' is not a pack name (letters, digits, '-' and '_')")
        }
        let version: SemanticVersion
        do { version = try SemanticVersion(texts["version"]!.text) } catch {
            throw fail(texts["version"]!.line, "version: \(error)")
        }
        let digest = texts["digest"]!
        guard PackDigest.isWellFormed(digest.text) else {
            throw fail(digest.line, "digest: '\(digest.text)' is not a content digest (sha256: and 64 lowercase hexadecimal digits)")
        }
        var accord: VersionRange?
        if let range = texts["accord"] {
            do { accord = try VersionRange(range.text) } catch { throw fail(range.line, "accord: \(error)") }
        }
        return PackManifest(name: name.text, version: version, description: texts["description"]?.text, requires: requires,
                            digest: digest.text, accord: accord, license: texts["license"]?.text, authors: authors)
    }
}
