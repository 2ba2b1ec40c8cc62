import Foundation
import Yams

/// The settings in a workspace's `accord.yaml`. Paths are relative to the
/// workspace folder.
public struct WorkspaceConfig: Equatable, Sendable {
    public var name: String?
    /// The database: a SQLite file's path, or a PostgreSQL address (`DatabaseLocation`).
    public var database = "accord.db"
    /// How long a command waits for another process's write to the database, in seconds, before exit 75.
    public var databaseBusyTimeout = Store.defaultBusyTimeout
    /// IANA time zone periods are computed in.
    public var timeZone = "UTC"
    /// The country the workspace reports from (ISO 3166-1 alpha-2); nil to take the time zone's.
    public var homeCountry: String?
    /// The exchange rates file reports convert amounts with (see `FXRates`); nil for none.
    public var fx: String?
    /// The file of analysts' judgements `accord rules score` and `rules diff` score the packs against; nil for none.
    public var gold: String?
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
    /// Extra folders searched for rule packs after `rules`.
    public var packPaths: [String] = []
    /// The month (1–12) fiscal years start in; `FY2020` is named by the year it ends in.
    public var fiscalYearStart = 1
    /// The rule packs to apply, in file order, each with the versions accepted.
    public var packs: [PackRequirement] = []
    /// What a script may use before it is stopped.
    public var limits = ScriptLimits.defaults
    /// The paper PDF reports print on: `a4` or `letter`.
    public var paper = "a4"
    /// Whether CSV files start with a UTF-8 byte order mark, which Excel needs to read them as UTF-8.
    public var csvByteOrderMark = false
    /// The reports `accord run-due` produces, when there is a `schedule`.
    public var schedule: Schedule?

    public init() {}

    static let keys = ["name", "database", "database_busy_timeout", "timezone", "home_country", "fx", "gold", "fiscal_year_start", "data", "rules", "reports", "output", "modules", "pack_paths", "packs", "limits", "paper", "csv_bom", "schedule"]
    static let limitKeys = ["instructions", "timeout", "memory"]

    /// Reads `accord.yaml`. Errors name the file, line and key.
    public static func load(from path: String) throws(ConfigError) -> WorkspaceConfig {
        try read(YAMLDocument.load(path, display: path), path: path)
    }

