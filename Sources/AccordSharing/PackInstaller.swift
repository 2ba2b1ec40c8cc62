import AccordCore
import AccordScripting
import Foundation

/// Chooses the versions of the packs `accord.yaml` requires across all their
/// sources, vendors the fetched ones into `.accord/packs` and writes
/// `accord.lock`: Cargo's model, for rule packs.
///
/// Every version is fetched into a staging folder and loaded there, in the
/// sandbox, before any is chosen; only a version that loads, whose content
/// matches what the lock recorded for it, is vendored. Nothing from a source
/// runs at install time but the pack's `init.lua` description, in the sandbox.
public final class PackInstaller {
    /// How far an install may move from `accord.lock`.
    public enum Mode: Equatable, Sendable {
        /// Keep the locked versions that still satisfy `accord.yaml`; resolve the rest.
        case install
        /// Install exactly what the lock records, offline when the vendored copies
        /// match; fail rather than resolve.
        case frozen
        /// Move the named packs (all when none are named) to the newest versions
        /// the ranges allow; keep the others locked.
        case update([String])
    }

    public let workspace: Workspace
    public let store: Store
    private let limits: ScriptLimits
    private let environment: [String: String]
    private let vendor: VendorFolder
    /// Where progress lines go (fetching, choosing).
    public var progress: (String) -> Void = { _ in }

    public init(workspace: Workspace, store: Store, limits: ScriptLimits,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.workspace = workspace
        self.store = store
        self.limits = limits
        self.environment = environment
        vendor = VendorFolder(workspace: workspace)
    }

    // MARK: Planning

    /// Resolves and fetches, vendoring nothing and writing nothing but the
    /// staging folder (removed by `apply` or `discard`).
    public func plan(_ mode: Mode) throws -> InstallPlan {
        let exclusive = try InstallLock(workspace: workspace)
        let previous = try currentLock()
        if mode == .frozen, previous == nil {
            throw SharingError("--frozen needs an \(RulesLock.fileName): run `accord rules install` once without it")
        }
        let staging = try PackStaging(cache: workspace.cacheFolder)
        do {
            let keep: (String) -> Bool = switch mode {
            case .install, .frozen: { _ in true }
            case .update(let names): { name in !names.isEmpty && !names.contains(name) }
            }
            if case .update(let names) = mode {
                for name in names where !workspace.config.packs.contains(where: { $0.name == name }) {
                    throw SharingError("pack '\(name)' is not in \(Workspace.configName)"
                        + Suggestion.hint(for: name, in: workspace.config.packs.map(\.name)))
                }
            }
            var plan: InstallPlan
            do {
                plan = try resolve(previous: previous, keepLocked: keep, offline: mode == .frozen, staging: staging, lock: exclusive)
            } catch let problems as RuleProblems where mode == .install && previous != nil {
                progress("the locked versions no longer satisfy \(Workspace.configName) (\(problems.problems.first?.message ?? "")); resolving again")
                plan = try resolve(previous: previous, keepLocked: { _ in false }, offline: false, staging: staging, lock: exclusive)
            }
            if mode == .frozen, let previous, plan.lock != previous {
                throw SharingError("\(RulesLock.fileName) is not what \(Workspace.configName) and the sources give now ("
                    + plan.changes.map(\.description).joined(separator: "; ")
                    + "): run `accord rules install` without --frozen and review the change")
            }
            return plan
        } catch {
            staging.remove()
            throw error
        }
    }

    private func currentLock() throws -> RulesLock? {
        guard FileManager.default.fileExists(atPath: workspace.lockPath) else { return nil }
        return try RulesLock.load(from: workspace.lockPath)
    }

