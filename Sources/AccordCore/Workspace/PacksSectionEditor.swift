import Foundation

/// Adds and removes entries of `packs:` in the text of an `accord.yaml`,
/// changing only the lines of that entry, so comments and layout stay as the
/// team wrote them. An edit it cannot make safely (a `packs:` in flow style
/// with entries, an entry spread over lines it cannot tell apart) is refused,
/// and every edit is checked by reading the result back.
public struct PacksSectionEditor {
    public let text: String
    /// The file, for messages.
    public let file: String

    public init(text: String, file: String = Workspace.configName) {
        self.text = text
        self.file = file
    }

    /// The text with `requirement` added as the last entry of `packs:`.
    public func adding(_ requirement: PackRequirement) throws(ConfigError) -> String {
        let before = try config(text)
        if before.packs.contains(where: { $0.name == requirement.name }) {
            throw refuse("pack '\(requirement.name)' is already in it; change its line, or run `accord rules remove \(requirement.name)` first")
        }
        var lines = self.lines
        let entry = "\(YAMLScalar.quoted(requirement.name)): \(requirement.yamlValue)"
        if let key = topLevelKey("packs", in: lines) {
            let (value, comment) = splitComment(afterKey: lines[key])
            if value == "{}" {
                lines[key] = "packs:" + comment
                lines.insert("  " + entry, at: key + 1)
            } else if value.isEmpty {
                let body = blockLines(after: key, in: lines)
                let entries = body.filter { !isBlankOrComment(lines[$0]) }
                let indent = entries.first.map { String(lines[$0].prefix { $0 == " " }) } ?? "  "
                lines.insert(indent + entry, at: (entries.last ?? key) + 1)
            } else {
                throw refuse("its `packs:` is written on one line; add `\(entry)` under it by hand")
            }
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += ["packs:", "  " + entry, ""]
        }
        return try checked(lines.joined(separator: "\n"), expect: before.packs + [requirement])
    }

    /// The text without the entry of `packs:` named `name`.
    public func removing(_ name: String) throws(ConfigError) -> String {
        let before = try config(text)
        guard before.packs.contains(where: { $0.name == name }) else {
            throw refuse("pack '\(name)' is not in it" + Suggestion.hint(for: name, in: before.packs.map(\.name)))
        }
        var lines = self.lines
        guard let key = topLevelKey("packs", in: lines), splitComment(afterKey: lines[key]).value.isEmpty else {
            throw refuse("its `packs:` is written on one line; remove '\(name)' by hand")
        }
        let body = blockLines(after: key, in: lines)
        guard let start = body.first(where: { entryName(lines[$0]) == name }) else {
            throw refuse("cannot find the line of pack '\(name)' under `packs:`; remove it by hand")
        }
        let indent = lines[start].prefix { $0 == " " }.count
        var end = start + 1
        while end < lines.count, body.contains(end), !lines[end].trimmingCharacters(in: .whitespaces).isEmpty,
              lines[end].prefix(while: { $0 == " " }).count > indent {
            end += 1
        }
        lines.removeSubrange(start..<end)
        if !blockLines(after: key, in: lines).contains(where: { !isBlankOrComment(lines[$0]) }) {
            lines[key] = "packs: {}" + splitComment(afterKey: lines[key]).comment
        }
        return try checked(lines.joined(separator: "\n"), expect: before.packs.filter { $0.name != name })
    }

    // MARK: Lines

    private var lines: [String] { text.components(separatedBy: "\n") }

    private func topLevelKey(_ key: String, in lines: [String]) -> Int? {
        lines.firstIndex { $0.hasPrefix(key + ":") }
    }

    /// The indices of the lines that belong to the top-level key at `key`: up to the next line that starts at column 0.
    private func blockLines(after key: Int, in lines: [String]) -> [Int] {
        var out: [Int] = []
        var index = key + 1
        while index < lines.count {
            let line = lines[index]
            if let first = line.first, first != " ", first != "#" { break }
            out.append(index)
            index += 1
        }
        // Trailing blank lines and comments at column 0 belong to what follows.
        while let last = out.last, lines[last].trimmingCharacters(in: .whitespaces).isEmpty || lines[last].hasPrefix("#") {
            out.removeLast()
        }
        return out
    }

    private func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// The value written after `key:` on its line, and the comment that ends the line (with its spaces).
    private func splitComment(afterKey line: String) -> (value: String, comment: String) {
        let rest = line[line.index(after: line.firstIndex(of: ":")!)...]
        if var start = rest.range(of: " #")?.lowerBound ?? (rest.hasPrefix("#") ? rest.startIndex : nil) {
            while start > rest.startIndex, rest[rest.index(before: start)] == " " { start = rest.index(before: start) }
            return (rest[..<start].trimmingCharacters(in: .whitespaces), String(rest[start...]))
        }
        return (rest.trimmingCharacters(in: .whitespaces), "")
    }

    /// The pack name an entry line starts with, quoted or not.
    private func entryName(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") {
            let quote = trimmed.first!
            guard let close = trimmed.dropFirst().firstIndex(of: quote) else { return nil }
            return String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        return String(trimmed[..<colon])
    }

    // MARK: Checking

    private func config(_ text: String) throws(ConfigError) -> WorkspaceConfig {
        if text.contains("\r") { throw refuse("it has Windows line ends (CRLF)") }
        return try WorkspaceConfig.parse(text, file: file)
    }

    private func checked(_ edited: String, expect: [PackRequirement]) throws(ConfigError) -> String {
        let after: WorkspaceConfig
        do { after = try config(edited) } catch {
            throw refuse("the edit would not read back (\(error.message)); edit `packs:` by hand")
        }
        var expected = try config(text)
        expected.packs = expect
        guard after == expected else { throw refuse("the edit would change more than `packs:`; edit it by hand") }
        return edited
    }

    private func refuse(_ message: String) -> ConfigError {
        ConfigError(file: file, line: nil, message: "cannot edit packs safely: " + message)
    }
}
