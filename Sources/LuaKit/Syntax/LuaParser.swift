/// A recursive-descent parser for Lua 5.4 (after `lparser.c`) that also
/// resolves every name to its local, as the compiler does. Meant for source
/// Lua has already compiled: on anything unexpected it throws and the field
/// pass skips the file.
public struct LuaParser {
    public struct Failure: Error {}

    private let tokens: [LuaToken]
    private var position = 0
    private var scopes: [[String: LuaBinding]] = [[:]]
    private var assignedFields: Set<String> = []
    /// Nesting so far (calls of `expression` and links of chains such as
    /// `a + b + c` or `a.b.c`): trees deeper than `maxDepth` are refused, so
    /// that walking them cannot exhaust the stack.
    private var depth = 0
    public static let maxDepth = 400

    private init(tokens: [LuaToken]) { self.tokens = tokens }

    public static func parse(_ source: String) throws -> LuaChunk {
        var parser = LuaParser(tokens: try LuaLexer.tokens(of: source))
        let body = try parser.block()
        guard parser.current.kind == .eof else { throw Failure() }
        return LuaChunk(body: body, assignedFields: parser.assignedFields)
    }

    // MARK: Tokens

    private var current: LuaToken { tokens[position] }
    private func lookahead(_ n: Int = 1) -> LuaToken { tokens[min(position + n, tokens.count - 1)] }

    private mutating func advance() -> LuaToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    private mutating func expect(symbol: String) throws(Failure) {
        guard accept(symbol: symbol) else { throw Failure() }
    }

    private mutating func expect(keyword: String) throws(Failure) {
        guard accept(keyword: keyword) else { throw Failure() }
    }

    private mutating func name() throws(Failure) -> LuaToken {
        guard current.kind == .name else { throw Failure() }
        return advance()
    }

    // MARK: Scopes

    private mutating func declare(_ name: String) -> LuaBinding {
        let binding = LuaBinding(name: name)
        scopes[scopes.count - 1][name] = binding
        return binding
    }

    private func resolve(_ name: String) -> LuaBinding? {
        for scope in scopes.reversed() { if let b = scope[name] { return b } }
        return nil
    }

    private mutating func scoped<T>(_ body: (inout LuaParser) throws -> T) throws -> T {
        scopes.append([:])
        defer { scopes.removeLast() }
        return try body(&self)
    }

    // MARK: Statements

    private var blockEnds: Bool {
        let t = current
        return t.kind == .eof || (t.kind == .keyword && ["end", "else", "elseif", "until"].contains(t.text))
    }

    private mutating func block() throws -> [LuaStatement] {
        var statements: [LuaStatement] = []
        while !blockEnds {
            if current.isKeyword("return") {
                _ = advance()
                var values: [LuaExpression] = []
                if !blockEnds && !current.isSymbol(";") { values = try expressionList() }
                _ = accept(symbol: ";")
                statements.append(.returning(values))
                guard blockEnds else { throw Failure() }
                break
            }
            statements.append(try statement())
        }
        return statements
    }

    private mutating func scopedBlock() throws -> [LuaStatement] {
        try scoped { try $0.block() }
    }

