import Foundation

/// A folder with an `accord.yaml`: the database, scripts and reports of one team.
public struct Workspace: Sendable {
    public static let configName = "accord.yaml"

    /// The workspace folder, absolute.
    public let root: URL
    public let config: WorkspaceConfig
    /// Folders of the packs that come with Accord (such as `standard`), searched
    /// after every other folder; the program that opens the workspace sets them.
    public var bundledPacks: [String] = []

    /// Opens the workspace at `root`.
    public init(root: URL) throws(ConfigError) {
        self.root = root.standardizedFileURL
        config = try WorkspaceConfig.load(from: self.root.appendingPathComponent(Workspace.configName).path)
    }

    /// The workspace at `root` with `config` in place of its `accord.yaml` (an edit not yet saved).
    public init(root: URL, config: WorkspaceConfig) {
        self.root = root.standardizedFileURL
        self.config = config
    }

    /// The workspace containing `folder`: the nearest folder at or above it
    /// with an `accord.yaml`.
    public static func find(from folder: URL) throws(ConfigError) -> Workspace {
        var current = folder.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(configName).path) {
                return try Workspace(root: current)
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path {
                throw ConfigError(file: configName, line: nil,
                                  message: "no workspace here or above \(folder.path) (run `accord init` to create one)")
            }
            current = parent
        }
    }

    /// A path from the configuration, made absolute.
    public func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root.appendingPathComponent(relative).path
    }

    public var databasePath: String { path(config.database) }

    /// Where the database is: `database:` read (`accord.yaml` was checked when loaded).
    public func databaseLocation() throws(DatabaseLocationError) -> DatabaseLocation {
        try DatabaseLocation.parse(config.database, relativeTo: root.path)
    }

    /// A path as messages show it: relative to the workspace when inside it,
    /// `<bundled>/standard/init.lua` inside a bundled pack folder.
    public func display(_ path: String) -> String { Workspace.display(path, root: root.path, bundled: bundledPacks) }

    /// The prefix that stands for a folder of bundled packs in messages and in `accord.lock`.
    public static let bundledPrefix = "<bundled>"

    /// `path` relative to the folder `root` when inside it, with `<bundled>/`
    /// for one of the `bundled` folders, else as it is.
    public static func display(_ path: String, root: String, bundled: [String] = []) -> String {
        for folder in bundled {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            if path.hasPrefix(prefix) { return bundledPrefix + "/" + path.dropFirst(prefix.count) }
        }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The folders `require` searches: rules, reports, the scripts folder, then
    /// the configured extra folders.
    public var modulePaths: [String] {
        [config.rules, config.reports, "Scripts"].map(path) + config.modules.map(path)
    }

    /// The folders searched for rule packs, in order: the vendored copies that
    /// `accord.lock` pins, the `rules` folder, the configured `pack_paths`, each
    /// entry of `ACCORD_PATH` (colon-separated; empty entries skipped, relative
    /// ones taken from the current directory), then the bundled packs. A folder
    /// listed twice keeps its first place.
    public func packSearchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        lockedVendorRoots() + localPackSearchPath(environment: environment)
    }

    /// `packSearchPath` without the vendored packs: where packs that name no source are found.
    public func localPackSearchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let fromEnvironment = (environment["ACCORD_PATH"] ?? "").split(separator: ":").map { entry in
            entry.hasPrefix("/") ? String(entry) : current.appendingPathComponent(String(entry)).path
        }
        var seen = Set<String>()
        return ([path(config.rules)] + config.packPaths.map(path) + fromEnvironment + bundledPacks)
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            .filter { seen.insert($0).inserted }
    }

    /// `accord.lock`, at the workspace root.
    public var lockPath: String { path(RulesLock.fileName) }

    /// `.accord/packs`: where `accord rules install` keeps the packs it fetched.
    public var vendorFolder: URL { root.appendingPathComponent(".accord/packs") }

    /// `.accord/cache`: git mirrors, downloaded archives and staged packs, safe to delete.
    public var cacheFolder: URL { root.appendingPathComponent(".accord/cache") }

    /// The search folder of a fetched version, `.accord/packs/NAME/VERSION`, which holds the pack as `NAME/`.
    public func vendoredRoot(name: String, version: SemanticVersion) -> URL {
        vendorFolder.appendingPathComponent(name).appendingPathComponent(version.description)
    }

    /// The search folders of the fetched packs `accord.lock` pins (none without a readable lock).
    public func lockedVendorRoots() -> [String] {
        guard let lock = try? RulesLock.load(from: lockPath) else { return [] }
        return lock.entries.filter { $0.source != nil }.map {
            vendoredRoot(name: $0.name, version: $0.version).standardizedFileURL.path
        }
    }

    /// Whether `folder` is a vendored copy of the pack `name`.
    public func isVendored(_ folder: String, name: String) -> Bool {
        let prefix = vendorFolder.appendingPathComponent(name).standardizedFileURL.path + "/"
        return URL(fileURLWithPath: folder).standardizedFileURL.path.hasPrefix(prefix)
    }

    public var timeZone: TimeZone { TimeZone(identifier: config.timeZone) ?? .gmt }

    /// How period labels are read on `asOf`, with the workspace's fiscal year.
    public func periods(asOf: CalendarDay) -> PeriodContext {
        PeriodContext(asOf: asOf, fiscalYearStart: config.fiscalYearStart)
    }

    /// Today in the workspace's time zone.
    public func today(at date: Date = Date()) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Creates a workspace in `folder`: `accord.yaml`, `Scripts/`, `Reports/`.
    /// Refuses a folder that already has an `accord.yaml`.
    public static func create(at folder: URL, config: WorkspaceConfig) throws -> Workspace {
        let fm = FileManager.default
        let configURL = folder.appendingPathComponent(configName)
        if fm.fileExists(atPath: configURL.path) {
            throw ConfigError(file: configURL.path, line: nil, message: "a workspace already exists here")
        }
        for sub in [config.rules, config.reports, "Scripts/examples", config.output] {
            try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try AtomicFile.write(Data(config.yaml().utf8), to: configURL)
        return try Workspace(root: folder)
    }
}
