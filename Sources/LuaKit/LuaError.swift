import Foundation

/// An error from Lua: a syntax error, a runtime error, or running out of memory,
/// with where it happened and a short traceback.
public struct LuaError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case syntax, runtime, memory, handler
        /// A limit of `LuaLimits` stopped the script.
        case limit
    }

    public var kind: Kind
    /// The message as Lua formats it, with its position: `summary.lua:12: boom`.
    public var message: String
    /// The chunk the error points into (a script path), when the message names one.
    public var chunk: String?
    public var line: Int?
    /// The stack at the time of the error, innermost first, without host frames.
    public var traceback: [String]

    public init(kind: Kind, message: String, traceback: [String] = []) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        (chunk, line) = LuaError.position(in: message)
    }

    /// Splits what the traceback message handler produced into message and frames.
    init(kind: Kind, handled text: String) {
        let parts = text.components(separatedBy: "\nstack traceback:\n")
        let frames = parts.count > 1 ? parts[1].split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        } : []
        self.init(kind: kind, message: parts[0], traceback: LuaError.shorten(frames))
    }

    public var description: String {
        traceback.isEmpty ? message : message + "\nstack traceback:\n" + traceback.map { "\t" + $0 }.joined(separator: "\n")
    }

    /// `chunk:line: message` → (chunk, line).
    static func position(in message: String) -> (String?, Int?) {
        let firstLine = message.prefix { $0 != "\n" }
        var rest = firstLine[...]
        while let colon = rest.firstIndex(of: ":") {
            let after = rest[rest.index(after: colon)...]
            let digits = after.prefix { $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).first == ":" {
                return (String(firstLine[..<colon]), Int(digits))
            }
            rest = after
        }
        return (nil, nil)
    }

    /// Keeps the frames a script author can act on, at most ten: none of the
    /// host's C functions, of `error` itself, or of the host's own Lua chunks,
    /// which are named in parentheses (`(prelude)`).
    static func shorten(_ frames: [String]) -> [String] {
        let useful = frames.filter {
            !$0.hasPrefix("[C]: in ?") && !$0.hasPrefix("[C]: in function 'error'") && !$0.hasPrefix("(")
        }
        return useful.count > 10 ? Array(useful.prefix(10)) + ["..."] : useful
    }
}
