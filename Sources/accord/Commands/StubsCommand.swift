import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct StubsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stubs",
        abstract: "Write LuaLS meta files for the accord module, and a .luarc.json that points at them.",
        discussion: """
            The meta files (accord.lua, rules.lua, reports.lua, enums.lua) go to .accord/types in the workspace, or to \
            --out. The .luarc.json at the workspace's root is created, or given the settings it lacks (Lua 5.4, the \
            meta folder in workspace.library, accord in diagnostics.globals) while keeping everything else; one that is \
            not a JSON object, or that names another Lua version, is refused with exit 78 and nothing is written.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The folder for the meta files (default: .accord/types in the workspace).")
    var out: String?

    @Flag(help: "Leave .luarc.json alone.")
    var noLuarc = false

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.root.appendingPathComponent(LuaStubs.defaultFolder)
            let message = try StubsCommand.write(to: folder, workspace: workspace, luarc: !noLuarc)
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }

    /// Writes the meta files and updates `.luarc.json`; returns what it did.
    /// A `.luarc.json` that cannot be updated stops it before anything is written.
    static func write(to folder: URL, workspace: Workspace, luarc: Bool) throws -> String {
        let library = LuaStubs.libraryPath(of: folder, workspace: workspace.root)
        let rc = workspace.root.appendingPathComponent(LuaRC.fileName)
        if luarc {
            let existing = FileManager.default.fileExists(atPath: rc.path) ? try String(contentsOf: rc, encoding: .utf8) : nil
            do { _ = try LuaRC.merged(existing, library: library) } catch {
                throw ConfigError(file: workspace.display(rc.path), line: nil, message: "cannot add the settings accord needs: \(error); "
                    + "add them by hand (\(LuaRC.settingsLine(library: library))), or run with --no-luarc")
            }
        }
        let files = try LuaStubs.write(to: folder)
        var message = "wrote \(files.count) meta files to \(workspace.display(folder.path))"
        if luarc {
            message += "; \(LuaRC.fileName) \(try LuaRC.update(in: workspace.root, library: library).rawValue)"
        }
        return message
    }
}
