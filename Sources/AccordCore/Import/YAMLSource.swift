import Foundation
import Yams

/// Turns YAML or JSON text into a `DataNode` tree. JSON is read as YAML flow syntax,
/// so both keep line numbers.
enum YAMLSource {
    static func parse(_ text: String, format: DataFormat, file: String) throws(DataIssue) -> DataNode {
        let yaml = format == .json ? yamlEscapingSurrogates(text) : text
        let root: Node?
        do {
            root = try YAMLDocument.compose(yaml)
        } catch let alias as YAMLAliasError {
            throw DataIssue(file: file, line: alias.line, message: YAMLAliasError.message)
        } catch let error as YamlError {
            throw issue(for: error, file: file)
        } catch {
            throw DataIssue(file: file, message: "cannot read \(format.rawValue): \(error)")
        }
        guard let root else { return .map([], line: 1) }
        return try convert(root, file: file)
    }

    private static func convert(_ node: Node, file: String) throws(DataIssue) -> DataNode {
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return isNull ? DataNode(value: .null, line: line) : .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            var items: [DataNode] = []
            for item in sequence { items.append(try convert(item, file: file)) }
            return .list(items, line: line)
        case .mapping(let mapping):
            var entries: [DataNode.Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw DataIssue(file: file, line: key.mark?.line, message: "a key must be a plain name")
                }
                entries.append(.init(key: name.string, line: key.mark?.line, value: try convert(value, file: file)))
            }
            return .map(entries, line: line)
        case .alias:
            throw DataIssue(file: file, line: line, message: YAMLAliasError.message)
        }
    }

    private static func issue(for error: YamlError, file: String) -> DataIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return DataIssue(file: file, line: mark.line, message: "syntax error: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return DataIssue(file: file, line: context.mark.line, message: "duplicate key \(keys) in a mapping")
        default:
            return DataIssue(file: file, message: "cannot read: \(error)")
        }
    }

    /// libyaml rejects JSON's surrogate-pair escapes (`\ud83d\ude00`); YAML spells
    /// such a character `\U0001F600`.
    static func yamlEscapingSurrogates(_ json: String) -> String {
        guard json.range(of: #"\\u[dD][89abAB]"#, options: .regularExpression) != nil else { return json }
        let pattern = #"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"#
        let regex = try! NSRegularExpression(pattern: pattern)
        var result = json
        for match in regex.matches(in: json, range: NSRange(json.startIndex..., in: json)).reversed() {
            let text = { (i: Int) in String(json[Range(match.range(at: i), in: json)!]) }
            let high = Int(text(2), radix: 16)!, low = Int(text(3), radix: 16)!
            let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            let hex = String(scalar, radix: 16, uppercase: true)
            let escaped = text(1) + "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            result.replaceSubrange(Range(match.range, in: result)!, with: escaped)
        }
        return result
    }
}
