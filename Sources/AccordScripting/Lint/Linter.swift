import AccordCore
import Foundation
import LuaKit

/// `accord check`: finds mistakes in rule packs, report scripts and other
/// scripts without running them on data — syntax errors (Lua's own parser),
/// undefined globals and unused variables (luacheck, when installed), fields
/// and methods the API does not have (`FieldPass`), and what the pack reader
/// and `accord rules check` report.
public struct Linter {
    public let workspace: Workspace
    /// nil when luacheck is not installed: its checks are skipped.
    public let luacheck: Luacheck?

    public struct Report: Sendable {
        /// Sorted by file, line and column.
        public var findings: [LintFinding]
        public var files: Int
        /// Where luacheck's checks are missing because it failed, and why.
        public var luacheckFailures: [String]

        public var errors: Int { findings.count { $0.severity == .error } }
        public var warnings: Int { findings.count { $0.severity == .warning } }
    }

    public init(workspace: Workspace, luacheck: Luacheck? = Luacheck.find()) {
        self.workspace = workspace
        self.luacheck = luacheck
    }

    /// Checks the Lua files of `paths` (files or folders), or by default the
    /// workspace's packs, reports and examples; with no paths, pack findings
    /// include everything `accord rules check` reports.
    public func check(_ paths: [String]) throws -> Report {
        let targets = LintTarget.collect(paths, in: workspace)
        let globals = try ScriptGlobals.current()
        let rulebook = try Rulebook(workspace: workspace, store: try Store.inMemory(), asOf: workspace.today(),
                                    limits: workspace.config.limits)
        // Label values are checked against the applied packs when they resolve.
        let labels = (try? rulebook.configured()).map { Set($0.packs.flatMap(\.labelNames)) }
        let model = LintModel(stringFunctions: globals.stringFunctions, labels: labels)
        let state = try LuaState()
        var findings: [LintFinding] = []
        var compiled: [LintTarget] = []
        var fieldChecked = Set<String>()
        for target in targets {
            let file = workspace.display(target.path)
            guard let source = try? String(contentsOfFile: target.path, encoding: .utf8) else {
                findings.append(LintFinding(file: file, line: nil, severity: .error, code: "read",
                                            message: "cannot read the file as UTF-8 text"))
                continue
            }
            if let syntax = Self.syntaxError(in: source, state: state) {
                findings.append(LintFinding(file: file, line: syntax.line, severity: .error, code: "syntax", message: syntax.message))
                continue
            }
            compiled.append(target)
            var pass = FieldPass(model: model, rulesValidated: target.kind.isPack)
            guard let found = pass.check(source) else { continue }
            fieldChecked.insert(target.path)
            findings += found.map {
                LintFinding(file: file, line: $0.line, column: $0.column, severity: $0.isWarning ? .warning : .error, code: $0.code,
                            message: $0.message)
            }
        }
        var failures: [String] = []
        if let luacheck {
            let (found, failed) = luacheckFindings(luacheck, compiled, config: globals.luacheckConfig(), fieldChecked: fieldChecked)
            findings += found
            failures = failed.map { workspace.display($0) }
        }
        var packFolders: [String] = []
        for target in targets {
            if case .pack(let folder) = target.kind, !packFolders.contains(folder) { packFolders.append(folder) }
        }
        if !packFolders.isEmpty || paths.isEmpty {
            findings += PackLint(rulebook: rulebook).findings(folders: packFolders, everything: paths.isEmpty)
        }
        return Report(findings: LintFinding.sorted(Self.unique(findings)), files: targets.count, luacheckFailures: failures)
    }

    /// Lua's own verdict: the line and message of a syntax error, or nil.
    static func syntaxError(in source: String, state: LuaState) -> (line: Int?, message: String)? {
        do {
            try state.load(source, chunkName: "chunk")
            state.lua.pop()
            return nil
        } catch {
            guard let line = error.line, let chunk = error.chunk else { return (nil, error.message) }
            return (line, String(error.message.dropFirst("\(chunk):\(line): ".count)))
        }
    }

    private func luacheckFindings(_ luacheck: Luacheck, _ targets: [LintTarget], config: String,
                                  fieldChecked: Set<String>) -> (findings: [LintFinding], failures: [String]) {
        let scripts = targets.filter { $0.kind == .script }.map(\.path)
        let others = targets.filter { $0.kind != .script }.map(\.path)
        let a = luacheck.checkEach(others, config: config, std: "accord")
        let b = luacheck.checkEach(scripts, config: config, std: "accord+accord_script")
        let findings = (a.warnings + b.warnings).compactMap { warning -> LintFinding? in
            // Lua's parser has reported syntax errors; the field pass reports
            // fields of `accord`, with suggestions.
            if warning.code.hasPrefix("E") { return nil }
            if warning.code == "W143", warning.message.hasSuffix("of global 'accord'"), fieldChecked.contains(warning.file) { return nil }
            let (severity, name) = Luacheck.classify(warning.code)
            return LintFinding(file: workspace.display(warning.file), line: warning.line, column: warning.column,
                               severity: severity, code: name, message: "\(warning.message) (\(warning.code))")
        }
        return (findings, a.failures + b.failures)
    }

    /// The findings without repeats: the same message at the same place
    /// (a syntax error the pack reader also met) is kept once.
    static func unique(_ findings: [LintFinding]) -> [LintFinding] {
        var seen = Set<String>()
        return findings.filter { seen.insert("\($0.file)\u{0}\($0.line ?? 0)\u{0}\($0.message)").inserted }
    }
}

extension LintTarget.Kind {
    var isPack: Bool {
        if case .pack = self { return true }
        return false
    }
}
