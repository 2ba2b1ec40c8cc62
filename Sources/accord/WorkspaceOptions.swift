import AccordCore
import ArgumentParser
import Foundation

/// Which workspace a command works on.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The workspace folder (default: the nearest folder with an accord.yaml).")
    var workspace: String?

    /// The workspace, with the packs bundled with `accord` on its search path.
    func open() throws -> Workspace {
        var workspace = try find()
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
        if PostgresAddress.isAddress(workspace.config.database) {
            throw ConfigError(file: workspace.path(Workspace.configName), line: nil, message: """
                database: a PostgreSQL database cannot be a workspace's database yet: only `accord db copy --to` writes to one
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
