import AccordCore
import Foundation

/// What the pack reader and `accord rules check` find in rule packs, as
/// findings: packs that do not load or validate (errors), and rules without a
/// description (warnings).
struct PackLint {
    let rulebook: Rulebook

    /// The findings of the packs in `folders`; with `everything`, also all
    /// that `accord rules check` reports for the workspace (every installed
    /// pack, the applied set, the lockfile).
    func findings(folders: [String], everything: Bool) -> [LintFinding] {
        let engine = rulebook.engine
        // Each problem with the file it concerns when it names none.
        var problems: [(RuleProblem, String)] = everything ? rulebook.check().map { ($0, Workspace.configName) } : []
        var packs: [Pack] = []
        for folder in folders {
            let initFile = engine.display((folder as NSString).appendingPathComponent("init.lua"))
            if let pack = rulebook.installed.first(where: { $0.folder == folder }) {
                packs.append(pack)
                if !everything { problems += rulebook.checkFixtures(of: pack).map { ($0, initFile) } }
                continue
            }
            do throws(RuleProblems) {
                let pack = try engine.load(folder: folder)
                packs.append(pack)
                problems += rulebook.checkFixtures(of: pack).map { ($0, initFile) }
            } catch {
                if !everything || !isOnSearchPath(folder) { problems += error.problems.map { ($0, initFile) } }
            }
        }
        var findings = problems.map { problem, fallback -> LintFinding in
            let (file, line, message) = Self.position(of: problem)
            return LintFinding(file: file.isEmpty ? fallback : file, line: line, severity: .error, code: "pack", message: message)
        }
        for pack in packs {
            for rule in pack.rules where (rule.description ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let (file, line) = Self.split(rule.position)
                findings.append(LintFinding(file: file, line: line, severity: .warning, code: "missing-description",
                                            message: "rule \(rule.id) has no description"))
            }
        }
        return findings
    }

    /// Whether `rulebook.check()` has already tried to load the pack in `folder`.
    private func isOnSearchPath(_ folder: String) -> Bool {
        rulebook.engine.packFolders().contains { URL(fileURLWithPath: $0).standardizedFileURL.path == folder }
    }

    /// A problem's file, line and message: from its position, or from the
    /// message itself when Lua put the position there (`init.lua:12: …`).
    static func position(of problem: RuleProblem) -> (file: String, line: Int?, message: String) {
        if !problem.position.isEmpty {
            let (file, line) = split(problem.position)
            return (file, line, problem.message)
        }
        let parts = problem.message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, let line = Int(parts[1]), !parts[0].isEmpty {
            return (String(parts[0]), line, parts[2].trimmingCharacters(in: .whitespaces))
        }
        return ("", nil, problem.message)
    }

    /// `file:line` → file and line; a bare file → the file.
    static func split(_ position: String) -> (file: String, line: Int?) {
        if let colon = position.lastIndex(of: ":"), let line = Int(position[position.index(after: colon)...]) {
            return (String(position[..<colon]), line)
        }
        return (position, nil)
    }
}
