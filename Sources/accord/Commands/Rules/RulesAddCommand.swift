import AccordCore
import AccordSharing
import ArgumentParser
import Foundation

struct RulesAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a pack to accord.yaml from a git repository, an archive or a folder, and install it.",
        discussion: """
            SOURCE is a git address (https://, ssh://, file://, user@host:path, or a path to a repository), \
            a .tar.gz written by `accord rules pack` (a path or an http(s) address), or a pack folder. \
            Only the new entry's line is written; the rest of accord.yaml stays as it is. If the install \
            fails, accord.yaml is left as it was.
            """)

    @OptionGroup var options: RulesOptions

    @Argument(help: "Where the pack comes from.")
    var source: String

    @Option(help: "The pack's name (default: the subfolder's, the archive's or the folder's).")
    var name: String?

    @Option(help: "The subfolder of a git repository that holds the pack.")
    var path: String?

    @Option(help: "The versions accepted (default: ^ the newest tag of a git source; any version of an archive or folder).")
    var version: String?

    func run() throws {
        try reportingErrors {
            let ws = try options.workspace.open()
            let location = PackLocation(source, subfolder: path, workspace: ws.root)
            let name = try name ?? location.packName()
            guard PackRequirement.isValidName(name) else {
                throw UsageError("'\(name)' is not a pack name (letters, digits, '-' and '_'): name it with --name")
            }
            let range = try VersionRange(try version ?? location.defaultRange())
            let requirement = PackRequirement(name: name, range: range, source: location.source)
            try editingPacks(of: ws, { try $0.adding(requirement) }) {
                let installer = try options.installer()
                let plan = try installer.plan(.install)
                try installer.apply(plan)
                print("added \(name): \(requirement.yamlValue)")
                for line in plan.lines where line.hasPrefix(name + " ") { print(line) }
            }
        }
    }
}

struct RulesRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a pack from accord.yaml, its vendored copy and its entry in accord.lock.")

    @OptionGroup var options: RulesOptions

    @Argument(help: "The pack to remove.")
    var name: String

    func run() throws {
        try reportingErrors {
            let ws = try options.workspace.open()
            try editingPacks(of: ws, { try $0.removing(name) }) {
                let installer = try options.installer()
                try installer.apply(try installer.plan(.install))
                print("removed \(name)")
            }
        }
    }
}

/// Saves `edit`'s change to the workspace's `accord.yaml`, then runs `install`; puts the
/// file back as it was when the install fails.
private func editingPacks(of workspace: Workspace, _ edit: (PacksSectionEditor) throws -> String,
                          then install: () throws -> Void) throws {
    let file = workspace.root.appendingPathComponent(Workspace.configName)
    let original = try String(contentsOf: file, encoding: .utf8)
    try AtomicFile.write(Data(try edit(PacksSectionEditor(text: original, file: workspace.display(file.path))).utf8), to: file)
    do { try install() } catch {
        try AtomicFile.write(Data(original.utf8), to: file)
        throw error
    }
}