    private func resolve(previous: RulesLock?, keepLocked: (String) -> Bool, offline: Bool,
                         staging: PackStaging, lock exclusive: InstallLock) throws -> InstallPlan {
        var offers: [PackOffer] = []
        let sources = SourceReader(workspace: workspace, staging: staging, progress: progress)
        for requirement in workspace.config.packs {
            guard let source = requirement.source else { continue }
            let locked = previous?[requirement.name].flatMap { entry in
                entry.source == source && requirement.range.contains(entry.version) ? entry : nil
            }
            if let locked, keepLocked(requirement.name) {
                offers.append(try lockedOffer(locked, sources: sources))
            } else if offline {
                throw SharingError("pack \(requirement.name) (\(source), \(requirement.range)) is not in \(RulesLock.fileName) "
                    + "as \(Workspace.configName) asks: run `accord rules install` without --frozen")
            } else {
                offers += try sources.offers(requirement)
            }
        }
        let local = workspace.localPackSearchPath(environment: environment)
        let rulebook = try Rulebook(workspace: workspace, store: store, asOf: workspace.today(), limits: limits,
                                    searchPath: offers.map(\.root.path) + local, environment: environment)
        let byFolder = Dictionary(offers.map { ($0.packFolder.standardizedFileURL.path, $0) }, uniquingKeysWith: { a, _ in a })
        /// What stopped the staged versions of `name` from loading, each said of the tag or
        /// archive it came from (Lua shortens long chunk names from the left, so the staging
        /// folder's last parts find them).
        func problems(of name: String) -> [RuleProblem] {
            offers.filter { $0.name == name && !$0.vendored }.flatMap { offer in
                let marker = offer.root.pathComponents.suffix(3).joined(separator: "/") + "/"
                let origin = offer.tag.map { "tag \($0) of \(offer.source)" } ?? "\(offer.source)"
                return rulebook.loadProblems.filter { $0.description.contains(marker) }.map { RuleProblem(origin, $0.description) }
            }
        }
        let candidates = rulebook.installed.filter { pack in
            guard let offer = byFolder[pack.folder] else { return true }
            if let version = offer.version, version != pack.version {
                progress("skipped: \(offer.tag.map { "tag \($0)" } ?? "the archive") of \(offer.source) holds \(pack.name) \(pack.version), not \(version)")
                return false
            }
            return true
        }
        for requirement in workspace.config.packs where requirement.source != nil
            && !candidates.contains(where: { $0.name == requirement.name && byFolder[$0.folder] != nil }) {
            throw RuleProblems(problems(of: requirement.name) + [RuleProblem(Workspace.configName,
                "no version of \(requirement.name) \(requirement.range) from \(requirement.source!) loads; nothing was installed")])
        }
        for name in Set(offers.map(\.name)).sorted() { for problem in problems(of: name) { progress("skipped: \(problem)") } }
        let set = try rulebook.resolve(workspace.config.packs, among: candidates) { byFolder[$0.folder] != nil }
        var entries: [RulesLock.Entry] = []
        var chosen: [ChosenPack] = []
        for pack in set.packs {
            guard let offer = byFolder[pack.folder] else {
                entries.append(RulesLock.Entry(name: pack.name, version: pack.version, digest: pack.digest,
                                               path: rulebook.engine.display(pack.folder)))
                continue
            }
            if let locked = previous?[pack.name], locked.source == offer.source, locked.version == pack.version {
                try checkSameContent(locked, offer: offer, digest: pack.digest)
            }
            let path = workspace.display(vendor.packFolder(pack.name, pack.version).path)
            entries.append(offer.lockEntry(version: pack.version, digest: pack.digest, path: path))
            chosen.append(ChosenPack(offer: offer, version: pack.version, digest: pack.digest))
        }
        let lock = RulesLock(entries: entries)
        return InstallPlan(set: set, lock: lock, previous: previous, chosen: chosen, staging: staging, exclusive: exclusive)
    }