    private mutating func statement() throws -> LuaStatement {
        let t = current
        if t.kind == .symbol {
            if accept(symbol: ";") { return .other }
            if accept(symbol: "::") {
                _ = try name()
                try expect(symbol: "::")
                return .other
            }
        }
        if t.kind == .keyword {
            switch t.text {
            case "break":
                _ = advance()
                return .other
            case "goto":
                _ = advance()
                _ = try name()
                return .other
            case "do":
                _ = advance()
                let body = try scopedBlock()
                try expect(keyword: "end")
                return .block(body)
            case "while":
                _ = advance()
                let condition = try expression()
                try expect(keyword: "do")
                let body = try scopedBlock()
                try expect(keyword: "end")
                return .whileLoop(condition, body)
            case "repeat":
                _ = advance()
                return try scoped { (p: inout LuaParser) -> LuaStatement in
                    let body = try p.block()
                    try p.expect(keyword: "until")
                    return .repeatLoop(body, try p.expression())
                }
            case "if":
                return try ifStatement()
            case "for":
                return try forStatement()
            case "function":
                _ = advance()
                let first = try name()
                let binding = resolve(first.text)
                var target = LuaExpression.name(LuaName(token: first, binding: binding))
                var isMethod = false
                while current.isSymbol(".") || current.isSymbol(":") {
                    isMethod = advance().text == ":"
                    let key = try name()
                    assignedFields.insert(key.text)
                    target = .field(target, key)
                    if isMethod { break }
                }
                if case .name = target { binding?.reassigned = true }
                return .function(target, try functionBody(isMethod: isMethod))
            case "local":
                _ = advance()
                if accept(keyword: "function") {
                    let binding = declare(try name().text)
                    return .localFunction(binding, try functionBody(isMethod: false))
                }
                var names: [String] = []
                repeat {
                    names.append(try name().text)
                    if accept(symbol: "<") {
                        _ = try name()
                        try expect(symbol: ">")
                    }
                } while accept(symbol: ",")
                let values = accept(symbol: "=") ? try expressionList() : []
                return .local(names.map { declare($0) }, values)
            default:
                break
            }
        }
        let first = try suffixedExpression()
        if current.isSymbol("=") || current.isSymbol(",") {
            var targets = [first]
            while accept(symbol: ",") { targets.append(try suffixedExpression()) }
            try expect(symbol: "=")
            let values = try expressionList()
            for target in targets { try noteAssignment(to: target) }
            return .assignment(targets, values)
        }
        switch first {
        case .call, .method: return .call(first)
        default: throw Failure()
        }
    }

    private mutating func noteAssignment(to target: LuaExpression) throws(Failure) {
        switch target {
        case .name(let n): n.binding?.reassigned = true
        case .field(_, let key): assignedFields.insert(key.text)
        case .index(_, .string(let key)): assignedFields.insert(key.text)
        case .index: break
        default: throw Failure()
        }
    }

    private mutating func ifStatement() throws -> LuaStatement {
        var branches: [(LuaExpression, [LuaStatement])] = []
        var otherwise: [LuaStatement]?
        _ = advance()
        repeat {
            let condition = try expression()
            try expect(keyword: "then")
            branches.append((condition, try scopedBlock()))
        } while accept(keyword: "elseif")
        if accept(keyword: "else") { otherwise = try scopedBlock() }
        try expect(keyword: "end")
        return .ifElse(branches, otherwise)
    }

    private mutating func forStatement() throws -> LuaStatement {
        _ = advance()
        let first = try name()
        if accept(symbol: "=") {
            var limits = [try expression()]
            try expect(symbol: ",")
            limits.append(try expression())
            if accept(symbol: ",") { limits.append(try expression()) }
            try expect(keyword: "do")
            return try scoped { (p: inout LuaParser) -> LuaStatement in
                let variable = p.declare(first.text)
                let body = try p.block()
                try p.expect(keyword: "end")
                return .numericFor(variable, limits, body)
            }
        }
        var names = [first.text]
        while accept(symbol: ",") { names.append(try name().text) }
        try expect(keyword: "in")
        let iterators = try expressionList()
        try expect(keyword: "do")
        return try scoped { (p: inout LuaParser) -> LuaStatement in
            let variables = names.map { p.declare($0) }
            let body = try p.block()
            try p.expect(keyword: "end")
            return .genericFor(variables, iterators, body)
        }
    }

    private mutating func functionBody(isMethod: Bool) throws -> LuaFunctionBody {
        try scoped { (p: inout LuaParser) -> LuaFunctionBody in
            var parameters: [LuaBinding] = isMethod ? [p.declare("self")] : []
            try p.expect(symbol: "(")
            if !p.current.isSymbol(")") {
                repeat {
                    if p.accept(symbol: "...") { break }
                    parameters.append(p.declare(try p.name().text))
                } while p.accept(symbol: ",")
            }
            try p.expect(symbol: ")")
            let body = try p.block()
            try p.expect(keyword: "end")
            return LuaFunctionBody(parameters: parameters, body: body)
        }
    }

    // MARK: Expressions

    private mutating func expressionList() throws -> [LuaExpression] {
        var list = [try expression()]
        while accept(symbol: ",") { list.append(try expression()) }
        return list
    }

