import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: accord.yaml, the database, Scripts/, Reports/, and editor meta files (accord stubs).",
        discussion: """
            The workspace applies the standard rule pack, which comes with accord. With --sample, also copies \
            the sample partnership data, example scripts and reports, and imports the data.
            """
    )

    @Argument(help: "The folder (created when missing; default: the current folder).")
    var folder: String = "."

    @Flag(help: "Include the sample data and example scripts.")
    var sample = false

    func run() throws {
        try reportingErrors {
            let root = URL(fileURLWithPath: folder)
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(Workspace.configName).path) {
                throw UsageError("\(folder) is already a workspace (it has an \(Workspace.configName))")
            }
            var config = WorkspaceConfig()
            config.packs = [PackRequirement(name: "standard", range: try VersionRange("^1.0"))]
            if sample {
                config.name = "Sample partnerships"
                config.data = ["data/sample"]
                config.gold = "data/gold.csv"
            }
            // The database, named by ACCORD_DATABASE when set, is opened before accord.yaml is written: a bad
            // setting or a server out of reach leaves no workspace behind that a second `init` would refuse.
            let database = try WorkspaceOptions.settingDatabase(of: Workspace(root: root, config: config))
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let store = try WorkspaceOptions().openStore(database)
            var workspace = try Workspace.create(at: root, config: config)
            workspace.bundledPacks = [Bundled.packs]
            if sample {
                try store.importFiles(try SampleWorkspace.copy(into: workspace))
            }
            let types = workspace.root.appendingPathComponent(LuaStubs.defaultFolder)
            do { _ = try StubsCommand.write(to: types, workspace: workspace, luarc: true) } catch let error as ConfigError {
                FileHandle.standardError.write(Data("accord: \(error)\n".utf8))
                _ = try StubsCommand.write(to: types, workspace: workspace, luarc: false)
            }
            FileHandle.standardError.write(Data("created workspace \(workspace.root.path)\(sample ? " with the sample data" : "")\n".utf8))
        }
    }
}

/// The sample workspace bundled with `accord`: its data, example scripts and reports.
enum SampleWorkspace {
    /// Copies the sample into a workspace — data into data/sample, the standard pack's
    /// judgements of it into data/gold.csv, example scripts, report scripts — and returns
    /// the data files copied.
    static func copy(into workspace: Workspace) throws -> [String] {
        let fm = FileManager.default
        let data = workspace.root.appendingPathComponent("data/sample")
        let examples = workspace.root.appendingPathComponent("Scripts/examples")
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        try fm.createDirectory(at: examples, withIntermediateDirectories: true)
        var copied: [String] = []
        for name in try fm.contentsOfDirectory(atPath: Bundled.sampleData.path).sorted() where DataFormat(fileName: name) != nil {
            let target = data.appendingPathComponent(name)
            try fm.copyItem(at: Bundled.sampleData.appendingPathComponent(name), to: target)
            copied.append(target.path)
        }
        try fm.copyItem(at: Bundled.sampleData.deletingLastPathComponent().appendingPathComponent("gold.csv"),
                        to: workspace.root.appendingPathComponent("data/gold.csv"))
        let scripts = [("examples", examples), ("reports", workspace.root.appendingPathComponent(workspace.config.reports))]
        for (bundled, target) in scripts {
            let source = Bundled.sample.appendingPathComponent(bundled)
            for name in ((try? fm.contentsOfDirectory(atPath: source.path)) ?? []).sorted() {
                try fm.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        }
        return copied
    }
}
