/// A token of Lua 5.4 source, with where it starts.
public struct LuaToken: Equatable {
    public enum Kind: Equatable {
        case name, keyword, string, number, symbol, eof
    }

    public var kind: Kind
    /// The name, keyword or symbol; a string's value; a number's text.
    public var text: String
    public var line: Int
    /// 1-based byte column.
    public var column: Int

    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    public func isKeyword(_ s: String) -> Bool { kind == .keyword && text == s }
}

/// Splits Lua 5.4 source into tokens, skipping comments. It accepts what
/// Lua's own lexer accepts; on anything else it throws, and the caller
/// gives up on the file (Lua's parser has the last word on syntax).
public struct LuaLexer {
    public struct Failure: Error {}

    static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]
    private static let threeCharSymbols = ["..."]
    private static let twoCharSymbols = ["==", "~=", "<=", ">=", "//", "::", "<<", ">>", ".."]

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ source: String) { bytes = Array(source.utf8) }

    public static func tokens(of source: String) throws(Failure) -> [LuaToken] {
        var lexer = LuaLexer(source)
        var out: [LuaToken] = []
        while true {
            let token = try lexer.next()
            out.append(token)
            if token.kind == .eof { return out }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

    private mutating func newline() {
        let first = bytes[i]
        i += 1
        if let second = peek(), second == 10 || second == 13, second != first { i += 1 }
        line += 1
        lineStart = i
    }

    private static func isNameStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }

    mutating func next() throws(Failure) -> LuaToken {
        try skipSpaceAndComments()
        let startLine = line, column = i - lineStart + 1
        func token(_ kind: LuaToken.Kind, _ text: String) -> LuaToken { LuaToken(kind: kind, text: text, line: startLine, column: column) }
        guard let c = peek() else { return token(.eof, "") }
        if Self.isNameStart(c) {
            let start = i
            while let d = peek(), Self.isNameStart(d) || Self.isDigit(d) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            return token(Self.keywords.contains(word) ? .keyword : .name, word)
        }
        if Self.isDigit(c) || (c == 46 && peek(1).map(Self.isDigit) == true) { return token(.number, number()) }
        if c == 34 || c == 39 { return token(.string, try shortString(quote: c)) }
        if c == 91, let level = longBracketLevel() { return token(.string, try longString(level: level)) }
        for symbol in Self.threeCharSymbols + Self.twoCharSymbols where matches(symbol) {
            i += symbol.utf8.count
            return token(.symbol, symbol)
        }
        guard "+-*/%^#&~|<>=(){}[];:,.".utf8.contains(c) else { throw Failure() }
        i += 1
        return token(.symbol, String(UnicodeScalar(c)))
    }

    private func matches(_ symbol: String) -> Bool {
        for (k, b) in symbol.utf8.enumerated() where peek(k) != b { return false }
        return true
    }

    private mutating func skipSpaceAndComments() throws(Failure) {
        while let c = peek() {
            if c == 10 || c == 13 {
                newline()
            } else if c == 32 || c == 9 || c == 11 || c == 12 {
                i += 1
            } else if c == 45, peek(1) == 45 {
                i += 2
                if peek() == 91, let level = longBracketLevel() {
                    _ = try longString(level: level)
                } else {
                    while let d = peek(), d != 10, d != 13 { i += 1 }
                }
            } else if c == 35, i == 0, peek(1) == 33 {
                while let d = peek(), d != 10, d != 13 { i += 1 } // #! line
            } else {
                return
            }
        }
    }

    private mutating func number() -> String {
        let start = i
        var exponent: [UInt8] = [69, 101] // E e
        if peek() == 48, let x = peek(1), x == 120 || x == 88 {
            exponent = [80, 112] // P p
            i += 2
        }
        while let c = peek() {
            if exponent.contains(c), let sign = peek(1), sign == 43 || sign == 45 {
                i += 2
            } else if Self.isHex(c) || c == 46 || Self.isNameStart(c) {
                i += 1
            } else {
                break
            }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// At `[`: the level of a long bracket (`[[` is 0, `[==[` is 2), or nil.
    private func longBracketLevel() -> Int? {
        var k = 1
        while peek(k) == 61 { k += 1 }
        return peek(k) == 91 ? k - 1 : nil
    }

    private mutating func longString(level: Int) throws(Failure) -> String {
        i += level + 2
        if let c = peek(), c == 10 || c == 13 { newline() }
        var out: [UInt8] = []
        while let c = peek() {
            if c == 93 {
                var k = 1
                while peek(k) == 61 { k += 1 }
                if k - 1 == level, peek(k) == 93 {
                    i += k + 1
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c)
                i += 1
            } else if c == 10 || c == 13 {
                newline()
                out.append(10)
            } else {
                out.append(c)
                i += 1
            }
        }
        throw Failure()
    }

    private mutating func shortString(quote: UInt8) throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while let c = peek() {
            switch c {
            case quote:
                i += 1
                return String(decoding: out, as: UTF8.self)
            case 10, 13:
                throw Failure()
            case 92:
                i += 1
                guard let e = peek() else { throw Failure() }
                switch e {
                case 110: out.append(10); i += 1
                case 116: out.append(9); i += 1
                case 114: out.append(13); i += 1
                case 97: out.append(7); i += 1
                case 98: out.append(8); i += 1
                case 102: out.append(12); i += 1
                case 118: out.append(11); i += 1
                case 10, 13: newline(); out.append(10)
                case 122: // \z skips following white space
                    i += 1
                    while let w = peek(), w == 32 || (w >= 9 && w <= 13) {
                        if w == 10 || w == 13 { newline() } else { i += 1 }
                    }
                case 120: // \xXX
                    guard let h = peek(1), let l = peek(2), Self.isHex(h), Self.isHex(l) else { throw Failure() }
                    out.append(UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16)!)
                    i += 3
                case 117: // \u{XXX}
                    guard peek(1) == 123 else { throw Failure() }
                    i += 2
                    var value: UInt32 = 0
                    while let h = peek(), Self.isHex(h) {
                        value = value &* 16 &+ UInt32(String(UnicodeScalar(h)), radix: 16)!
                        i += 1
                    }
                    guard peek() == 125 else { throw Failure() }
                    i += 1
                    out += Array(String(UnicodeScalar(value).map(Character.init) ?? "?").utf8)
                case 48...57:
                    var value = 0, n = 0
                    while n < 3, let d = peek(), Self.isDigit(d) {
                        value = value * 10 + Int(d - 48)
                        i += 1
                        n += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default:
                    out.append(e)
                    i += 1
                }
            default:
                out.append(c)
                i += 1
            }
        }
        throw Failure()
    }
}
