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
    @Option(help: "Threads evaluating the rules (default: one per core, at most 8).")
    var threads: Int?

    @Option(help: ArgumentHelp("compiled (the default) or interpreted, as for `accord classify`.", valueName: "engine"))
    var engine: RuleEvaluation = .compiled

    /// `--threads`, or one per core, at most 8.
    func width() throws -> Int {
        let width = threads ?? Classifier.defaultWidth
        guard width >= 1 else { throw UsageError("--threads: give 1 or more") }
        return width
    }
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
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
    return all.map { row in
        row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }.joined(separator: "\n")
}
