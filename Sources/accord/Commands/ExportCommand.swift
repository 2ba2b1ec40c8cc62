import AccordCore
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole database as JSON, YAML or CSV.",
        discussion: """
            JSON and YAML go to stdout, or to --out FILE. CSV needs --out DIR and writes sources.csv, \
            organizations.csv and partnerships.csv there. Importing an export reproduces the database.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, yaml, csv
    }

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "json, yaml or csv.")
    var format: Format = .json

    @Option(help: "A file (json, yaml) or folder (csv) to write to.")
    var out: String?

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let dataset = try options.openStore(workspace).dataset()
            switch format {
            case .json: try emit(DataExporter.json(dataset))
            case .yaml: try emit(Data(DataExporter.yaml(dataset).utf8))
            case .csv:
                guard let out else { throw UsageError("CSV export writes three files: give a folder with --out DIR") }
                let folder = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for file in DataExporter.csv(dataset) {
                    try AtomicFile.write(Data(file.contents.utf8), to: folder.appendingPathComponent(file.name))
                }
            }
        }
    }

    private func emit(_ data: Data) throws {
        if let out {
            try AtomicFile.write(data, to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
