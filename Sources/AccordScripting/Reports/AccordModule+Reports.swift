import AccordCore
import AccordReports
import LuaKit

extension AccordModule {
    /// Runs the reports prelude, which sets `module.report`, and returns the
    /// host's side of it.
    static func loadReports(state: LuaState, module: LuaReference, ordering: LuaReference) throws(LuaError) -> LuaReference {
        let lua = state.lua
        try state.load(LuaFiles.Reports.reports, chunkName: "(reports)")
        module.push()
        lua.newTable(fields: 6)
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
        try state.call(arguments: 2, results: 1)
        return state.reference()
    }
}
