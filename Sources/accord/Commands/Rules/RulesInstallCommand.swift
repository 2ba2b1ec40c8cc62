import AccordCore
import AccordScripting
import AccordSharing
import ArgumentParser

extension RulesOptions {
    /// The installer of the workspace's packs (or of `proposed`, the same workspace with
    /// another `accord.yaml`), its progress on stderr.
    func installer(for proposed: Workspace? = nil) throws -> PackInstaller {
        let ws = try proposed ?? workspace.open()
        let installer = PackInstaller(workspace: ws, store: try workspace.openStore(ws), limits: try limits.resolve(ws))
        installer.progress = { warn($0) }
        return installer
    }
}

struct RulesInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Fetch the packs accord.yaml names from git or archives, vendor them and write accord.lock.",
        discussion: """
            Every requirement is resolved (with what the chosen packs require) across the sources and the search \
            path; fetched versions are copied, read-only, into .accord/packs/NAME/VERSION/. Versions accord.lock \
            already pins are kept while accord.yaml still accepts them, and read from the vendored copy without \
            touching the network when it matches the lock. A version whose content changed at its source since \
            it was locked is refused.
            """)

    @OptionGroup var options: RulesOptions

    @Flag(help: "Install exactly what accord.lock records, offline when the vendored copies match; fail rather than resolve.")
    var frozen = false

    func run() throws {
        try reportingErrors {
            let installer = try options.installer()
            let plan = try installer.plan(frozen ? .frozen : .install)
            let changes = try installer.apply(plan)
            printInstalled(plan, changes, lockPath: installer.workspace.display(installer.workspace.lockPath))
        }
    }
}

struct RulesUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Move packs to the newest versions accord.yaml allows and rewrite accord.lock.",
        discussion: "With --dry-run, print what would change (versions, and each label's partnerships) and change nothing.")

    @OptionGroup var options: RulesOptions

    @Argument(help: "The packs to update (default: all).")
    var names: [String] = []

    @Flag(help: "Show the update and its effect on the workspace's labels; change nothing.")
    var dryRun = false

    func run() throws {
        try reportingErrors {
            let installer = try options.installer()
            let plan = try installer.plan(.update(names))
            if dryRun {
                defer { plan.discard() }
                try printImpact(of: plan, installer: installer)
                return
            }
            let changes = try installer.apply(plan)
            printInstalled(plan, changes, lockPath: installer.workspace.display(installer.workspace.lockPath))
        }
    }
}

/// What `plan` would change: the versions, then each label's partnerships (as `accord rules
/// diff` shows them, with both scores when `accord.yaml` names a gold file) from the locked set
/// to the planned one. Exits 1 when anything would change.
private func printImpact(of plan: InstallPlan, installer: PackInstaller) throws {
    let workspace = installer.workspace
    let changes = plan.changes
    print(changes.isEmpty ? "nothing to update" : "would update: " + changes.map(\.description).joined(separator: ", "))
    guard !changes.isEmpty, let previous = plan.previous else { return }
    let before = try PackSelection.locked(previous, root: workspace.root, bundledPacks: workspace.bundledPacks)
    let after = PackSelection(name: "the update", folders: plan.chosenFolders,
                              searchPath: workspace.localPackSearchPath(), requirements: workspace.config.packs,
                              requiredBy: Workspace.configName, displayRoot: workspace.root.path,
                              bundledPacks: workspace.bundledPacks)
    let report = try RuleSetDiff.compare(workspace: workspace, store: installer.store, before: before, after: after,
                                         gold: try goldFile(nil, in: workspace))
    print("")
    print(report.text)
    throw ExitCode(Exit.scriptFailed)
}

/// What an install did: each pack and where it came from, then the changes to the lock.
private func printInstalled(_ plan: InstallPlan, _ changes: [InstallPlan.Change], lockPath: String) {
    for line in plan.lines { print(line) }
    if changes.isEmpty && plan.previous != nil {
        print("\(lockPath) unchanged")
    } else {
        print("wrote \(lockPath)" + (changes.isEmpty ? "" : ": " + changes.map(\.description).joined(separator: ", ")))
    }
}
