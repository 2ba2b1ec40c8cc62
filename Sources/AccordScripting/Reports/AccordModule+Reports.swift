import AccordCore
import AccordReports
import LuaKit

extension AccordModule {
    /// Runs the reports prelude, which sets `module.report`, and returns the
    /// host's side of it.
    static func loadReports(state: LuaState, module: LuaReference, ordering: LuaReference,
                            collections: LuaReference) throws(LuaError) -> LuaReference {
        let lua = state.lua
        try state.load(LuaFiles.Reports.reports, chunkName: "(reports)")
        module.push()
        lua.newTable(fields: 13)
        lua.pushPositionReader()
        lua.setField("where")
        lua.push(function: suggest)
        lua.setField("suggest")
        lua.newTable(fields: AccordAPI.reportClasses.count)
        for type in AccordAPI.reportClasses where !type.fields.isEmpty {
            lua.push(type.fieldNames)
            lua.setField(type.name)
        }
        lua.setField("fields")
        lua.push(AccordAPI.reportBuilder.methods.map(\.name))
        lua.setField("methods")
        lua.push(AccordAPI.reportGrains.values)
        lua.setField("grains")
        lua.push(AccordAPI.reportFormats.values)
        lua.setField("formats")
        lua.push(TableColumn.Format.allCases.map(\.rawValue))
        lua.setField("column_formats")
        lua.push(NumberRange.smallest)
        lua.setField("smallest")
        lua.push(NumberRange.largestReported)
        lua.setField("largest_reported")
        push("sorted_keys", of: ordering, on: lua)
        lua.setField("sorted_keys")
        lua.push(function: idsOf)
        lua.setField("ids_of")
        collections.push()
        lua.setField("collections")
        try state.call(arguments: 2, results: 1)
        return state.reference()
    }

    /// `ids_of(items)`: a new list of the ids of a list's items, read raw: an id as it is, a
    /// record's `id`. The same loop in Lua took a fifth of the yearly report's Lua at a million.
    static func idsOf(_ lua: Lua) throws -> Int32 {
        guard lua.type(at: 1) == .table else { throw lua.argumentError(1, function: "ids_of", expected: "table") }
        let count = lua.length(at: 1)
        lua.newTable(array: count)
        for i in stride(from: 1, through: count, by: 1) {
            switch lua.getIndex(i, in: 1) {
            case .string: break
            case .table:
                lua.getField("id", in: -1)
                lua.remove(at: -2)
            default:
                throw LuaScriptError("ids_of: item \(i) is \(lua.type(at: -1)), not an id or a record")
            }
            lua.setIndex(i, in: 2)
        }
        return 1
    }
}
