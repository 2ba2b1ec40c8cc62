import AccordCore
import Foundation
import LuaKit

/// A workspace's rule packs: what is installed on the search path, what
/// `accord.yaml` applies, and the checks that run before every classification.
public final class Rulebook {
    public let workspace: Workspace
    public let engine: RuleEngine
    /// Every pack that loaded, in search-path order.
    public let installed: [Pack]
    /// Packs that failed to load, and why.
    public let loadProblems: [RuleProblem]
    /// The same, by pack name.
    private let failed: [String: [RuleProblem]]

    /// Loads the packs. Everything they run counts against `budget`, or, when
    /// none is given, against a new budget started with `limits`: one
    /// instruction count, deadline and memory ceiling for the whole command.
    /// Share one budget between the rulebooks of a command that classifies on
    /// several threads.
    /// `searchPath` replaces the workspace's (`Workspace.packSearchPath`): the
    /// installer loads the versions it fetched that way.
    public init(workspace: Workspace, store: Store, asOf: CalendarDay, limits: ScriptLimits, budget: LuaBudget? = nil,
                searchPath: [String]? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.workspace = workspace
        engine = try RuleEngine(store: store, searchPath: searchPath ?? workspace.packSearchPath(environment: environment),
                                modulePaths: workspace.modulePaths, displayRoot: workspace.root.path,
                                bundledPacks: workspace.bundledPacks,
                                periods: workspace.periods(asOf: asOf), limits: limits,
                                budget: budget ?? LuaBudget(LuaLimits(limits)))
        (installed, loadProblems, failed) = engine.discover()
    }

    /// The packs `accord.yaml` applies, with what they require.
    public func configured() throws(RuleProblems) -> RuleSet {
        guard !workspace.config.packs.isEmpty else {
            let names = installed.map(\.title).joined(separator: ", ")
            throw RuleProblems([RuleProblem(Workspace.configName, "no rule packs are applied: list them under `packs:` "
                + "with a version range (standard: ^1.0)" + (names.isEmpty ? "" : "; installed: \(names)"))])
        }
        return try resolve(workspace.config.packs, among: installed)
    }