    /// Reads the text of an `accord.yaml`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> WorkspaceConfig {
        try read(YAMLDocument.parse(text, display: file), path: file)
    }

    private static func read(_ root: Node?, path: String) throws(ConfigError) -> WorkspaceConfig {
        var config = WorkspaceConfig()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw ConfigError(file: path, line: root.mark?.line, message: "expected a mapping of settings")
        }
        var scheduleNode: Node?
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
            case "database":
                config.database = try scalar()
                do { try DatabaseLocation.check(config.database) } catch {
                    throw ConfigError(file: path, line: line, message: "database: \(error)")
                }
            case "database_busy_timeout":
                guard let seconds = ScriptLimits.parseSeconds(try scalar()) else {
                    throw ConfigError(file: path, line: line, message: "'database_busy_timeout' must be a duration (30s, 5m) or none")
                }
                config.databaseBusyTimeout = seconds ?? .infinity
            case "timezone":
                config.timeZone = try scalar()
                guard TimeZone(identifier: config.timeZone) != nil else {
                    throw ConfigError(file: path, line: line, message: "'\(config.timeZone)' is not an IANA time zone")
                }
            case "home_country":
                let code = try scalar()
                guard Codes.countries.contains(code) else {
                    throw ConfigError(file: path, line: line, message: "home_country: '\(code)' is not an ISO 3166-1 alpha-2 country code")
                }
                config.homeCountry = code
            case "fx": config.fx = try scalar()
            case "gold": config.gold = try scalar()
            case "data": config.data = try list()
            case "rules": config.rules = try scalar()
            case "reports": config.reports = try scalar()
            case "output": config.output = try scalar()
            case "modules": config.modules = try list()
            case "pack_paths": config.packPaths = try list()
            case "fiscal_year_start":
                guard let month = Int(try scalar()), (1...12).contains(month) else {
                    throw ConfigError(file: path, line: line, message: "'fiscal_year_start' must be a month number, 1 to 12")
                }
                config.fiscalYearStart = month
            case "packs": config.packs = try readPacks(value, file: path)
            case "limits": config.limits = try readLimits(value, file: path)
            case "paper":
                config.paper = try scalar().lowercased()
                guard ["a4", "letter"].contains(config.paper) else {
                    throw ConfigError(file: path, line: line, message: "'paper' must be a4 or letter, not '\(config.paper)'")
                }
            case "csv_bom":
                guard let flag = Bool(try scalar().lowercased()) else {
                    throw ConfigError(file: path, line: line, message: "'csv_bom' must be true or false")
                }
                config.csvByteOrderMark = flag
            case "schedule": scheduleNode = value
            default:
                throw ConfigError(file: path, line: line,
                                  message: "unknown setting '\(key)'" + Suggestion.hint(for: key, in: keys))
            }
        }
        // Read last: it defaults to the workspace's time zone and timeout, wherever they are set.
        if let scheduleNode {
            config.schedule = try ScheduleReader(file: path, defaultZone: config.timeZone,
                                                 defaultTimeout: config.limits.timeout ?? 1800).read(scheduleNode)
        }
        return config
    }

    private static func readLimits(_ node: Node, file: String) throws(ConfigError) -> ScriptLimits {
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.mark?.line, message: "'limits' must be a mapping of instructions, timeout and memory")
        }
        var limits = ScriptLimits.defaults
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let text = value.scalar?.string ?? ""
            func bad(_ expected: String) -> ConfigError {
                ConfigError(file: file, line: value.mark?.line ?? keyNode.mark?.line,
                            message: "limits.\(key): '\(text)' is not \(expected)")
            }
            switch key {
            case "instructions":
                guard let n = ScriptLimits.parseCount(text) else { throw bad("a count (100000000, 100M) or none") }
                limits.instructions = n
            case "timeout":
                guard let s = ScriptLimits.parseSeconds(text) else { throw bad("a duration (30s, 5m) or none") }
                limits.timeout = s
            case "memory":
                guard let b = ScriptLimits.parseSize(text) else { throw bad("a size (512MiB, 1GiB) or none") }
                limits.memory = b
            default:
                throw ConfigError(file: file, line: keyNode.mark?.line,
                                  message: "unknown limit '\(key)'" + Suggestion.hint(for: key, in: limitKeys))
            }
        }
        return limits
    }

    private static func readPacks(_ node: Node, file: String) throws(ConfigError) -> [PackRequirement] {
        if node.scalar?.string == "" { return [] }
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.mark?.line,
                              message: "'packs' must be a mapping of pack names to version ranges (standard: ^1.0)")
        }
        var packs: [PackRequirement] = []
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard PackRequirement.isValidName(name) else {
                throw ConfigError(file: file, line: keyNode.mark?.line,
                                  message: "packs: '\(name)' is not a pack name (letters, digits, '-' and '_')")
            }
            packs.append(try PackRequirement.read(name: name, value: value, keyLine: keyNode.mark?.line, file: file))
        }
        return packs
    }

    /// The `accord.yaml` of a new workspace.
    public func yaml() -> String {
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[" + items.joined(separator: ", ") + "]" }
        // Each setting, then its comment in one column.
        var lines: [(String, String)] = [
            ("database: \(database)", "SQLite database"),
            ("timezone: \(timeZone)", "IANA zone periods are computed in"),
            ("fiscal_year_start: \(fiscalYearStart)", "month fiscal years (FY2020, FY2020-Q1) start in"),
            ("data: \(list(data))", "what `accord import` loads when given no files"),
            ("rules: \(rules)", "rule packs"),
            ("reports: \(reports)", "report scripts"),
            ("output: \(output)", "generated reports"),
            ("paper: \(paper)", "what PDF reports print on: a4 or letter"),
            ("csv_bom: \(csvByteOrderMark)", "true: CSV files start with a byte order mark, for Excel on Windows"),
            ("modules: \(list(modules))", "extra folders `require` searches"),
            ("pack_paths: \(list(packPaths))", "extra folders searched for rule packs, after `rules`"),
            (packs.isEmpty ? "packs: {}" : "packs:", "rule packs to apply and the versions accepted (standard comes with accord)"),
        ]
        if let name { lines.insert(("name: \(name)", "shown in reports"), at: 0) }
        if let gold, let i = lines.firstIndex(where: { $0.0.hasPrefix("data:") }) {
            lines.insert(("gold: \(gold)", "judged partnerships `accord rules score` scores the packs against"), at: i + 1)
        }
        lines += packs.map { ("  \($0.name): \($0.yamlValue)", "") }
        lines += [
            ("limits:", "what a script may use before it is stopped (\"none\" for no limit)"),
            ("  instructions: 10G", "Lua instructions"),
            ("  timeout: 5m", "wall-clock time"),
            ("  memory: 1GiB", "memory, garbage included"),
        ]
        let width = lines.map(\.0.count).max()! + 2
        let body = lines.map { setting, comment in
            comment.isEmpty ? setting : setting.padding(toLength: width, withPad: " ", startingAt: 0) + "# " + comment
        }
        return (["# Accord workspace. Paths are relative to this file."] + body).joined(separator: "\n") + "\n"
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
