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
            Only the new entry's line is written; the rest of accord.yaml stays as it is. It is saved only \
            once the pack is fetched, checked and vendored, just before accord.lock: a failed or interrupted \
            add leaves it as it was.
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
            if path != nil, location.source.kind != "git" {
                throw UsageError("--path names a subfolder of a git repository, not of the \(location.source)")
            }
            let name = try name ?? location.packName()
            guard PackRequirement.isValidName(name) else {
                throw UsageError("'\(name)' is not a pack name (letters, digits, '-' and '_'): name it with --name")
            }
            let range = try VersionRange(try version ?? location.defaultRange())
            let requirement = PackRequirement(name: name, range: range, source: location.source)
            let plan = try installEditing(ws, options: options) { try $0.adding(requirement) }
            print("added \(name): \(requirement.yamlValue)")
            for line in plan.lines where line.hasPrefix(name + " ") { print(line) }
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
            try installEditing(ws, options: options) { try $0.removing(name) }
            print("removed \(name)")
        }
    }
}

/// Installs as if `edit` had been made to the workspace's `accord.yaml`, and saves the edit
/// only once every pack is fetched, checked and vendored, just before `accord.lock` is
/// written: a failed or interrupted add or remove leaves `accord.yaml` as it was.
@discardableResult
private func installEditing(_ workspace: Workspace, options: RulesOptions,
                            _ edit: (PacksSectionEditor) throws -> String) throws -> InstallPlan {
    let file = workspace.root.appendingPathComponent(Workspace.configName)
    let display = workspace.display(file.path)
    let edited = try edit(PacksSectionEditor(text: try String(contentsOf: file, encoding: .utf8), file: display))
    var proposed = Workspace(root: workspace.root, config: try WorkspaceConfig.parse(edited, file: display))
    proposed.bundledPacks = workspace.bundledPacks
    let installer = try options.installer(for: proposed)
    let plan = try installer.plan(.install)
    try installer.apply(plan) { try AtomicFile.write(Data(edited.utf8), to: file) }
    return plan
}
