/// A LuaLS type as the declarations write it (`accord.Party[]`,
/// `string|fun(p: accord.Partnership): any`, `table<string, string>?`), parsed
/// so that the field pass can tell what a value, a callback's parameters or a
/// table passed in should be. Optional marks (`?`) are dropped.
public indirect enum LuaTypeExpression {
    /// `string`, `any`, `accord.Partnership`, …
    case named(String)
    /// A string or number literal type, or a table shape the pass does not follow.
    case literal
    case array(LuaTypeExpression)
    case union([LuaTypeExpression])
    /// `fun(name: type, …): …`; only the parameters matter here.
    case function([Parameter])
    /// `table<key, value>`
    case map(LuaTypeExpression)

    public struct Parameter {
        public let name: String
        public let type: LuaTypeExpression
    }

    public struct Failure: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "cannot read the type '\(text)'" }
    }

    /// Parses one type; throws on text outside the subset the declarations use.
    public static func parse(_ text: String) throws(Failure) -> LuaTypeExpression {
        var reader = Reader(text: text)
        let type = try reader.union()
        guard reader.atEnd else { throw Failure(text: text) }
        return type
    }

    /// The alternatives of a union, flattened; a single alternative otherwise.
    public var alternatives: [LuaTypeExpression] {
        if case .union(let list) = self { return list.flatMap(\.alternatives) }
        return [self]
    }

    /// The parameters of the callback this type accepts, if it accepts one.
    public var callbackParameters: [Parameter]? {
        for alternative in alternatives { if case .function(let parameters) = alternative { return parameters } }
        return nil
    }

    /// The element type, if this type accepts a list.
    public var arrayElement: LuaTypeExpression? {
        for alternative in alternatives { if case .array(let element) = alternative { return element } }
        return nil
    }

    /// The names of the named alternatives (`accord.PartyMatch` of `string|accord.PartyMatch`).
    public var names: [String] {
        alternatives.compactMap { if case .named(let name) = $0 { name } else { nil } }
    }

    private struct Reader {
        public let text: String
        private let characters: [Character]
        private var i = 0

        init(text: String) {
            self.text = text
            characters = Array(text)
        }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return i == characters.count
            }
        }

        private mutating func skipSpace() {
            while i < characters.count, characters[i] == " " { i += 1 }
        }

        private mutating func accept(_ s: String) -> Bool {
            skipSpace()
            let c = Array(s)
            guard i + c.count <= characters.count, Array(characters[i..<i + c.count]) == c else { return false }
            if c.last!.isLetter, i + c.count < characters.count, isNameCharacter(characters[i + c.count]) { return false }
            i += c.count
            return true
        }

        private mutating func expect(_ s: String) throws(Failure) {
            guard accept(s) else { throw Failure(text: text) }
        }

        private func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." }

        private mutating func name() -> String? {
            skipSpace()
            if accept("...") { return "..." }
            let start = i
            while i < characters.count, isNameCharacter(characters[i]) { i += 1 }
            return i > start ? String(characters[start..<i]) : nil
        }

        /// Whether a `name:` follows, without consuming it.
        private mutating func parameterFollows() -> Bool {
            let saved = i
            defer { i = saved }
            return name() != nil && accept(":")
        }

        mutating func union() throws(Failure) -> LuaTypeExpression {
            var list = [try postfix()]
            while accept("|") { list.append(try postfix()) }
            return list.count == 1 ? list[0] : .union(list)
        }

        private mutating func postfix() throws(Failure) -> LuaTypeExpression {
            var type = try primary()
            while true {
                if accept("[]") {
                    type = .array(type)
                } else if accept("?") {
                    continue
                } else {
                    return type
                }
            }
        }

        private mutating func primary() throws(Failure) -> LuaTypeExpression {
            if accept("(") {
                let inner = try union()
                try expect(")")
                return inner
            }
            if accept("fun") {
                try expect("(")
                var parameters: [Parameter] = []
                if !accept(")") {
                    repeat {
                        guard let name = name() else { throw Failure(text: text) }
                        try expect(":")
                        parameters.append(Parameter(name: name, type: try union()))
                    } while accept(",")
                    try expect(")")
                }
                if accept(":") {
                    _ = try union()
                    while !parameterFollowsComma(), accept(",") { _ = try union() }
                }
                return .function(parameters)
            }
            if accept("table") {
                guard accept("<") else { return .named("table") }
                _ = try union()
                try expect(",")
                let value = try union()
                try expect(">")
                return .map(value)
            }
            if accept("{") {
                var depth = 1
                while i < characters.count, depth > 0 {
                    if characters[i] == "{" { depth += 1 }
                    if characters[i] == "}" { depth -= 1 }
                    i += 1
                }
                guard depth == 0 else { throw Failure(text: text) }
                return .literal
            }
            skipSpace()
            if i < characters.count, characters[i] == "\"" {
                i += 1
                while i < characters.count, characters[i] != "\"" { i += 1 }
                try expect("\"")
                return .literal
            }
            guard let name = name() else { throw Failure(text: text) }
            return .named(name)
        }

        /// After a result type: whether `, name:` follows, which belongs to an
        /// enclosing parameter list rather than to the results.
        private mutating func parameterFollowsComma() -> Bool {
            let saved = i
            defer { i = saved }
            return accept(",") && parameterFollows()
        }
    }
}
