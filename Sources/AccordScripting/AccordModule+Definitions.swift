import LuaKit

/// What the Lua preludes define, by name, so that tests can hold the
/// declarations in `AccordAPI` against what scripts really get.
struct PreludeDefinitions {
    /// The methods of each record type (and of collections), by type name.
    var methods: [String: Set<String>]
    /// The report builder's methods.
    var builderMethods: Set<String>
    /// The fields the rules DSL reads from scripts' tables, by class name
    /// (`pack_def`, `rule_def`, `overlay`, `party_match`).
    var ruleTables: [String: Set<String>]
}

extension AccordModule {
    func definitions() throws(LuaError) -> PreludeDefinitions {
        let lua = state.lua
        let base = lua.top
        defer { lua.top = base }
        methodTables.push()
        try rulesHost().push()
        lua.getField("fields", in: -1)
        try reportsHost().push()
        lua.getField("builder", in: -1)
        return PreludeDefinitions(methods: tables(lua, at: base + 1), builderMethods: names(lua, at: lua.top),
                                  ruleTables: tables(lua, at: base + 3))
    }

    /// The names in each table of the table at `index`, by key.
    private func tables(_ lua: Lua, at index: Int32) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        lua.forEach(in: index) {
            if let key = lua.string(at: -2) { found[key] = names(lua, at: lua.top) }
        }
        return found
    }

    /// The string keys of a table, and the strings of its list part.
    private func names(_ lua: Lua, at index: Int32) -> Set<String> {
        var found: Set<String> = []
        lua.forEach(in: index) {
            if lua.type(at: -2) == .string, let key = lua.string(at: -2) {
                found.insert(key)
            } else if lua.type(at: -1) == .string, let value = lua.string(at: -1) {
                found.insert(value)
            }
        }
        return found
    }
}
