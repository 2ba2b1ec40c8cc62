import CAccordWords
import LuaKit
import Testing

/// The C word search behind `mentions` (words.c) against its definition in Lua:
/// `find(" " .. lower(text):gsub("[^%w\128-\255]+", " "):gsub("^ ", ""), needle, 1, true)`.
@Suite struct WordSearchTests {
    private func makeState() throws -> LuaState {
        let state = try LuaState()
        state.lua.push(cFunction: luaopen_accord_words)
        try state.call(arguments: 0, results: 1)
        state.setGlobal("search")
        try state.run("""
            words, find_word = search.words, search.find_word
            function searchable(text) return " " .. (text:lower():gsub("[^%w\\128-\\255]+", " "):gsub("^ ", "")) end
            function needle(word) return (searchable(word):gsub(" $", "")) end
            function reference(text, needles)
              local s = searchable(text)
              for i = 1, #needles do
                if s:find(needles[i], 1, true) then return i end
              end
              return nil
            end
            """, chunkName: "reference.lua")
        return state
    }

    static let cases: [(text: String, words: [String], found: Int?)] = [
        ("Exports to Vietnam", ["export"], 1), ("industrial trial", ["trial"], 1), ("industrial", ["trial"], nil),
        ("R & D centre", ["r&d"], 1), ("clinical-trial agreement", ["clinical trial"], 1),
        ("CLINICAL   TRIALS", ["clinical trial"], 1), ("clinicaltrial", ["clinical trial"], nil), ("", ["a"], nil),
        ("a", ["ab"], nil), ("...", ["x"], nil), ("the Café Société", ["société"], 1), ("한국 제약 협력", ["제약"], 1),
        ("한국제약", ["제약"], nil), ("2024 plan, 20 sites", ["202", "20 s"], 1), ("incubation", ["venture", "incubat"], 2),
        ("ends with need", ["needle", "need"], 2),
    ]

    @Test(arguments: cases)
    func findsWordStartsAsTheDefinitionDoes(_ c: (text: String, words: [String], found: Int?)) throws {
        let state = try makeState()
        state.lua.push(c.text)
        state.setGlobal("text")
        state.lua.push(c.words)
        state.setGlobal("sought")
        state.lua.push(c.found)
        state.setGlobal("want")
        try state.run("""
            local needles = {}
            for i, w in ipairs(sought) do needles[i] = needle(w) end
            local got = find_word(words(text), needles)
            assert(got == want, ("got %s, want %s"):format(tostring(got), tostring(want)))
            assert(got == reference(text, needles), "differs from the reference")
            assert(tostring(words(text)) == searchable(text), "text " .. tostring(words(text)))
            """, chunkName: "case.lua")
    }

    @Test func agreesWithTheDefinitionOnRandomText() throws {
        // Random texts over a small alphabet (so that words collide), with
        // capitals, punctuation runs and multi-byte letters; needles are
        // prefixes and phrases of their words, or made up.
        try makeState().run("""
            local seed = 12345
            local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
            local pieces = { "a", "b", "e", "ab", "ba", "Ex", "é", "한", "7", " ", "  ", "-", ", ", ".", "&", "\\t" }
            for round = 1, 3000 do
              local parts = {}
              for i = 1, rand(24) - 1 do parts[i] = pieces[rand(#pieces)] end
              local text = table.concat(parts)
              local needles = {}
              for i = 1, rand(4) do
                local from = rand(#text + 1)
                local w = text:sub(from, from + rand(6))
                if rand(3) == 1 then w = pieces[rand(#pieces)] .. pieces[rand(#pieces)] end
                local n = needle(w)
                needles[#needles + 1] = n ~= "" and n or " a"
              end
              local got, want = find_word(words(text), needles), reference(text, needles)
              if got ~= want then
                error(("%q with needles %q: got %s, want %s"):format(text, table.concat(needles, "|"), tostring(got), tostring(want)))
              end
            end
            """, chunkName: "random.lua")
    }

    @Test func refusesWhatIsNotAWordIndex() throws {
        let state = try makeState()
        #expect(throws: LuaError.self) { try state.run("find_word('text', { ' t' })", chunkName: "bad.lua") }
        #expect(throws: LuaError.self) { try state.run("find_word(words('x'), { 1, {} })", chunkName: "bad.lua") }
    }
}
