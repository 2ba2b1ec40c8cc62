import AccordCore
import Foundation
import LuaKit

/// How one fixture case turned out.
public struct CaseResult: Sendable {
    public enum Outcome: String, Sendable {
        case pass, fail
        /// Failed as its `todo` said it would.
        case todo
        /// Marked `todo` but passes now: the mark can go.
        case fixed
    }

    public var fixture: FixtureCase
    public var classification: Classification
    /// One line per expectation that failed, with `-` expected and `+` actual.
    public var differences: [String]
    public var outcome: Outcome
}

/// How often a pack's rule was exercised by its fixtures.
public struct RuleCoverage: Sendable {
    public var rule: Rule
    /// Cases in which the rule fired.
    public var fired: Int
    /// Cases that name the rule in `fired` or `not_fired`.
    public var asserted: Int
    /// Whether the rule runs (not disabled, not deprecated).
    public var applied: Bool

    public var isCovered: Bool { fired > 0 }
    /// Whether the rule is a `draft`, which needs no test case.
    public var isDraft: Bool { rule.status == .draft }
}

/// A pack's score against the gold file of a test file, and the floors it falls below.
public struct ScoreCheck: Sendable {
    public var floor: ScoreFloor
    public var score: RuleSetScore
    /// One line per floor not reached: `micro-F1 0.87 is below 0.90; …`.
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }

    /// Holds `score` to `floor`: the micro F1, naming the labels below it, and each label's own floor;
    /// `errors`, the partnerships a rule failed on, fail it too.
    public init(_ floor: ScoreFloor, _ score: RuleSetScore, errors: [String] = []) {
        self.floor = floor
        self.score = score
        var failures = errors
        let d = RuleSetScore.decimal
        if let min = floor.minMicroF1, score.microF1 < min {
            let below = score.labels.filter { $0.counts.f1 < min }.map { l in
                "\(l.label) \(d(l.counts.f1)) (\(l.counts.falseNegatives) missed, \(l.counts.falsePositives) extra)"
            }
            failures.append("micro-F1 \(d(score.microF1)) is below the floor \(d(min))"
                + (below.isEmpty ? "" : "; labels below it: " + below.joined(separator: ", ")))
        }
        for (label, min) in floor.minF1.sorted(by: { $0.key < $1.key }) {
            let counts = score.labels.first { $0.label == label }?.counts ?? RuleSetScore.Counts()
            if counts.f1 < min {
                failures.append("\(label): F1 \(d(counts.f1)) is below its floor \(d(min)) "
                    + "(\(counts.falseNegatives) missed, \(counts.falsePositives) extra)")
            }
        }
        self.failures = failures
    }
}

/// The outcome of one pack's tests.
public struct PackTestReport: Sendable {
    public var pack: Pack
    /// The test files, as shown in messages.
    public var files: [String]
    public var results: [CaseResult]
    public var coverage: [RuleCoverage]
    /// The scores of the test files that set a floor.
    public var scores: [ScoreCheck] = []

    public var failures: [CaseResult] { results.filter { $0.outcome == .fail } }
    public var passed: Bool { failures.isEmpty && scores.allSatisfy(\.passed) }
    /// The rules that run but that no case made fire, drafts aside.
    public var uncovered: [Rule] { coverage.filter { $0.applied && !$0.isCovered && !$0.isDraft }.map(\.rule) }
}

