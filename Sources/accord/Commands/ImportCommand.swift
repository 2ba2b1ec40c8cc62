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
            the same file again changes nothing: each kind's count says how many records were added, updated \
            and left unchanged. Any problem in any file is reported with its file, line and field, and nothing \
            is imported (exit 65). With --prune, every record the database holds and the files do not is \
            removed (a partnership with its saved labels), and the files may cite only each other. \
            --dry-run does it all and rolls it back, printing what would change.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Flag(help: "Validate, and print what would be imported and removed; change nothing.")
    var dryRun = false

    @Flag(help: "Also remove every record the database holds and the files do not.")
    var prune = false

    @Argument(help: "Data files or folders.")
    var files: [String] = []

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let paths = try dataFiles(files.isEmpty ? workspace.config.data.map(workspace.path) : files)
            guard !paths.isEmpty else { throw UsageError("nothing to import: name data files, or list them under `data` in accord.yaml") }
            log.debug("importing \(paths.joined(separator: ", "))")
            let store = try options.openStore(workspace)
            let line = progress.line("import", total: nil, unit: "records")
            let counts = try store.importFiles(paths, prune: prune, dryRun: dryRun) { line.advance() }
            line.finish()
            for record in counts.removed { print((dryRun ? "would remove " : "removed ") + record.description) }
            print(counts)
            if dryRun { print("dry run: nothing changed") }
        }
    }

    private func dataFiles(_ arguments: [String]) throws -> [String] {
        do { return try DataImporter.expand(arguments) } catch { throw UsageError(error.description) }
    }
}
