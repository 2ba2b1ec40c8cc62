import AccordCore
import CAccordWords
import Foundation
import LuaKit

extension AccordModule {
    /// Runs the rules DSL's three chunks — `Rules/dsl.lua`, which sets `module.rules`, then
    /// `packs.lua` and `evaluate.lua`, which build the host's side on what it returns — and
    /// returns the host's side: describe, confine, plan, classify, explain.
    static func loadRules(state: LuaState, module: LuaReference, ordering: LuaReference) throws(LuaError) -> LuaReference {
        let lua = state.lua
        try state.load(LuaFiles.Rules.dsl, chunkName: "(rules)")
        module.push()
        try pushRuleNatives(state: state)
        push("sorted_keys", of: ordering, on: lua)
        lua.setField("sorted_keys")
        lua.newTable(fields: 8)
        for (name, values) in AccordAPI.vocabularies {
            lua.push(values)
            lua.setField(name)
        }
        lua.newTable(fields: Territory.groups.count)
        for (group, members) in Territory.groups.sorted(by: { $0.key < $1.key }) {
            lua.push(members)
            lua.setField(group)
        }
        lua.setField("groups")
        try state.call(arguments: 3, results: 1)
        let dsl = state.reference()
        lua.newTable(fields: 8)
        let host = state.reference()
        for (source, name) in [(LuaFiles.Rules.packs, "(rules.packs)"), (LuaFiles.Rules.evaluate, "(rules.evaluate)")] {
            try state.load(source, chunkName: name)
            host.push()
            dsl.push()
            try state.call(arguments: 2, results: 0)
        }
        return host
    }

    /// suggest(word, candidates): " (did you mean 'x'?)" or "".
    static func suggest(_ lua: Lua) throws -> Int32 {
        let word = try lua.checkString(1, function: "suggest")
        var candidates: [String] = []
        lua.forEach(in: 2) { if let s = lua.string(at: -1) { candidates.append(s) } }
        lua.push(Suggestion.hint(for: word, in: candidates))
        return 1
    }

    private static func pushRuleNatives(state: LuaState) throws(LuaError) {
        let lua = state.lua
        lua.newTable(fields: 8)
        // The word search `mentions` uses (words.c), a C module: words(text), find_word(words, needles).
        lua.push(cFunction: luaopen_accord_words)
        try state.call(arguments: 0, results: 1)
        lua.forEach(in: -1) {
            lua.pushValue(at: -2)
            lua.pushValue(at: -2)
            lua.rawSet(in: -6)
        }
        lua.pop()
        lua.pushPositionReader()
        lua.setField("where")
        lua.pushDefinitionReader()
        lua.setField("defined_at")
        lua.push(function: suggest)
        lua.setField("suggest")
        lua.push(function: { lua in
            var parts: [String] = []
            for i in 0..<lua.top { parts.append(try lua.describe(at: i + 1)) }
            FileHandle.standardError.write(Data((parts.joined(separator: "\t") + "\n").utf8))
            return 0
        })
        lua.setField("eprint")
        lua.push(function: { lua in
            lua.push(Territory.isValid(try lua.checkString(1, function: "is_territory")))
            return 1
        })
        lua.setField("is_territory")
    }
}
