import AccordCore
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate data files, then load them all or nothing.",
        discussion: """
            Files are YAML, JSON or CSV (see docs/data-format.md); a folder stands for the data files in it. \
            With no files, imports the workspace's `data` entries. Records are upserted by id, so importing \
            the same file again changes nothing. Any problem in any file is reported with its file, line \
            and field, and nothing is imported (exit 65).
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Flag(help: "Validate only; change nothing.")
    var dryRun = false

    @Argument(help: "Data files or folders.")
    var files: [String] = []

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let paths = try dataFiles(files.isEmpty ? workspace.config.data.map(workspace.path) : files)
            guard !paths.isEmpty else { throw UsageError("nothing to import: name data files, or list them under `data` in accord.yaml") }
            log.debug("importing \(paths.joined(separator: ", "))")
            let store = try options.openStore(workspace)
            if dryRun {
                let counts = try DataImporter.check(files: paths, known: try store.knownIDs())
                print("valid: \(counts) (dry run, nothing imported)")
            } else {
                print("imported \(try store.importFiles(paths))")
            }
        }
    }

    private func dataFiles(_ arguments: [String]) throws -> [String] {
        do { return try DataImporter.expand(arguments) } catch { throw UsageError(error.description) }
    }
}
