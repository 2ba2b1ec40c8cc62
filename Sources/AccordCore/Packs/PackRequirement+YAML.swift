import Yams

extension PackRequirement {
    /// The keys of a pack's entry written as a mapping.
    static let entryKeys = ["version", "git", "path", "archive", "folder"]

    /// Reads one entry of `packs:`: a version range (`^1.0`, from the search path), or a
    /// mapping that names a source, `{ git: URL, path: SUBFOLDER, version: RANGE }`,
    /// `{ archive: FILE-OR-URL }` or `{ folder: PATH }`, with `version` `*` when left out.
    static func read(name: String, value: Node, keyLine: Int?, file: String) throws(ConfigError) -> PackRequirement {
        let line = value.mark?.line ?? keyLine
        func fail(_ line: Int?, _ message: String) -> ConfigError {
            ConfigError(file: file, line: line, message: "packs.\(name): \(message)")
        }
        func range(_ text: String, line: Int?) throws(ConfigError) -> VersionRange {
            do { return try VersionRange(text) } catch { throw fail(line, "\(error)") }
        }
        if let text = value.scalar?.string {
            return PackRequirement(name: name, range: try range(text, line: line))
        }
        guard let mapping = value.mapping else {
            throw fail(line, "expected a version range such as ^1.0, or a source such as { git: URL, version: \"^1.0\" }")
        }
        var fields: [String: (text: String, line: Int?)] = [:]
        for (keyNode, field) in mapping {
            let key = keyNode.string ?? ""
            guard entryKeys.contains(key) else {
                throw fail(keyNode.mark?.line, "unknown key '\(key)'" + Suggestion.hint(for: key, in: entryKeys))
            }
            guard let text = field.scalar?.string, !text.isEmpty else {
                throw fail(field.mark?.line ?? keyNode.mark?.line, "\(key) must be a text value")
            }
            fields[key] = (text, field.mark?.line ?? keyNode.mark?.line)
        }
        let kinds = ["git", "archive", "folder"].filter { fields[$0] != nil }
        guard kinds.count <= 1 else {
            throw fail(line, "name one source, not \(kinds.joined(separator: " and "))")
        }
        if let path = fields["path"], kinds != ["git"] {
            throw fail(path.line, "'path' names a subfolder of a git repository; it needs 'git'")
        }
        let source: PackSource?
        switch kinds.first {
        case "git":
            let subfolder = fields["path"].map { $0.text.trimmingSlashes }
            if let subfolder, subfolder.isEmpty || subfolder.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
                throw fail(fields["path"]!.line, "path must be a subfolder of the repository, without '.' or '..'")
            }
            guard !fields["git"]!.text.hasPrefix("-") else {
                throw fail(fields["git"]!.line, "a git address cannot start with '-'")
            }
            source = .git(url: fields["git"]!.text, path: subfolder)
        case "archive": source = .archive(fields["archive"]!.text)
        case "folder": source = .folder(fields["folder"]!.text)
        default: source = nil
        }
        let version = fields["version"]
        if source == nil && version == nil {
            throw fail(line, "name a version range (version: ^1.0) or a source (git, archive or folder)")
        }
        return PackRequirement(name: name, range: try range(version?.text ?? "*", line: version?.line ?? line), source: source)
    }

    /// The entry's value as `accord.yaml` writes it on one line.
    public var yamlValue: String {
        guard let source else { return YAMLScalar.quoted(range.description) }
        var fields: [String] = []
        switch source {
        case .git(let url, let path):
            fields.append("git: \(YAMLScalar.quoted(url))")
            if let path { fields.append("path: \(YAMLScalar.quoted(path))") }
        case .archive(let location): fields.append("archive: \(YAMLScalar.quoted(location))")
        case .folder(let path): fields.append("folder: \(YAMLScalar.quoted(path))")
        }
        if range.description != "*" { fields.append("version: \(YAMLScalar.quoted(range.description))") }
        return "{ " + fields.joined(separator: ", ") + " }"
    }
}

private extension String {
    var trimmingSlashes: String {
        var text = Substring(self)
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
