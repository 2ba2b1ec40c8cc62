import CLuaShim
import LuaKit

extension AccordModule {
    /// Runs the reports prelude, which sets `module.report`, and returns the
    /// host's side of it.
    static func loadReports(state: LuaState, module: LuaReference) throws(LuaError) -> LuaReference {
        let lua = state.lua
        try state.load(reportsPreludeSource, chunkName: "(reports)")
        module.push()
        lua.newTable(fields: 2)
        luashim_pushcfunction(lua.state, luashim_where)
        lua.setField("where")
        lua.push(function: suggest)
        lua.setField("suggest")
        try state.call(arguments: 2, results: 1)
        return state.reference()
    }
}