    /// The locked version: the vendored copy when it matches the lock, else
    /// fetched again exactly as locked.
    private func lockedOffer(_ locked: RulesLock.Entry, sources: SourceReader) throws -> PackOffer {
        let folder = vendor.packFolder(locked.name, locked.version)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("init.lua").path) {
            let digest = try PackDigest.of(folder: folder)
            guard digest == locked.digest else {
                throw SharingError("the vendored copy of \(locked.name) \(locked.version) (\(workspace.display(folder.path))) "
                    + "does not match \(RulesLock.fileName): \(locked.digest) locked, \(digest) found; "
                    + "remove \(workspace.display(folder.deletingLastPathComponent().path)) to fetch it again")
            }
            return PackOffer(name: locked.name, source: locked.source!, root: folder.deletingLastPathComponent(),
                             version: locked.version, tag: locked.tag, commit: locked.commit,
                             archiveDigest: locked.archiveDigest, vendored: true)
        }
        return try sources.offer(exactly: locked)
    }

    /// Refuses a version whose content changed at its source since it was locked.
    private func checkSameContent(_ locked: RulesLock.Entry, offer: PackOffer, digest: String) throws {
        let subject = "\(locked.name) \(locked.version) from \(offer.source)"
        if digest != locked.digest {
            var message = "\(subject) has changed since it was locked: its content is \(digest) now, \(locked.digest) in \(RulesLock.fileName)"
            if let lockedCommit = locked.commit, let commit = offer.commit, lockedCommit != commit {
                message += "; tag \(offer.tag ?? "") names commit \(commit) now, \(lockedCommit) when locked"
            }
            if let lockedArchive = locked.archiveDigest, let archive = offer.archiveDigest, lockedArchive != archive {
                message += "; the archive is \(archive) now, \(lockedArchive) when locked"
            }
            throw SharingError(message + ". A published version must not change: refusing it (ask its publisher for a new version)")
        }
        if let lockedArchive = locked.archiveDigest, let archive = offer.archiveDigest, lockedArchive != archive {
            throw SharingError("\(subject) has changed since it was locked: the archive is \(archive) now, \(lockedArchive) "
                + "in \(RulesLock.fileName) (its Lua code, \(digest), is the same). A published version must not change: "
                + "refusing it (ask its publisher for a new version)")
        }
        if let lockedCommit = locked.commit, let commit = offer.commit, lockedCommit != commit {
            progress("tag \(offer.tag ?? "") of \(offer.source) moved from \(lockedCommit.prefix(12)) to \(commit.prefix(12)), with the same content")
        }
    }

    // MARK: Applying

    /// Vendors the chosen versions, runs `beforeLock` (which saves an edited
    /// `accord.yaml`), writes `accord.lock`, removes vendored versions it no
    /// longer names, then checks that the workspace applies exactly what the lock says.
    @discardableResult
    public func apply(_ plan: InstallPlan, beforeLock: () throws -> Void = {}) throws -> [InstallPlan.Change] {
        defer { plan.discard() }
        for pack in plan.chosen where !pack.offer.vendored {
            let existing = vendor.packFolder(pack.offer.name, pack.version)
            if FileManager.default.fileExists(atPath: existing.path) {
                let digest = try PackDigest.of(folder: existing)
                guard digest == pack.digest else {
                    throw SharingError("the vendored copy \(workspace.display(existing.path)) holds \(digest), not the fetched "
                        + "\(pack.digest): remove \(workspace.display(existing.deletingLastPathComponent().path)) and install again")
                }
                continue
            }
            try vendor.add(pack.offer.packFolder, name: pack.offer.name, version: pack.version)
        }
        try beforeLock()
        try plan.lock.write(to: workspace.lockPath)
        vendor.prune(keeping: Dictionary(plan.chosen.map { ($0.offer.name, $0.version) }, uniquingKeysWith: { a, _ in a }))
        let reopened = try Workspace(root: workspace.root).withBundled(workspace.bundledPacks)
        guard !reopened.config.packs.isEmpty else { return plan.changes }
        let rulebook = try Rulebook(workspace: reopened, store: store, asOf: reopened.today(), limits: limits, environment: environment)
        let problems = rulebook.lockProblems(try rulebook.configured())
        guard problems.isEmpty else { throw RuleProblems(problems) }
        return plan.changes
    }

    // MARK: Outdated

    /// For each pack of `accord.yaml`: the locked version, the newest its range
    /// allows and the newest there is.
    public func outdated() throws -> [OutdatedPack] {
        let exclusive = try InstallLock(workspace: workspace)
        defer { withExtendedLifetime(exclusive) {} }
        let lock = try currentLock()
        let staging = try PackStaging(cache: workspace.cacheFolder)
        defer { staging.remove() }
        let sources = SourceReader(workspace: workspace, staging: staging, progress: progress)
        var versions: [String: [SemanticVersion]] = [:]
        var staged: [PackOffer] = []
        var unreachable: Set<String> = []
        for requirement in workspace.config.packs {
            guard let source = requirement.source else { continue }
            do {
                if case .git = source {
                    versions[requirement.name] = try sources.gitVersions(source)
                } else {
                    staged += try sources.offers(requirement, inRange: false)
                }
            } catch {
                progress("\(requirement.name): cannot read \(source): \(error)")
                unreachable.insert(requirement.name)
            }
        }
        let rulebook = try Rulebook(workspace: workspace, store: store, asOf: workspace.today(), limits: limits,
                                    searchPath: staged.map(\.root.path) + workspace.localPackSearchPath(environment: environment),
                                    environment: environment)
        let stagedFolders = Set(staged.map(\.packFolder.standardizedFileURL.path))
        for pack in rulebook.installed {
            let requirement = workspace.config.packs.first { $0.name == pack.name }
            if (requirement?.source != nil) == stagedFolders.contains(pack.folder) {
                versions[pack.name, default: []].append(pack.version)
            }
        }
        return workspace.config.packs.map { requirement in
            let known = (versions[requirement.name] ?? []).filter { !$0.isPrerelease }
            return OutdatedPack(name: requirement.name, source: requirement.source, range: requirement.range,
                                locked: lock?[requirement.name]?.version,
                                newestAllowed: known.filter(requirement.range.contains).max(),
                                newest: known.max(), reachable: !unreachable.contains(requirement.name))
        }
    }
}

