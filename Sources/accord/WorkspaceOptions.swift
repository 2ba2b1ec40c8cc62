import AccordCore
import AccordPostgres
import ArgumentParser
import Foundation

/// Which workspace a command works on.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The workspace folder (default: the nearest folder with an accord.yaml).")
    var workspace: String?

    /// The workspace, with the packs bundled with `accord` on its search path, and its database
    /// the one `ACCORD_DATABASE` names when set (a path, relative to the workspace, or an address).
    func open() throws -> Workspace {
        var workspace = try Self.settingDatabase(of: try find())
        workspace.bundledPacks = [Bundled.packs]
        return workspace
    }

    /// `workspace`, its database the one `ACCORD_DATABASE` names when set.
    static func settingDatabase(of workspace: Workspace) throws -> Workspace {
        guard let database = ProcessInfo.processInfo.environment["ACCORD_DATABASE"], !database.isEmpty else { return workspace }
        do { try DatabaseLocation.check(database) } catch {
            throw ConfigError(file: "ACCORD_DATABASE", line: nil, message: "\(error)")
        }
        var config = workspace.config
        config.database = database
        var set = Workspace(root: workspace.root, config: config)
        set.bundledPacks = workspace.bundledPacks
        return set
    }

    private func find() throws -> Workspace {
        let env = ProcessInfo.processInfo.environment["ACCORD_WORKSPACE"]
        if let folder = workspace ?? env {
            let url = URL(fileURLWithPath: folder)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Workspace.configName).path) else {
                throw ConfigError(file: url.appendingPathComponent(Workspace.configName).path, line: nil,
                                  message: "no workspace there (run `accord init \(folder)`)")
            }
            return try Workspace(root: url)
        }
        return try Workspace.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The workspace's database: its SQLite file, or the PostgreSQL database its setting names.
    func openStore(_ workspace: Workspace) throws -> Store {
        let location: DatabaseLocation
        do { location = try workspace.databaseLocation() } catch {
            throw databaseSettingError(workspace, "\(error)")
        }
        guard case .postgres(let address) = location else { return try openSQLiteStore(workspace) }
        log.debug("workspace \(workspace.root.path), database \(address)")
        let credentials = PostgresCredentials.find(for: address) { warning in
            FileHandle.standardError.write(Data("accord: \(warning)\n".utf8))
        }
        do {
            return try Store(server: PostgresStoreServer(address, credentials: credentials,
                                                         busyTimeout: workspace.config.databaseBusyTimeout),
                             upgrading: Self.sayUpgrading)
        } catch let error as StoreError {
            throw ConfigError(file: address.description, line: nil, message: "\(error)")
        }
    }

    /// On a terminal, says why opening the database takes a while: an upgrade of a large one can
    /// take minutes. Under cron, nothing.
    private static func sayUpgrading(_ migrations: [String]) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let names = migrations.joined(separator: ", ")
        FileHandle.standardError.write(Data("accord: upgrading the database for this version of Accord (\(names))…\n".utf8))
    }

    /// `message` about the database setting, naming where it was made: `ACCORD_DATABASE`, else `database:` in accord.yaml.
    private func databaseSettingError(_ workspace: Workspace, _ message: String) -> ConfigError {
        if ProcessInfo.processInfo.environment["ACCORD_DATABASE"]?.isEmpty == false {
            return ConfigError(file: "ACCORD_DATABASE", line: nil, message: message)
        }
        return ConfigError(file: workspace.path(Workspace.configName), line: nil, message: "database: " + message)
    }

    /// The workspace's SQLite file; a setting that names a PostgreSQL database is refused.
    func openSQLiteStore(_ workspace: Workspace) throws -> Store {
        if case .postgres(let address) = try? workspace.databaseLocation() {
            throw databaseSettingError(workspace, """
                this workspace's database is \(address), not a SQLite file to copy (ACCORD_DATABASE=accord.db names the file)
                """)
        }
        log.debug("workspace \(workspace.root.path), database \(workspace.databasePath)")
        do {
            return try Store(path: workspace.databasePath, busyTimeout: workspace.config.databaseBusyTimeout,
                             upgrading: Self.sayUpgrading)
        } catch let busy as DatabaseBusy {
            throw busy
        } catch {
            throw ConfigError(file: workspace.databasePath, line: nil, message: "cannot open the database: \(error)")
        }
    }
}
