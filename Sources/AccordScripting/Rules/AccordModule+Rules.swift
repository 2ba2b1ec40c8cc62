import AccordCore
import CLuaShim
import Foundation
import LuaKit

extension AccordModule {
    /// Runs the rules prelude, which sets `module.rules`, and returns the
    /// host's side of it.
    static func loadRules(state: LuaState, module: LuaReference) throws(LuaError) -> LuaReference {
        let lua = state.lua
        try state.load(rulesPreludeSource, chunkName: "(rules)")
        module.push()
        pushRuleNatives(lua)
        lua.newTable(fields: 8)
        for (name, values) in vocabularies {
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
        return state.reference()
    }

    /// The model's vocabularies the predicates check their arguments against.
    static let vocabularies: [(String, [String])] = [
        ("forms", PartnershipForm.allCases.map(\.rawValue)),
        ("statuses", PartnershipStatus.allCases.map(\.rawValue)),
        ("kinds", OrganizationKind.allCases.map(\.rawValue)),
        ("roles", PartyRole.allCases.map(\.rawValue)),
        ("product_kinds", ProductKind.allCases.map(\.rawValue)),
        ("financial_types", FinancialTermType.allCases.map(\.rawValue)),
        ("figure_keys", FigureKey.allCases.map(\.rawValue)),
    ]

    /// suggest(word, candidates): " (did you mean 'x'?)" or "".
    static func suggest(_ lua: Lua) throws -> Int32 {
        let word = try lua.checkString(1, function: "suggest")
        var candidates: [String] = []
        lua.forEach(in: 2) { if let s = lua.string(at: -1) { candidates.append(s) } }
        lua.push(Suggestion.hint(for: word, in: candidates))
        return 1
    }

    private static func pushRuleNatives(_ lua: Lua) {
        lua.newTable(fields: 7)
        luashim_open_words(lua.state)
        luashim_pushcfunction(lua.state, luashim_words)
        lua.setField("words")
        luashim_pushcfunction(lua.state, luashim_find_word)
        lua.setField("find_word")
        luashim_pushcfunction(lua.state, luashim_where)
        lua.setField("where")
        luashim_pushcfunction(lua.state, luashim_defined_at)
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

/// The rules DSL and its evaluator as Lua source, with the vocabularies the
/// host gives it: what `accord-bench` runs under plain `lua5.4`, with no
/// bridge, to measure what the bridge costs.
public enum RulesPrelude {
    /// The chunk; it takes `(module, native, vocab)` and returns the host's side.
    public static var source: String { rulesPreludeSource }
    /// The model's vocabularies by name (`forms`, `kinds`, …); territory groups are `Territory.groups`.
    public static var vocabularies: [(String, [String])] { AccordModule.vocabularies }
    /// The record prelude the rules build on (metatables, helpers such as
    /// `p:involves`); it takes `(fields_of, native)` and returns `meta, module`.
    public static var recordSource: String { preludeSource }
    /// The names each record type answers to, by type: `fields_of`.
    public static var recordFields: [(String, [String])] {
        AccordAPI.classes.map { ($0.name, $0.fieldNames + $0.methods.map(\.name)) }
    }
}