extension RuleEngine {
    /// The test files of a pack: `tests/*.yaml`, `*.yml` and `*.json` in its folder.
    public func testFiles(of pack: Pack) -> [String] {
        let folder = (pack.folder as NSString).appendingPathComponent("tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Reads a pack's test files; without `records`, only their cases.
    public func fixtures(of pack: Pack, records: Bool = true) throws(DataErrors) -> [PackFixtures] {
        var all: [PackFixtures] = []
        var issues: [DataIssue] = []
        for file in testFiles(of: pack) {
            do { all.append(try PackFixtures.read(file, display: display(file), records: records)) } catch { issues += error.issues }
        }
        guard issues.isEmpty else { throw DataErrors(issues) }
        return all
    }

    /// The rule set a pack is tested with: the pack itself, exactly this copy,
    /// and what it requires. Drafts are shown: a case's `labels` and `primary` are
    /// what a run without drafts saves, and its `fired` and `not_fired` may name drafts.
    public func testSet(for pack: Pack, installed: [Pack]) throws(RuleProblems) -> RuleSet {
        let others = installed.filter { $0.key != pack.key }
        let exact = try! VersionRange("=\(pack.version)")
        return try PackResolver(installed: [pack] + others, searched: searchPath.map(display), display: display)
            .resolve([PackRequirement(name: pack.name, range: exact)], requiredBy: "the tests of \(pack.name)")
            .with(drafts: .shown)
    }

    /// Runs a pack's fixtures against its test set (which must be active).
    public func runTests(of pack: Pack, fixtures: [PackFixtures]) -> PackTestReport {
        guard let set = active else { preconditionFailure("activate the pack's test set first") }
        var results: [CaseResult] = []
        var firedCount: [String: Int] = [:]
        var assertedCount: [String: Int] = [:]
        defer { module.useStoreCatalog() }
        for file in fixtures {
            module.useCatalog(of: file.dataset)
            let records = Dictionary(file.dataset.partnerships.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for fixture in file.cases {
                guard let partnership = records[fixture.partnership] else { continue }
                for id in Set((fixture.fired + fixture.notFired).map { qualified($0, in: pack) }) {
                    assertedCount[id, default: 0] += 1
                }
                let classification: Classification
                let differences: [String]
                do {
                    classification = try classify(partnership)
                    differences = compare(fixture, classification, pack: pack, set: set)
                } catch {
                    // A rule that raises fails the case, not the run.
                    classification = Classification(partnership: partnership.id, title: partnership.title, fired: [],
                                                    manual: partnership.labels, conflicts: [])
                    differences = ["error: \(error.message)"]
                }
                for firing in classification.fired + classification.drafts { firedCount[firing.rule, default: 0] += 1 }
                let outcome: CaseResult.Outcome = switch (differences.isEmpty, fixture.todo != nil) {
                case (true, false): .pass
                case (false, false): .fail
                case (false, true): .todo
                case (true, true): .fixed
                }
                results.append(CaseResult(fixture: fixture, classification: classification,
                                          differences: differences, outcome: outcome))
            }
        }
        let scores = fixtures.compactMap { file in
            file.score.map { floor in
                let (score, errors) = score(file, against: floor, set: set)
                return ScoreCheck(floor, score, errors: errors)
            }
        }
        let coverage = pack.rules.sorted { ($0.priority, $1.id) > ($1.priority, $0.id) }.map { rule in
            RuleCoverage(rule: rule, fired: firedCount[rule.id] ?? 0, asserted: assertedCount[rule.id] ?? 0,
                         applied: set.rules.contains { $0.id == rule.id })
        }
        return PackTestReport(pack: pack, files: fixtures.map(\.file), results: results, coverage: coverage, scores: scores)
    }

    /// How the active set scores on a test file's records against its gold file, the first ten
    /// disagreements explained, and the partnerships a rule failed on (`id: message`), which count
    /// as given no label. A label the packs do not declare is a disagreement like any other.
    private func score(_ file: PackFixtures, against floor: ScoreFloor, set: RuleSet) -> (RuleSetScore, [String]) {
        module.useCatalog(of: file.dataset)
        let records = Dictionary(file.dataset.partnerships.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var tally = RuleSetScore.Tally(against: floor.gold, set: set, limit: 10)
        var errors: [String] = []
        for j in floor.judgements {
            guard let p = records[j.partnership] else { continue }
            let c: Classification
            do { c = try classify(p) } catch {
                errors.append("\(p.id): \(error.message)")
                c = Classification(partnership: p.id, title: p.title, fired: [], manual: [], conflicts: [])
            }
            tally.add(c, judged: j)
        }
        return (tally.finish { id in try? records[id].map { try explain($0) } }, errors)
    }

    /// `export` in pack `standard` is `standard.export`; a dotted id stays as it is.
    func qualified(_ id: String, in pack: Pack) -> String {
        id.contains(".") ? id : "\(pack.name).\(id)"
    }

    private func compare(_ fixture: FixtureCase, _ c: Classification, pack: Pack, set: RuleSet) -> [String] {
        var out: [String] = []
        if let expected = fixture.labels, Set(expected) != Set(c.labels) {
            let missing = expected.filter { !c.labels.contains($0) }
            let extra = c.labels.filter { !expected.contains($0) }
            out.append("labels: expected [\(expected.joined(separator: ", "))], got [\(c.labels.joined(separator: ", "))]"
                + missing.map { "\n  - \($0)" }.joined() + extra.map { "\n  + \($0)" }.joined())
        }
        if let primary = fixture.primary, primary != c.primary {
            out.append("primary: expected \(primary), got \(c.primary ?? "none")")
        }
        let fired = Set((c.fired + c.drafts).map(\.rule))
        for id in fixture.fired.map({ qualified($0, in: pack) }) where !fired.contains(id) {
            out.append(set.rule(id: id) == nil ? "fired: there is no rule \(id)" + Suggestion.hint(for: id, in: set.allRules.map(\.id))
                                               : "fired: expected \(id) to fire; it did not")
        }
        for id in fixture.notFired.map({ qualified($0, in: pack) }) {
            if let firing = (c.fired + c.drafts).first(where: { $0.rule == id }) {
                out.append("not_fired: expected \(id) not to fire; it fired (\(firing.evidence))")
            }
            else if set.rule(id: id) == nil { out.append("not_fired: there is no rule \(id)" + Suggestion.hint(for: id, in: set.allRules.map(\.id))) }
        }
        out += c.conflicts
        return out
    }
}