    /// The packs to apply for `requirements`, chosen among `candidates`: a
    /// pack that names a source only from the copies `fetched` accepts (by
    /// default its vendored copies), the others only from the rest.
    public func resolve(_ requirements: [PackRequirement], among candidates: [Pack],
                        fetched: ((Pack) -> Bool)? = nil) throws(RuleProblems) -> RuleSet {
        let fetched = fetched ?? { [workspace] pack in workspace.isVendored(pack.folder, name: pack.name) }
        let sourced = Dictionary(requirements.compactMap { r in r.source.map { (r.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let eligible = candidates.filter { pack in sourced[pack.name] == nil ? !fetched(pack) : fetched(pack) }
        for (name, source) in sourced.sorted(by: { $0.key < $1.key }) where !eligible.contains(where: { $0.name == name }) {
            throw RuleProblems([RuleProblem(Workspace.configName,
                "pack '\(name)' comes from \(source) and is not installed: run `accord rules install`")])
        }
        return try PackResolver(installed: eligible, searched: engine.searchPath.map(engine.display), display: engine.display)
            .resolve(requirements, requiredBy: Workspace.configName)
    }

    /// What a pack's fixtures reveal about it: unreadable test files, `stable`
    /// rules no case expects to fire, rules of a `unique` pack that fire
    /// together. Leaves the pack's test set active.
    public func checkFixtures(of pack: Pack) -> [RuleProblem] {
        let found = fixtureProblems(of: pack)
        return found.untested + found.others
    }

    /// The `stable` rules of `pack` that no test case expects to fire, each a
    /// problem at the rule's declaration (or the problems reading the test files).
    public func untestedStableRules(of pack: Pack) -> [RuleProblem] {
        do { return untestedStableRules(of: pack, in: try engine.fixtures(of: pack, records: false)) } catch {
            return error.issues.map { RuleProblem("", $0.description) }
        }
    }

    private func untestedStableRules(of pack: Pack, in fixtures: [PackFixtures]) -> [RuleProblem] {
        let expected = Set(fixtures.flatMap(\.cases).flatMap(\.fired).map { engine.qualified($0, in: pack) })
        return pack.rules.filter { $0.status == .stable && !expected.contains($0.id) }.map { rule in
            RuleProblem(rule.position, "rule \(rule.id) is stable but no test case expects it to fire: "
                + "add a case with `fired: [\(rule.localID)]` to \(engine.display(pack.folder))/tests/, or mark it experimental")
        }
    }

    /// `checkFixtures`, with the untested stable rules apart from the other problems.
    private func fixtureProblems(of pack: Pack) -> (untested: [RuleProblem], others: [RuleProblem]) {
        // Only a unique pack's check needs the fixtures' records: the others
        // are checked against the cases alone, so a workspace without the
        // test data can still classify.
        let fixtures: [PackFixtures]
        do { fixtures = try engine.fixtures(of: pack, records: pack.hitPolicy == .unique) } catch {
            return ([], error.issues.map { RuleProblem("", $0.description) })
        }
        let untested = untestedStableRules(of: pack, in: fixtures)
        var problems: [RuleProblem] = []
        guard pack.hitPolicy == .unique, !fixtures.isEmpty else { return (untested, problems) }
        do {
            try engine.activate(try engine.testSet(for: pack, installed: installed))
            let report = engine.runTests(of: pack, fixtures: fixtures)
            for result in report.results {
                for conflict in result.classification.conflicts {
                    problems.append(RuleProblem(result.fixture.position, "\(conflict) on \(result.fixture.partnership)"))
                }
            }
        } catch let error as RuleProblems {
            problems += error.problems
        } catch {
            problems.append(RuleProblem("", String(describing: error)))
        }
        return (untested, problems)
    }

    /// Every problem `accord rules check` reports: packs that do not load, a
    /// configuration that does not resolve, fixture problems of every pack,
    /// and a lockfile that no longer matches.
    public func check() -> [RuleProblem] {
        var problems = loadProblems
        for pack in installed { problems += checkFixtures(of: pack) }
        if workspace.config.packs.isEmpty { return problems }
        do {
            let set = try configured()
            problems += lockProblems(set)
        } catch {
            problems += error.problems
        }
        return problems
    }

    /// How `prepare` treats `stable` rules that no test case expects to fire.
    public enum UntestedStableRules: Sendable {
        /// They stop the run, as every other problem does: what saves labels.
        case refused
        /// They are handed to `warn` and the run goes on: an analyst sees what
        /// a new rule catches before writing its tests.
        case warned
    }

    /// The rule set to classify with, after every check, doing `drafts` with its draft rules;
    /// active on return. A pack that does not load stops it only when its name is one the
    /// workspace or an installed pack asks for.
    public func prepare(untested: UntestedStableRules = .refused, drafts: DraftRules = .excluded,
                        warn: (RuleProblem) -> Void = { _ in }) throws(RuleProblems) -> RuleSet {
        let wanted = Set(workspace.config.packs.map(\.name) + installed.flatMap { $0.requires.map(\.name) })
        var problems = failed.filter { wanted.contains($0.key) }.sorted { $0.key < $1.key }.flatMap(\.value)
        let set: RuleSet
        do { set = try configured().with(drafts: drafts) } catch {
            throw RuleProblems(problems + error.problems)
        }
        var warnings: [RuleProblem] = []
        for pack in set.packs {
            let found = fixtureProblems(of: pack)
            switch untested {
            case .refused: problems += found.untested
            case .warned: warnings += found.untested
            }
            problems += found.others
        }
        problems += lockProblems(set)
        guard problems.isEmpty else { throw RuleProblems(problems) }
        warnings.forEach(warn)
        do { try engine.activate(set) } catch { throw RuleProblems([RuleProblem("", error.description)]) }
        return set
    }

    // MARK: The lockfile

    /// Differences between the applied packs and `accord.lock`; none when
    /// there is no lockfile.
    public func lockProblems(_ set: RuleSet) -> [RuleProblem] {
        guard FileManager.default.fileExists(atPath: workspace.lockPath) else { return [] }
        let lock: RulesLock
        do { lock = try RulesLock.load(from: workspace.lockPath) } catch {
            return [RuleProblem("", error.description)]
        }
        let file = RulesLock.fileName
        let fix = "run `accord rules lock` to accept the change"
        var problems: [RuleProblem] = []
        for pack in set.packs {
            guard let entry = lock.entries.first(where: { $0.name == pack.name }) else {
                problems.append(RuleProblem(file, "pack \(pack.title) is applied but not locked; \(fix)"))
                continue
            }
            let wanted = workspace.config.packs.first { $0.name == pack.name }?.source
            if let wanted, entry.source != wanted {
                problems.append(RuleProblem(file, "pack \(pack.name) comes from \(wanted) in \(Workspace.configName) but was "
                    + "installed from \(entry.source.map(\.description) ?? "the search path"); run `accord rules install`"))
                continue
            }
            if entry.version != pack.version {
                problems.append(RuleProblem(file, "pack \(pack.name) is locked at \(entry.version) but \(pack.version) "
                    + "is installed (\(engine.display(pack.folder))); \(fix)"))
            } else if entry.digest != pack.digest {
                let restore = workspace.isVendored(pack.folder, name: pack.name)
                    ? "remove \(engine.display((pack.folder as NSString).deletingLastPathComponent)) and run `accord rules install` "
                        + "to fetch it again" : "\(fix), or restore the pack"
                problems.append(RuleProblem(file, "pack \(pack.title) changed since it was locked: \(entry.digest) locked, "
                    + "\(pack.digest) now (\(engine.display(pack.folder))); \(restore)"))
            }
        }
        for entry in lock.entries where set.pack(named: entry.name) == nil {
            problems.append(RuleProblem(file, "pack \(entry.name) is locked but no longer applied; \(fix)"))
        }
        return problems
    }

    /// Writes `accord.lock` for the applied packs, keeping where each fetched
    /// pack came from as the lock already records it.
    public func lock(_ set: RuleSet) throws {
        let previous = try? RulesLock.load(from: workspace.lockPath)
        let entries = set.packs.map { pack in
            var entry = RulesLock.Entry(name: pack.name, version: pack.version, digest: pack.digest, path: engine.display(pack.folder))
            if let old = previous?[pack.name], old.version == pack.version, old.digest == pack.digest, old.source != nil,
               workspace.isVendored(pack.folder, name: pack.name) {
                (entry.source, entry.tag, entry.commit, entry.archiveDigest) = (old.source, old.tag, old.commit, old.archiveDigest)
            }
            return entry
        }
        try RulesLock(entries: entries).write(to: workspace.lockPath)
    }
}