/// A pack the installer chose from a source.
struct ChosenPack {
    var offer: PackOffer
    var version: SemanticVersion
    var digest: String
}

/// What an install would do: the packs chosen and the lock that records them.
public struct InstallPlan {
    /// The rule set the workspace will apply.
    public let set: RuleSet
    /// `accord.lock` as it will be written.
    public let lock: RulesLock
    /// The lock before, if there was one.
    public let previous: RulesLock?
    let chosen: [ChosenPack]
    let staging: PackStaging
    /// Held from planning to `apply` or `discard`.
    let exclusive: InstallLock

    /// The folders of the fetched versions chosen (staged or vendored), for
    /// loading the planned set elsewhere (`accord rules update --dry-run`).
    public var chosenFolders: [String] { chosen.map(\.offer.packFolder.path) }

    /// One difference between the previous lock and this one.
    public enum Change: Equatable, Sendable, CustomStringConvertible {
        case added(String, SemanticVersion)
        case removed(String, SemanticVersion)
        case changed(String, from: SemanticVersion, to: SemanticVersion)
        /// Same version, recorded otherwise: another source, tag, commit or folder.
        case refetched(String, SemanticVersion)

        public var description: String {
            switch self {
            case .added(let name, let version): "\(name) \(version) added"
            case .removed(let name, let version): "\(name) \(version) removed"
            case .changed(let name, let from, let to): "\(name) \(from) → \(to)"
            case .refetched(let name, let version): "\(name) \(version) recorded anew (source, tag, commit or folder)"
            }
        }
    }

    public var changes: [Change] {
        var out: [Change] = []
        let before = previous ?? RulesLock()
        for entry in lock.entries {
            guard let old = before[entry.name] else { out.append(.added(entry.name, entry.version)); continue }
            if old.version != entry.version {
                out.append(.changed(entry.name, from: old.version, to: entry.version))
            } else if old != entry {
                out.append(.refetched(entry.name, entry.version))
            }
        }
        for old in before.entries where lock[old.name] == nil { out.append(.removed(old.name, old.version)) }
        return out
    }

    /// How each pack of the lock was found, for the install's summary.
    public var lines: [String] {
        lock.entries.map { entry in
            var line = "\(entry.name) \(entry.version)"
            switch entry.source {
            case .git(let url, let path)?:
                line += " from \(url)" + (path.map { " (\($0))" } ?? "") + " at \(entry.tag ?? "?") (\(entry.commit?.prefix(12) ?? "?"))"
            case .archive(let location)?: line += " from \(location)"
            case .folder(let path)?: line += " from \(path)"
            case nil: line += " in \(entry.path)"
            }
            return line
        }
    }

    /// Removes the staging folder.
    public func discard() { staging.remove() }
}

/// One row of `accord rules outdated`.
public struct OutdatedPack: Equatable, Sendable {
    public var name: String
    public var source: PackSource?
    public var range: VersionRange
    public var locked: SemanticVersion?
    public var newestAllowed: SemanticVersion?
    public var newest: SemanticVersion?
    /// False when its source could not be read: its newest versions are not known.
    public var reachable = true

    /// Whether `accord rules update` would move it, or a wider range would (or it cannot be told).
    public var isOutdated: Bool {
        guard let locked, reachable else { return true }
        return (newestAllowed.map { $0 > locked } ?? false) || (newest.map { $0 > locked } ?? false)
    }
}

extension Workspace {
    /// The same workspace with `folders` as its bundled packs.
    func withBundled(_ folders: [String]) -> Workspace {
        var copy = self
        copy.bundledPacks = folders
        return copy
    }
}
