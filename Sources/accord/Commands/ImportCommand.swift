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
            let known = try store.knownIDs()
            if dryRun {
                let dataset = try DataImporter.read(files: paths, known: known)
                print("valid: \(ImportSummary(dataset, known: known)) (dry run, nothing imported)")
            } else {
                let dataset = try store.importFiles(paths)
                print("imported \(ImportSummary(dataset, known: known))")
            }
        }
    }

    private func dataFiles(_ arguments: [String]) throws -> [String] {
        do { return try DataImporter.expand(arguments) } catch { throw UsageError(error.description) }
    }
}

/// `3 sources, 103 organizations, 80 partnerships (80 new, 0 updated)`.
struct ImportSummary: CustomStringConvertible {
    let dataset: Dataset
    let known: KnownIDs

    init(_ dataset: Dataset, known: KnownIDs) {
        self.dataset = dataset
        self.known = known
    }

    var description: String {
        let total = dataset.sources.count + dataset.organizations.count + dataset.partnerships.count
        let existing = dataset.sources.filter { known.sources.contains($0.id) }.count
            + dataset.organizations.filter { known.organizations.contains($0.id) }.count
            + dataset.partnerships.filter { known.partnerships.contains($0.id) }.count
        return "\(dataset.sources.count) sources, \(dataset.organizations.count) organizations, "
            + "\(dataset.partnerships.count) partnerships (\(total - existing) new, \(existing) updated)"
    }
}
