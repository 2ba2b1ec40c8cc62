import AccordCore
import Foundation

/// `.help` and `.help NAME`, written from the declarations of `AccordAPI`.
struct ReplHelp {
    let commands: [ReplDriver.Command]

    struct UnknownTopic: Error, CustomStringConvertible {
        let description: String
    }

    /// The overview for an empty topic; else the record type, function or
    /// `rules` named.
    func text(for topic: String) throws -> String {
        if topic.isEmpty { return overview() }
        let qualified = topic.hasPrefix("accord.")
        let name = qualified ? String(topic.dropFirst("accord.".count)) : topic
        let type = AccordAPI.classes.first { $0.name == name }
        if let type, !qualified { return describe(type) }
        if let function = AccordAPI.functions.first(where: { $0.name == name }) {
            return Self.signature(function, prefix: "accord.") + "\n  " + function.doc
        }
        if let type { return describe(type) }
        if name == "rules" { return rules() }
        let topics = AccordAPI.classes.map(\.name) + AccordAPI.functions.map(\.name) + ["rules"]
        throw UnknownTopic(description: "no help on '\(topic)'" + Suggestion.hint(for: name, in: topics)
            + "; try a record type (" + AccordAPI.classes.map(\.name).joined(separator: ", ") + "), a function or rules")
    }

    private func overview() -> String {
        let dotCommands = [[".help [NAME]", "this list, or a record type's fields and methods, a function, or rules"]]
            + commands.map { ["." + $0.name + ($0.argument.isEmpty ? "" : " " + $0.argument), $0.summary] }
            + [[".quit", "leave (Ctrl-D does too)"]]
        let functions = AccordAPI.functions.map { [Self.signature($0, prefix: "accord."), $0.doc] }
        return """
            Type a Lua expression to see its value, or statements to run them. Locals declared at the top \
            level stay for the next lines.

            Commands:
            \(Self.columns(dotCommands))

            Functions:
            \(Self.columns(functions))

            Types: \(AccordAPI.classes.map(\.name).joined(separator: ", ")) (.help NAME for fields and methods); \
            the rules DSL: .help rules
            """
    }

    private func describe(_ type: LuaClass) -> String {
        var parts = ["\(type.name): \(type.doc)"]
        if !type.fields.isEmpty {
            parts.append("\nFields:\n" + Self.columns(type.fields.map { [$0.name, $0.type, $0.doc] }))
        }
        if !type.methods.isEmpty {
            parts.append("\nMethods:\n" + Self.columns(type.methods.map { [Self.signature($0, prefix: String(type.name.prefix(1)) + ":"), $0.doc] }))
        }
        return parts.joined(separator: "\n")
    }

    private func rules() -> String {
        "accord.rules: conditions and declarations for rule packs.\n\n"
            + Self.columns(AccordAPI.rules.map { [Self.signature($0, prefix: "accord.rules."), $0.doc] })
    }

    /// `accord.partnerships(filter?)`: parameter names, `?` on optional ones.
    static func signature(_ function: LuaFunction, prefix: String) -> String {
        let parameters = function.parameters.map { parameter -> String in
            let name = parameter.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            return parameter.hasSuffix("?") ? name + "?" : name
        }
        return prefix + function.name + "(" + parameters.joined(separator: ", ") + ")"
    }

    /// Columns, each but the last padded to its widest cell, each line indented.
    static func columns(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { i in rows.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
