import AccordCore
import AccordScripting
import ArgumentParser
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests of rule packs: fixtures with expected labels and rules.",
        discussion: """
            A pack's tests are the YAML or JSON files in its tests/ folder. Each case names a partnership \
            and what to expect: labels, primary, fired, not_fired; `todo` marks a known failure. A test file's \
            `score: { gold: FILE, min_micro_f1: 0.9, min_f1: { label: 0.8 } }` holds the pack to a quality floor \
            on the file's records, judged in the gold file. A pack is tested with the packs it requires. Exits 1 \
            when a case fails or a score is below its floor, 65 when a pack or test file is invalid \
            or a stable rule has no case that expects it to fire.
            """)

    @OptionGroup var options: RulesOptions

    @Flag(help: "Print the per-rule coverage table.")
    var coverage = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Argument(help: "Pack folders, folders of packs, or test files (default: every pack in the workspace's rules folder, and the packs it applies from elsewhere, such as the bundled standard pack).")
    var paths: [String] = []

    func run() throws {
        try reportingErrors {
            let (workspace, _, rulebook) = try options.open()
            let display = rulebook.engine.display
            let run = rulebook.test(try targets(workspace, applied: paths.isEmpty ? rulebook.appliedPackFolders : []))
            switch format {
            case .json: print(try jsonLine(TestRunJSON(reports: run.reports, problems: run.problems, display: display)))
            case .text where !run.reports.isEmpty || run.problems.isEmpty:
                print(TestRunText(reports: run.reports, coverage: coverage, display: display).text)
            case .text: break
            }
            if !run.problems.isEmpty {
                if format == .text { throw RuleProblems(run.problems) }
                throw ExitCode(Exit.badData)
            }
            if run.reports.contains(where: { !$0.passed }) { throw ExitCode(Exit.scriptFailed) }
        }
    }

    /// The packs to test, each with one test file when a file was named, then
    /// the `applied` pack folders not among them.
    private func targets(_ workspace: Workspace, applied: [String]) throws -> [PackTestTarget] {
        let fm = FileManager.default
        let given = paths.isEmpty ? [workspace.path(workspace.config.rules)] : paths
        var out: [PackTestTarget] = []
        for path in given {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw UsageError("no such file or folder: \(path)") }
            if !isFolder.boolValue {
                let pack = url.deletingLastPathComponent().deletingLastPathComponent()
                guard url.deletingLastPathComponent().lastPathComponent == "tests",
                      fm.fileExists(atPath: pack.appendingPathComponent("init.lua").path) else {
                    throw UsageError("\(path) is not a test file in a pack's tests/ folder")
                }
                out.append(PackTestTarget(folder: pack.path, file: url.path))
            } else if fm.fileExists(atPath: url.appendingPathComponent("init.lua").path) {
                out.append(PackTestTarget(folder: url.path))
            } else {
                let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                let packs = names.sorted().filter { fm.fileExists(atPath: url.appendingPathComponent($0).appendingPathComponent("init.lua").path) }
                if packs.isEmpty && !paths.isEmpty { throw UsageError("no packs in \(path) (a pack is a folder with an init.lua)") }
                out += packs.map { PackTestTarget(folder: url.appendingPathComponent($0).path) }
            }
        }
        for folder in applied where !out.contains(where: { $0.folder == folder }) { out.append(PackTestTarget(folder: folder)) }
        return out
    }
}

/// The text report of `accord test`.
struct TestRunText {
    let reports: [PackTestReport]
    let coverage: Bool
    let display: (String) -> String

