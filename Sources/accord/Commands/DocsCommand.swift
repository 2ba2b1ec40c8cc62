import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the reference of the accord Lua API, generated from its declarations.",
        discussion: "The same accord writes the same bytes, so a committed reference can be checked against it."
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The file to write, or - for stdout (default: docs/lua-api.md in the workspace, or in the current folder outside one).")
    var out: String?

    func run() throws {
        try reportingErrors {
            let text = APIReference.markdown()
            if out == "-" {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            let url: URL
            if let out {
                url = URL(fileURLWithPath: out)
            } else {
                let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                let root = options.workspace == nil ? ((try? options.open())?.root ?? cwd) : try options.open().root
                url = root.appendingPathComponent(APIReference.defaultPath)
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: url)
            FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
        }
    }
}
