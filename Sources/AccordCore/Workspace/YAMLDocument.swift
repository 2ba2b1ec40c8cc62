import CYaml
import Yams

/// YAML as Accord reads every file of its own (data, `accord.yaml`, `accord.lock`,
/// pack test files): one document, composed by Yams, with no alias (`*name`).
///
/// An alias repeats a node; nested aliases make a few hundred bytes stand for
/// billions of nodes, and composing them (Yams compares mapping keys) or walking
/// them takes that long. So the text's events are read first, with libyaml as
/// Yams builds it, and the first alias stops everything before a node is made.
enum YAMLDocument {
    /// The text's root node, nil when it is empty. Throws `YAMLAliasError` for an
    /// alias, and Yams' `YamlError` for anything else wrong.
    static func compose(_ text: String) throws -> Node? {
        if let line = firstAliasLine(in: text) { throw YAMLAliasError(line: line) }
        // Accord reads every scalar as the text it is, so no tag is ever resolved: the basic
        // resolver spares each start the compiling of the default one's regular expressions.
        return try Yams.compose(yaml: text, .basic)
    }

    /// The root node of the YAML file at `path` (nil when empty), with every failure a
    /// `ConfigError` naming `display` and, where known, the line.
    static func load(_ path: String, display: String) throws(ConfigError) -> Node? {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: display, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, display: display)
    }

    /// The root node of `text` (nil when empty), with every failure a `ConfigError` naming `display`.
    static func parse(_ text: String, display: String) throws(ConfigError) -> Node? {
        do { return try compose(text) } catch let alias as YAMLAliasError {
            throw ConfigError(file: display, line: alias.line, message: YAMLAliasError.message)
        } catch {
            throw ConfigError(file: display, line: nil, message: "not valid YAML: \(error)")
        }
    }

    /// The line of the first alias, or nil when there is none before the end or
    /// the first syntax error (which composing reports).
    static func firstAliasLine(in text: String) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var text = text
        return text.withUTF8 { bytes -> Int? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_ALIAS_EVENT: return Int(event.start_mark.line) + 1
                case YAML_STREAM_END_EVENT: return nil
                default: continue
                }
            }
            return nil
        }
    }
}

/// An alias in a YAML file, which Accord does not read.
struct YAMLAliasError: Error {
    /// The alias's line, counting from 1.
    let line: Int

    static let message = "YAML aliases (*name) are not read: write the value out in full"
}
