import Foundation
import Yams

/// The settings in a workspace's `accord.yaml`. Paths are relative to the
/// workspace folder.
public struct WorkspaceConfig: Equatable, Sendable {
    public var name: String?
    /// The SQLite database file.
    public var database = "accord.db"
    /// IANA time zone periods are computed in.
    public var timeZone = "UTC"
    /// Data files or folders `accord import` loads when given no files.
    public var data: [String] = []
    /// Where rule packs live.
    public var rules = "Scripts/rules"
    /// Where report scripts live.
    public var reports = "Scripts/reports"
    /// Where generated reports land.
    public var output = "Reports"
    /// Extra folders `require` searches.
    public var modules: [String] = []

    public init() {}

    static let keys = ["name", "database", "timezone", "data", "rules", "reports", "output", "modules"]

    /// Reads `accord.yaml`. Errors name the file, line and key.
    public static func load(from path: String) throws(ConfigError) -> WorkspaceConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot read: \(error.localizedDescription)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigError(file: path, line: nil, message: "not valid YAML: \(error)")
        }
        var config = WorkspaceConfig()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw ConfigError(file: path, line: root.mark?.line, message: "expected a mapping of settings")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            func scalar() throws(ConfigError) -> String {
                guard let s = value.scalar?.string, !s.isEmpty else {
                    throw ConfigError(file: path, line: line, message: "'\(key)' must be a text value")
                }
                return s
            }
            func list() throws(ConfigError) -> [String] {
                if let s = value.scalar?.string { return s.isEmpty ? [] : [s] }
                guard let items = value.sequence?.map({ $0.scalar?.string }), !items.contains(nil) else {
                    throw ConfigError(file: path, line: line, message: "'\(key)' must be a list of paths")
                }
                return items.compactMap { $0 }
            }
            switch key {
            case "name": config.name = try scalar()
            case "database": config.database = try scalar()
            case "timezone":
                config.timeZone = try scalar()
                guard TimeZone(identifier: config.timeZone) != nil else {
                    throw ConfigError(file: path, line: line, message: "'\(config.timeZone)' is not an IANA time zone")
                }
            case "data": config.data = try list()
            case "rules": config.rules = try scalar()
            case "reports": config.reports = try scalar()
            case "output": config.output = try scalar()
            case "modules": config.modules = try list()
            default:
                throw ConfigError(file: path, line: line,
                                  message: "unknown setting '\(key)'" + Suggestion.hint(for: key, in: keys))
            }
        }
        return config
    }

    /// The `accord.yaml` of a new workspace.
    public func yaml() -> String {
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[" + items.joined(separator: ", ") + "]" }
        return """
        # Accord workspace. Paths are relative to this file.
        \(name.map { "name: \($0)\n" } ?? "")database: \(database)      # SQLite database
        timezone: \(timeZone)           # IANA zone periods are computed in
        data: \(list(data))      # what `accord import` loads when given no files
        rules: \(rules)    # rule packs
        reports: \(reports)  # report scripts
        output: \(output)          # generated reports
        modules: \(list(modules))          # extra folders `require` searches

        """
    }
}

/// A problem with `accord.yaml`.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
