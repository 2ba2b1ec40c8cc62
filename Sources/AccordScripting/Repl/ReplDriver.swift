import AccordCore
import Foundation
import LuaKit

/// What happens to input typed at the REPL, a line at a time: lines gather
/// into a chunk until it is complete (`>>` continues one), complete chunks run
/// in the session, and lines starting with a dot are commands.
public final class ReplDriver {
    /// A dot command besides `.help` and `.quit`.
    public struct Command {
        public let name: String
        /// How its argument is written in help: `ID`.
        public let argument: String
        public let summary: String
        /// Runs the command with the rest of the line; returns what to print.
        public let run: (String) throws -> String

        public init(name: String, argument: String = "", summary: String, run: @escaping (String) throws -> String) {
            self.name = name
            self.argument = argument
            self.summary = summary
            self.run = run
        }
    }

    /// What the REPL shows in answer to a line.
    public enum Event: Equatable {
        /// Results, for stdout.
        case output(String)
        /// An error, for stderr.
        case error(String)
        case quit
    }

    public let session: ReplSession
    private let commands: [Command]
    private var pending: [String] = []
    private var pendingLine = 0
    /// Lines read so far.
    public private(set) var lineNumber = 0
    /// Chunks and commands that failed so far.
    public private(set) var failures = 0

    public init(session: ReplSession, commands: [Command] = []) {
        self.session = session
        self.commands = commands
    }

    /// `> `, or `>> ` while a chunk continues.
    public var prompt: String { pending.isEmpty ? "> " : ">> " }

    /// Whether a chunk has started but is not complete yet.
    public var isContinuing: Bool { !pending.isEmpty }

    /// Reads one line of input (without its line break).
    public func feed(_ line: String) -> [Event] {
        lineNumber += 1
        if pending.isEmpty {
            if line.allSatisfy(\.isWhitespace) { return [] }
            if let (name, argument) = Self.dotCommand(line) { return run(command: name, argument) }
            pendingLine = lineNumber
        }
        pending.append(line)
        switch session.evaluate(pending.joined(separator: "\n"), line: pendingLine) {
        case .incomplete:
            return []
        case .ran(let values):
            pending = []
            return values.isEmpty ? [] : [.output(Self.join(values))]
        case .failed(let error):
            pending = []
            failures += 1
            return [.error(Self.describe(error))]
        }
    }

    /// At the end of input: a chunk left incomplete is an error.
    public func finish() -> [Event] {
        guard !pending.isEmpty else { return [] }
        defer { pending = [] }
        guard case .incomplete(let error) = session.evaluate(pending.joined(separator: "\n"), line: pendingLine) else {
            return []
        }
        failures += 1
        return [.error(error.message)]
    }

    /// Forgets the chunk being typed (Ctrl-C).
    public func interrupt() { pending = [] }

    /// `.name rest` → (name, rest); nil when the line is not a dot command.
    /// A dot followed by a digit is Lua (`.5`).
    static func dotCommand(_ line: String) -> (String, String)? {
        let trimmed = line.drop { $0.isWhitespace }
        guard trimmed.first == ".", let letter = trimmed.dropFirst().first, letter.isLetter else { return nil }
        let word = trimmed.dropFirst().prefix { !$0.isWhitespace }
        let rest = trimmed.dropFirst(1 + word.count).trimmingCharacters(in: .whitespaces)
        return (String(word), rest)
    }

    private func run(command name: String, _ argument: String) -> [Event] {
        switch name {
        case "quit":
            return [.quit]
        case "help":
            return answer { try ReplHelp(commands: commands).text(for: argument) }
        default:
            guard let command = commands.first(where: { $0.name == name }) else {
                failures += 1
                let names = ["help", "quit"] + commands.map(\.name)
                let hint = Suggestion.nearest(to: name, in: names).map { " (did you mean '.\($0)'?)" } ?? ""
                return [.error("unknown command '.\(name)'\(hint); .help lists the commands")]
            }
            return answer { try command.run(argument) }
        }
    }

    private func answer(_ body: () throws -> String) -> [Event] {
        do {
            let text = try body()
            return text.isEmpty ? [] : [.output(text)]
        } catch {
            failures += 1
            return [.error(String(describing: error))]
        }
    }

    /// Values on one line, tab-separated as `print` does, unless one takes
    /// several lines.
    static func join(_ values: [String]) -> String {
        values.contains { $0.contains("\n") } ? values.joined(separator: "\n") : values.joined(separator: "\t")
    }

    /// The message, with the traceback when it shows more than the chunk itself.
    static func describe(_ error: LuaError) -> String {
        error.traceback.allSatisfy { $0.hasSuffix("in main chunk") } ? error.message : error.description
    }
}
