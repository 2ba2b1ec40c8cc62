import AccordCore
import ArgumentParser
import Foundation

/// Which workspace a command works on.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The workspace folder (default: the nearest folder with an accord.yaml).")
    var workspace: String?

    /// The workspace, with the packs bundled with `accord` on its search path, and its database
    /// the one `ACCORD_DATABASE` names when set (a path, relative to the workspace, or an address).
    func open() throws -> Workspace {
        var workspace = try find()
        if let database = ProcessInfo.processInfo.environment["ACCORD_DATABASE"], !database.isEmpty {
            do { _ = try DatabaseLocation.parse(database, relativeTo: "/") } catch {
                throw ConfigError(file: "ACCORD_DATABASE", line: nil, message: "\(error)")
            }
            var config = workspace.config
            config.database = database
            workspace = Workspace(root: workspace.root, config: config)
        }
        workspace.bundledPacks = [Bundled.packs]
        return workspace
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

    func openStore(_ workspace: Workspace) throws -> Store {
        if case .postgres = try? workspace.databaseLocation() {
            let setting = ProcessInfo.processInfo.environment["ACCORD_DATABASE"]?.isEmpty == false ? "ACCORD_DATABASE" : nil
            throw ConfigError(file: setting ?? workspace.path(Workspace.configName), line: nil, message: """
                \(setting == nil ? "database: " : "")a PostgreSQL database cannot be a workspace's database yet: \
                only `accord db copy` reaches one
                """)
        }
        log.debug("workspace \(workspace.root.path), database \(workspace.databasePath)")
        do { return try Store(path: workspace.databasePath, busyTimeout: workspace.config.databaseBusyTimeout) } catch let busy as DatabaseBusy {
            throw busy
        } catch {
            throw ConfigError(file: workspace.databasePath, line: nil, message: "cannot open the database: \(error)")
        }
    }
}
