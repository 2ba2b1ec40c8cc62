import AccordCore
import Foundation

/// The `.luarc.json` at a workspace's root that points LuaLS (the sumneko Lua
/// language server) at the meta files: Lua 5.4, the meta folder as a library,
/// `accord` as a known global.
///
/// An existing file keeps everything it has: only the settings it lacks are
/// added, in the spelling it already uses (nested `"workspace": {"library":
/// …}`, or dotted `"workspace.library"`). A file that is not a JSON object, or
/// whose settings disagree (another runtime version, a library that is not a
/// list), is refused rather than rewritten.
public enum LuaRC {
    public static let fileName = ".luarc.json"

    /// What became of the file.
    public enum Outcome: String, Sendable {
        case created, updated, unchanged
    }

    /// Makes `<root>/.luarc.json` name `library` (a path as `workspace.library`
    /// takes it), writing atomically and only when something changes.
    public static func update(in root: URL, library: String) throws -> Outcome {
        let url = root.appendingPathComponent(fileName)
        let existing = FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : nil
        guard let text = try merged(existing, library: library) else { return .unchanged }
        try AtomicFile.write(Data(text.utf8), to: url)
        return existing == nil ? .created : .updated
    }

    /// The new text of the file, or nil when `existing` already has every setting.
    public static func merged(_ existing: String?, library: String) throws(LuaRCError) -> String? {
        guard let existing else { return fresh(library: library) }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(existing.utf8)), var root = parsed as? [String: Any] else {
            throw LuaRCError("it is not a JSON object")
        }
        let dotted = root.keys.contains { $0.contains(".") }
        var changed = false
        for setting in settings(library: library) {
            changed = try apply(setting, to: &root, dotted: dotted) || changed
        }
        guard changed else { return nil }
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            throw LuaRCError("it cannot be written back as JSON")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Setting {
        let section: String
        let key: String
        /// A value the setting must have, or a value a list must contain.
        let value: String
        let isList: Bool
    }

    private static func settings(library: String) -> [Setting] {
        [Setting(section: "runtime", key: "version", value: "Lua 5.4", isList: false),
         Setting(section: "workspace", key: "library", value: library, isList: true),
         Setting(section: "diagnostics", key: "globals", value: "accord", isList: true)]
    }

    /// The settings, as one line of JSON for a message.
    public static func settingsLine(library: String) -> String {
        #""runtime.version": "Lua 5.4", "workspace.library": [\#(quoted(library))], "diagnostics.globals": ["accord"]"#
    }

    private static func fresh(library: String) -> String {
        """
        {
          "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
          "runtime": { "version": "Lua 5.4" },
          "workspace": { "library": [\(quoted(library))] },
          "diagnostics": { "globals": ["accord"] }
        }

        """
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self).dropFirst().dropLast() }.map(String.init) ?? "\"\(text)\""
    }

    /// Where a file keeps a setting: `{"workspace": {"library": …}}`,
    /// `{"workspace.library": …}` or `{"Lua.workspace.library": …}`.
    private enum Spelling {
        case nested, dotted, prefixed
    }

    /// Adds what `setting` needs to `root`; true when it changed anything.
    private static func apply(_ setting: Setting, to root: inout [String: Any], dotted: Bool) throws(LuaRCError) -> Bool {
        let name = "\(setting.section).\(setting.key)"
        var section: [String: Any]?
        if let value = root[setting.section] {
            guard let object = value as? [String: Any] else { throw LuaRCError("'\(setting.section)' is not an object") }
            section = object
        }
        let spelling: Spelling? = if section?[setting.key] != nil { .nested }
            else if root[name] != nil { .dotted }
            else if root["Lua." + name] != nil { .prefixed }
            else { nil }
        func store(_ value: Any, as spelling: Spelling) {
            switch spelling {
            case .nested:
                var updated = section ?? [:]
                updated[setting.key] = value
                root[setting.section] = updated
            case .dotted: root[name] = value
            case .prefixed: root["Lua." + name] = value
            }
        }
        guard let spelling else {
            store(setting.isList ? [setting.value] : setting.value, as: dotted ? .dotted : .nested)
            return true
        }
        let current: Any? = switch spelling {
        case .nested: section?[setting.key]
        case .dotted: root[name]
        case .prefixed: root["Lua." + name]
        }
        if !setting.isList {
            guard let text = current as? String, text == setting.value else {
                throw LuaRCError("'\(name)' is \(current.map { "\($0)" } ?? "null"), but accord scripts run on \(setting.value)")
            }
            return false
        }
        guard let list = current as? [Any], list.allSatisfy({ $0 is String }) else {
            throw LuaRCError("'\(name)' is not a list of strings")
        }
        if list.contains(where: { $0 as? String == setting.value }) { return false }
        store(list + [setting.value], as: spelling)
        return true
    }
}

/// Why `.luarc.json` was left alone.
public struct LuaRCError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
