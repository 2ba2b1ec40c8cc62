import AccordCore
import AccordScripting
import ArgumentParser
import Foundation
import LuaKit

/// The workspace and limits of a command that loads rule packs.
struct RulesOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var limits: LimitOptions

    /// The workspace, its database and its packs, loaded. What the packs run
    /// counts against `budget`, or a new one started with the limits: one set
    /// of limits for the whole command.
    func open(budget: LuaBudget? = nil) throws -> (workspace: Workspace, store: Store, rulebook: Rulebook) {
        let ws = try workspace.open()
        let store = try workspace.openStore(ws)
        let rulebook = try Rulebook(workspace: ws, store: store, asOf: ws.today(), limits: try limits.resolve(ws), budget: budget)
        return (ws, store, rulebook)
    }
}

/// How a command that classifies evaluates the rules: the engine, and how many threads run it.
struct EngineOptions: ParsableArguments {
    @Option(help: "Threads evaluating the rules, each with its own Lua state (default: one per core, at most 8).")
    var threads: Int?

    @Option(help: ArgumentHelp("""
        compiled: declarative conditions evaluated natively, functions in Lua; interpreted: every condition \
        in Lua, the reference the compiled engine is tested against. Both give the same labels and evidence.
        """, valueName: "engine"))
    var engine: RuleEvaluation = .compiled

    /// `--threads`, or one per core, at most 8.
    func width() throws -> Int {
        let width = threads ?? Classifier.defaultWidth
        guard width >= 1 else { throw UsageError("--threads: give 1 or more") }
        return width
    }
}

/// The judgements of `--gold FILE` (a path as given) or, without it, of `gold:` in `accord.yaml`
/// (relative to the workspace), each named as written; nil when there is neither.
func goldFile(_ option: String?, in workspace: Workspace) throws -> (judgements: [Judgement], file: String)? {
    if let option { return (try GoldFile.read(option, display: option), option) }
    guard let configured = workspace.config.gold else { return nil }
    return (try GoldFile.read(workspace.path(configured), display: configured), configured)
}

/// The period `--period` names, as the workspace reckons periods today; nil without one.
func parsedPeriod(_ text: String?, in workspace: Workspace) throws -> Period? {
    guard let text else { return nil }
    do { return try workspace.periods(asOf: workspace.today()).parse(text) } catch { throw UsageError("--period: \(error)") }
}

/// The output formats of commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes a line to stderr.
func warn(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// Writes a problem that does not stop the command to stderr: `init.lua:12: warning: …`.
func warn(_ problem: RuleProblem) {
    warn(problem.position.isEmpty ? "warning: \(problem.message)" : "\(problem.position): warning: \(problem.message)")
}

/// Compact, stable JSON texts, one per value (keys sorted, no escaped
/// slashes); one encoder serves a whole stream of lines.
struct JSONLines {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// One value as a JSON line.
func jsonLine(_ value: some Encodable) throws -> String { try JSONLines().line(value) }

/// Pads cells to column widths: a plain text table.
func table(_ header: [String], _ rows: [[String]]) -> String { TextTable.text(header, rows) }