    var text: String {
        var lines: [String] = []
        for report in reports {
            let counts = Dictionary(grouping: report.results, by: \.outcome).mapValues(\.count)
            lines.append("\(report.pack.title) (\(display(report.pack.folder))): \(report.results.count) cases, "
                + "\(counts[.pass] ?? 0) passed, \(counts[.fail] ?? 0) failed, \((counts[.todo] ?? 0) + (counts[.fixed] ?? 0)) todo")
            for result in report.results where result.outcome != .pass {
                let head: String = switch result.outcome {
                case .fail: "FAIL"
                case .todo: "TODO"
                case .fixed: "FIXED"
                case .pass: "PASS"
                }
                lines.append("  \(head) \(result.fixture.partnership) (\(result.fixture.position))"
                    + (result.fixture.todo.map { ": \($0)" } ?? ""))
                if result.outcome == .fixed { lines.append("      passes now: remove its todo") }
                if result.outcome == .fail || result.outcome == .todo {
                    lines += result.differences.map { "      " + $0.replacingOccurrences(of: "\n", with: "\n      ") }
                    let fired = result.classification.fired.map { "\($0.rule) (\($0.evidence))" }
                    lines.append("      fired: " + (fired.isEmpty ? "none" : fired.joined(separator: "; ")))
                }
            }
            for check in report.scores {
                let floors = ([check.floor.minMicroF1.map { "micro-F1 ≥ \(RuleSetScore.decimal($0))" }]
                    + check.floor.minF1.sorted { $0.key < $1.key }.map { "\($0.key) ≥ \(RuleSetScore.decimal($0.value))" })
                    .compactMap { $0 }
                lines.append("  score against \(check.floor.gold): \(check.score.summary)"
                    + (floors.isEmpty ? "" : "; floor \(floors.joined(separator: ", ")): \(check.passed ? "ok" : "FAIL")"))
                lines += check.failures.map { "      \($0)" }
                if !check.passed {
                    lines.append("      `accord rules score --gold` on these records lists the disagreements")
                }
            }
            let applied = report.coverage.filter { $0.applied && !$0.isDraft }
            lines.append("  coverage: \(applied.filter(\.isCovered).count) of \(applied.count) rules fired in some case"
                + (report.coverage.contains(where: \.isDraft) ? " (drafts aside)" : ""))
            if !report.uncovered.isEmpty {
                lines.append("  never exercised: " + report.uncovered.map(\.id).joined(separator: ", "))
            }
            if coverage {
                lines.append(table(["  RULE", "STATUS", "FIRED", "ASSERTED"], report.coverage.map {
                    ["  " + $0.rule.id, $0.applied ? $0.rule.status.rawValue : "not run", "\($0.fired)", "\($0.asserted)"]
                }))
            }
        }
        let failed = reports.reduce(0) { $0 + $1.failures.count }
        let total = reports.reduce(0) { $0 + $1.results.count }
        let belowFloor = reports.reduce(0) { $0 + $1.scores.filter { !$0.passed }.count }
        let packs = "\(reports.count) pack\(reports.count == 1 ? "" : "s")"
        if reports.isEmpty { lines.append("no packs to test") }
        else if failed == 0 && belowFloor == 0 { lines.append("ok: \(total) cases in \(packs)") }
        else {
            lines.append("FAILED: " + [failed > 0 ? "\(failed) of \(total) cases" : nil,
                                       belowFloor > 0 ? "\(belowFloor) score\(belowFloor == 1 ? "" : "s") below the floor" : nil]
                .compactMap { $0 }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}

/// `accord test --format json`.
struct TestRunJSON: Encodable {
    struct Case: Encodable {
        var partnership: String
        var at: String
        var outcome: String
        var todo: String?
        var differences: [String]
        var labels: [String]
        var fired: [String]
    }

    struct Coverage: Encodable {
        var rule: String
        var status: String
        var applied: Bool
        var fired: Int
        var asserted: Int
    }

    struct Score: Encodable {
        var gold: String
        var partnerships: Int
        var micro_f1: Double
        var macro_f1: Double?
        var min_micro_f1: Double?
        var min_f1: [String: Double]
        var passed: Bool
        var failures: [String]
    }

    struct PackResult: Encodable {
        var name: String
        var version: String
        var folder: String
        var passed: Bool
        var cases: [Case]
        var coverage: [Coverage]
        var uncovered: [String]
        var scores: [Score]
    }

    var passed: Bool
    var packs: [PackResult]
    var problems: [String]

    init(reports: [PackTestReport], problems: [RuleProblem], display: (String) -> String) {
        packs = reports.map { r in
            PackResult(name: r.pack.name, version: "\(r.pack.version)", folder: display(r.pack.folder), passed: r.passed,
                       cases: r.results.map {
                           Case(partnership: $0.fixture.partnership, at: $0.fixture.position, outcome: $0.outcome.rawValue,
                                todo: $0.fixture.todo, differences: $0.differences, labels: $0.classification.labels,
                                fired: $0.classification.fired.map(\.rule))
                       },
                       coverage: r.coverage.map {
                           Coverage(rule: $0.rule.id, status: $0.rule.status.rawValue, applied: $0.applied, fired: $0.fired,
                                    asserted: $0.asserted)
                       },
                       uncovered: r.uncovered.map(\.id),
                       scores: r.scores.map {
                           Score(gold: $0.floor.gold, partnerships: $0.score.partnerships, micro_f1: $0.score.microF1,
                                 macro_f1: $0.score.macroF1, min_micro_f1: $0.floor.minMicroF1, min_f1: $0.floor.minF1,
                                 passed: $0.passed, failures: $0.failures)
                       })
        }
        self.problems = problems.map(\.description)
        passed = problems.isEmpty && reports.allSatisfy(\.passed)
    }
}
