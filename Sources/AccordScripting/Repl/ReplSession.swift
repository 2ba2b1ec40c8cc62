import LuaKit

/// Runs the chunks of an interactive session one at a time in one sandboxed
/// environment, so that what a chunk defines stays for the next: globals, and
/// the locals it declares at its top level.
///
/// Like the standalone `lua`, a chunk is first tried as an expression
/// (`return <chunk>`), whose values are printed, and then as statements. Each
/// chunk, and the printing of its values, runs under the host's limits,
/// counted afresh.
public final class ReplSession {
    /// What became of a chunk.
    public enum Outcome: Equatable {
        /// The chunk ends too early (`if x then`); the syntax error says where.
        case incomplete(LuaError)
        /// The chunk ran; these are its results, printed.
        case ran([String])
        case failed(LuaError)
    }

    /// The name errors give chunks: `stdin:3:` names the third line of input.
    public static let chunkName = "stdin"

    private let host: ScriptHost
    private let environment: LuaReference
    private let show: LuaReference
    private let keeper: LuaReference

    /// Called before each call into Lua with the limits' timeout; the function
    /// it returns is called when the call is over (to arm and cancel a watchdog).
    public var watch: (Double?) -> () -> Void = { _ in {} }

    public init(host: ScriptHost) throws(LuaError) {
        self.host = host
        // A session shows `accord` whole, with the rules DSL and the report builder loaded.
        _ = try host.runtime.module.rulesHost()
        _ = try host.runtime.module.reportsHost()
        environment = try host.makeEnvironment()
        let state = host.sandbox.state
        try state.load(LuaFiles.Repl.repl, chunkName: "(repl)")
        state.lua.pushLocalsReader()
        AccordModule.push("before", of: host.runtime.module.ordering, on: state.lua)
        try state.call(arguments: 2, results: 2)
        keeper = state.reference()
        show = state.reference()
    }

    /// Stops the chunk that is running, from any thread or a signal handler.
    public var interruption: LuaInterruption { host.sandbox.state.interruption }

    /// Runs `source`, whose first line is line `line` of the input.
    public func evaluate(_ source: String, line: Int = 1) -> Outcome {
        let state = host.sandbox.state
        let base = state.lua.top
        defer { state.lua.top = base }
        // Blank lines before the chunk make its line numbers those of the input.
        let padding = String(repeating: "\n", count: max(0, line - 1))
        do {
            do {
                try state.load(padding + "return " + source, chunkName: Self.chunkName, environment: environment)
            } catch {
                // An expression that is not a statement (`#t +`) may still be completed.
                return try runStatements(padding + source, expression: Self.isIncomplete(error) ? error : nil)
            }
            return .ran(try run(arguments: 0))
        } catch where error.line == nil {
            // Raised where Lua knows no line: a tail call (`require "x"` is
            // `return require "x"`) leaves no frame of the chunk.
            return .failed(LuaError(kind: error.kind, message: "\(Self.chunkName):\(line): " + error.message,
                                    traceback: error.traceback))
        } catch {
            return .failed(error)
        }
    }

    private static func isIncomplete(_ error: LuaError) -> Bool {
        error.kind == .syntax && error.message.hasSuffix("<eof>")
    }

    private func runStatements(_ source: String, expression: LuaError?) throws(LuaError) -> Outcome {
        let state = host.sandbox.state
        do {
            try state.load(source, chunkName: Self.chunkName, environment: environment)
        } catch {
            if Self.isIncomplete(error) { return .incomplete(error) }
            if let expression { return .incomplete(expression) }
            throw error
        }
        // At its end the chunk calls the keeper it gets as `...`. A chunk that
        // ends with `return` cannot be followed; its locals go with it.
        guard (try? state.load(source + "\n;(...)()", chunkName: Self.chunkName, environment: environment)) != nil else {
            return .ran(try run(arguments: 0))
        }
        state.lua.remove(at: -2)
        keeper.push()
        environment.push()
        state.lua.pushValue(at: -3)
        try host.sandbox.call(arguments: 2, results: 1)
        return .ran(try run(arguments: 1))
    }

    /// Calls the chunk below `arguments` arguments on the stack and prints its results.
    private func run(arguments: Int32) throws(LuaError) -> [String] {
        let lua = host.sandbox.state.lua
        let base = lua.top - arguments - 1
        try limited { () throws(LuaError) in try host.sandbox.call(arguments: arguments, results: nil) }
        var printed: [String] = []
        for index in stride(from: base + 1, through: lua.top, by: 1) {
            show.push()
            lua.pushValue(at: index)
            try limited { () throws(LuaError) in try host.sandbox.call(arguments: 1, results: 1) }
            printed.append(lua.string(at: -1) ?? "")
            lua.pop()
        }
        return printed
    }

    private func limited(_ body: () throws(LuaError) -> Void) throws(LuaError) {
        let done = watch(host.sandbox.limits.timeout)
        defer { done() }
        try body()
    }
}
