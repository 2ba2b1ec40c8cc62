import AccordCore
import LuaKit

/// A pack to test: its folder, and the one test file to run when not all of them.
public struct PackTestTarget: Sendable, Equatable {
    public var folder: String
    public var file: String?

    public init(folder: String, file: String? = nil) {
        self.folder = folder
        self.file = file
    }
}

/// What testing packs came to: a report per pack tested, and the problems that kept packs
/// or test files from being tested.
public struct PackTestRun: Sendable {
    public var reports: [PackTestReport] = []
    public var problems: [RuleProblem] = []
}

extension Rulebook {
    /// The folders of the packs the workspace applies; none when they do not
    /// resolve (`configured()` says why).
    public var appliedPackFolders: [String] {
        guard !workspace.config.packs.isEmpty, let set = try? configured() else { return [] }
        return set.packs.map(\.folder)
    }

    /// Runs the test cases of each target's pack against the pack and what it requires, as
    /// `accord test` does; a `stable` rule no case expects to fire is a problem. Leaves the
    /// last pack's test set active.
    public func test(_ targets: [PackTestTarget]) -> PackTestRun {
        var run = PackTestRun()
        var checked: Set<String> = []
        for target in targets {
            let pack: Pack
            if let loaded = installed.first(where: { $0.folder == target.folder }) {
                pack = loaded
            } else {
                do throws(RuleProblems) { pack = try engine.load(folder: target.folder) } catch {
                    run.problems += error.problems
                    continue
                }
            }
            if checked.insert(pack.folder).inserted { run.problems += untestedStableRules(of: pack) }
            do {
                var fixtures = try engine.fixtures(of: pack)
                if let only = target.file { fixtures = fixtures.filter { $0.file == engine.display(only) } }
                try engine.activate(try engine.testSet(for: pack, installed: installed))
                run.reports.append(engine.runTests(of: pack, fixtures: fixtures))
            } catch let error as DataErrors {
                run.problems += error.issues.map { RuleProblem("", $0.description) }
            } catch let error as RuleProblems {
                run.problems += error.problems
            } catch let error as LuaError {
                run.problems.append(RuleProblem("", error.message))
            } catch {
                run.problems.append(RuleProblem("", String(describing: error)))
            }
        }
        return run
    }
}
