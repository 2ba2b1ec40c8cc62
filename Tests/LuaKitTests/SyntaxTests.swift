import LuaKit
import Testing

/// The Lua lexer behind `accord check`'s field pass.
@Suite struct SyntaxTests {
    @Test func theLexerKnowsLuaStringsAndComments() throws {
        let source = """
            --[==[ a long
            comment ]==] local s = [[
            x]] .. "a\\"b\\z
                c" .. 'd' -- end
            print(s, 0x1p4, 3e-2, a // b, ...)
            """
        let tokens = try LuaLexer.tokens(of: source)
        #expect(tokens.filter { $0.kind == .string }.map(\.text) == ["x", "a\"bc", "d"])
        #expect(tokens.first { $0.text == "print" }.map { [$0.line, $0.column] } == [5, 1])
        #expect(tokens.contains { $0.kind == .number && $0.text == "0x1p4" })
        #expect(tokens.contains { $0.isSymbol("//") })
    }
}