    /// Left and right priorities of the binary operators, as in `lparser.c`.
    private static let priorities: [String: (Int, Int)] = [
        "or": (1, 1), "and": (2, 2),
        "<": (3, 3), ">": (3, 3), "<=": (3, 3), ">=": (3, 3), "~=": (3, 3), "==": (3, 3),
        "|": (4, 4), "~": (5, 5), "&": (6, 6), "<<": (7, 7), ">>": (7, 7),
        "..": (9, 8), "+": (10, 10), "-": (10, 10),
        "*": (11, 11), "/": (11, 11), "//": (11, 11), "%": (11, 11),
        "^": (14, 13),
    ]
    private static let unaryPriority = 12

    private func binaryOperator() -> String? {
        let t = current
        guard t.kind == .symbol || (t.kind == .keyword && (t.text == "and" || t.text == "or")) else { return nil }
        return LuaParser.priorities[t.text] != nil ? t.text : nil
    }

    private mutating func deeper(by n: Int = 1) throws(Failure) {
        depth += n
        if depth > LuaParser.maxDepth { throw Failure() }
    }

    private mutating func expression(limit: Int = 0) throws -> LuaExpression {
        let base = depth
        try deeper()
        defer { depth = base }
        var left: LuaExpression
        let t = current
        if t.isKeyword("not") || t.isSymbol("-") || t.isSymbol("#") || t.isSymbol("~") {
            _ = advance()
            left = .unary(t.text, try expression(limit: LuaParser.unaryPriority))
        } else {
            left = try simpleExpression()
        }
        while let op = binaryOperator(), let (l, r) = LuaParser.priorities[op], l > limit {
            _ = advance()
            try deeper()
            left = .binary(op, left, try expression(limit: r))
        }
        return left
    }

    private mutating func simpleExpression() throws -> LuaExpression {
        let t = current
        switch t.kind {
        case .number:
            _ = advance()
            return .constant
        case .string:
            _ = advance()
            return .string(t)
        case .keyword where ["nil", "true", "false"].contains(t.text):
            _ = advance()
            return .constant
        case .keyword where t.text == "function":
            _ = advance()
            return .function(try functionBody(isMethod: false))
        case .symbol where t.text == "...":
            _ = advance()
            return .constant
        case .symbol where t.text == "{":
            return try table()
        default:
            return try suffixedExpression()
        }
    }

    private mutating func primaryExpression() throws -> LuaExpression {
        if current.kind == .name {
            let token = advance()
            return .name(LuaName(token: token, binding: resolve(token.text)))
        }
        try expect(symbol: "(")
        let inner = try expression()
        try expect(symbol: ")")
        return .parenthesized(inner)
    }

    private mutating func suffixedExpression() throws -> LuaExpression {
        let base = depth
        defer { depth = base }
        var e = try primaryExpression()
        while true {
            let t = current
            try deeper()
            if t.isSymbol(".") {
                _ = advance()
                e = .field(e, try name())
            } else if t.isSymbol("[") {
                _ = advance()
                let key = try expression()
                try expect(symbol: "]")
                e = .index(e, key)
            } else if t.isSymbol(":") {
                _ = advance()
                let method = try name()
                e = .method(e, method, try callArguments())
            } else if t.isSymbol("(") || t.isSymbol("{") || t.kind == .string {
                e = .call(e, try callArguments())
            } else {
                return e
            }
        }
    }

    private mutating func callArguments() throws -> [LuaExpression] {
        let t = current
        if t.kind == .string {
            _ = advance()
            return [.string(t)]
        }
        if t.isSymbol("{") { return [try table()] }
        try expect(symbol: "(")
        if accept(symbol: ")") { return [] }
        let list = try expressionList()
        try expect(symbol: ")")
        return list
    }

    private mutating func table() throws -> LuaExpression {
        try expect(symbol: "{")
        var items: [LuaTableItem] = []
        while !current.isSymbol("}") {
            if current.kind == .name, lookahead().isSymbol("=") {
                let key = advance()
                _ = advance()
                items.append(.named(key, try expression()))
            } else if accept(symbol: "[") {
                let key = try expression()
                try expect(symbol: "]")
                try expect(symbol: "=")
                items.append(.keyed(key, try expression()))
            } else {
                items.append(.positional(try expression()))
            }
            if !accept(symbol: ",") && !accept(symbol: ";") { break }
        }
        try expect(symbol: "}")
        return .table(items)
    }
}
