import AccordCore
import LuaKit

/// The `accord` module: the Lua prelude's metatables and helpers, and the
/// native functions that query the store.
final class AccordModule {
    let state: LuaState
    let store: Store
    let periods: PeriodContext
    /// The database's counts and groups, kept while a report builds.
    let memo: AggregateMemo
    /// The Lua strings of the memo's ids, kept as long as it keeps them.
    let idStrings: IDStrings
    private let moduleTable: LuaReference
    let meta: [String: LuaReference]
    private var catalogCache: RecordCatalog?
    /// The prelude's methods of each record type, by type name.
    let methodTables: LuaReference
    /// `ordering.lua`'s orders: `before` and `sorted_keys`.
    let ordering: LuaReference
    /// The prelude's `native.db`: the host's side of `accord.ids`, filled by `installQueries`.
    private let queries: LuaReference
    /// What the prelude gives the report builder alone: `top_groups` and `outside` of `accord.ids`.
    private let forReports: LuaReference
    /// What `accord.names.label` calls each label: the applied packs' names for them.
    var labelNames: [String: String] = [:]
    /// What `accord.home_country()` says: the country the workspace reports from.
    var homeCountry: String?
    /// The rates `accord.convert` converts with, and those it has used (since last emptied).
    var exchangeRates: FXRates?
    var usedRates: [String: Double] = [:]
    /// The host's sides of the rules DSL and the report builder, once loaded.
    private var loadedRules: LuaReference?
    private var loadedReports: LuaReference?

    init(state: LuaState, store: Store, periods: PeriodContext) throws {
        self.state = state
        self.store = store
        self.periods = periods
        memo = AggregateMemo(store: store)
        idStrings = IDStrings(state: state)
        let lua = state.lua
        try state.load(LuaFiles.ordering, chunkName: "(ordering)")
        try state.call(arguments: 0, results: 1)
        ordering = state.reference()
        try state.load(LuaFiles.records, chunkName: "(accord)")
        lua.newTable(fields: AccordAPI.classes.count)
        for (type, names) in AccordAPI.recordFields {
            lua.push(names)
            lua.setField(type)
        }
        AccordModule.pushHelpers(lua, periods: periods)
        AccordModule.push("before", of: ordering, on: lua)
        lua.setField("before")
        lua.newTable(fields: 4)
        lua.pushValue(at: -1)
        queries = state.reference()
        lua.setField("db")
        try state.call(arguments: 2, results: 4)
        forReports = state.reference()
        methodTables = state.reference()
        moduleTable = state.reference()
        var meta: [String: LuaReference] = [:]
        lua.forEach(in: -1) {
            if let name = lua.string(at: -2) {
                lua.pushValue(at: -1)
                meta[name] = state.reference()
            }
        }
        lua.pop()
        self.meta = meta
        installFunctions()
    }

    /// Keeps the database's answers, and their ids as Lua strings, from now on: while a report builds.
    func beginMemo() {
        memo.begin()
        idStrings.begin()
    }

    /// Forgets them and keeps no more.
    func endMemo() {
        memo.end()
        idStrings.end(on: state.lua)
    }

    /// The host's side of the rules DSL (`accord.rules`): describe, plan, classify, explain.
    /// The DSL is compiled on first use: a script that never reaches it does not pay for it.
    func rulesHost() throws(LuaError) -> LuaReference {
        if let loadedRules { return loadedRules }
        let loaded = try AccordModule.loadRules(state: state, module: moduleTable, ordering: ordering)
        loadedRules = loaded
        return loaded
    }

    /// The host's side of the report builder (`accord.report`): describe, build. Compiled on
    /// first use.
    func reportsHost() throws(LuaError) -> LuaReference {
        if let loadedReports { return loadedReports }
        let loaded = try AccordModule.loadReports(state: state, module: moduleTable, ordering: ordering,
                                                    collections: forReports)
        loadedReports = loaded
        return loaded
    }

    /// Whether the rules DSL and the report builder are compiled yet.
    var loadedDSLs: (rules: Bool, reports: Bool) { (loadedRules != nil, loadedReports != nil) }

    /// The fields of the module that are compiled on first use, with what loads each.
    private var lazyFields: [String: () throws(LuaError) -> LuaReference] {
        ["rules": rulesHost, "report": reportsHost]
    }

    /// Sets `accord` in the environment on top of the stack to a copy of the
    /// module (and of its `rules` table), so that one script cannot change
    /// another's module.
    ///
    /// Until the rules DSL and the report builder are loaded, the copy's metatable loads
    /// `accord.rules` or `accord.report` when the script first reads it.
    func install(in lua: Lua) {
        lua.newTable(fields: 12)
        moduleTable.push()
        lua.forEach(in: -1) {
            lua.pushValue(at: -2)
            pushCopy(of: -2, on: lua)
            lua.rawSet(in: -6)
        }
        lua.pop()
        if loadedRules == nil || loadedReports == nil {
            lua.newTable(fields: 2)
            lua.push(function: { [weak self] lua in
                guard let self else { throw AccordModule.closed }
                guard let key = lua.string(at: 2), lazyFields[key] != nil else { return 0 }
                try copyLazyField(key, into: 1, on: lua)
                lua.getField(key, in: 1)
                return 1
            })
            lua.setField("__index")
            // pairs(accord) lists every field, so it loads those not loaded yet.
            lua.push(function: { [weak self] lua in
                guard let self else { throw AccordModule.closed }
                for key in lazyFields.keys.sorted() { try copyLazyField(key, into: 1, on: lua) }
                state.getGlobal("next")
                lua.pushValue(at: 1)
                lua.pushNil()
                return 3
            })
            lua.setField("__pairs")
            lua.setMetatable(at: -2)
        }
        lua.setField("accord")
    }

    /// Loads the lazily compiled field `key` and stores a copy of it in the module copy at
    /// `index`, unless that copy has it already.
    private func copyLazyField(_ key: String, into index: Int32, on lua: Lua) throws(LuaError) {
        guard let load = lazyFields[key] else { return }
        let copy = lua.absolute(index)
        guard lua.getField(key, in: copy) == .nil else {
            lua.pop()
            return
        }
        lua.pop()
        _ = try load()
        moduleTable.push(on: lua)
        lua.getField(key, in: -1)
        pushCopy(of: -1, on: lua)
        lua.setField(key, in: copy)
        lua.pop(2)
    }

    /// Pushes a copy of the module's field at `index`: a new table with the same entries
    /// for a table, the value itself otherwise.
    private func pushCopy(of index: Int32, on lua: Lua) {
        guard lua.type(at: index) == .table else {
            lua.pushValue(at: index)
            return
        }
        let source = lua.absolute(index)
        lua.newTable(fields: 16)
        lua.forEach(in: source) {
            lua.pushValue(at: -2)
            lua.pushValue(at: -2)
            lua.rawSet(in: -5)
        }
    }

    /// Pushes a partnership as scripts see it.
    func push(_ partnership: Partnership, on lua: Lua) throws {
        _ = try pushRecords(on: lua) { records in records.push(partnership) }
    }

    /// Pushes a period as scripts see it.
    func push(_ period: Period, on lua: Lua) throws {
        _ = try pushRecords(on: lua) { records in records.push(period) }
    }

    /// Makes records name the organizations and sources of `dataset` rather
    /// than the store's (pack tests classify their own records), until
    /// `useStoreCatalog()`.
    func useCatalog(of dataset: Dataset) {
        catalogCache = RecordCatalog(meta: meta, organizations: dataset.organizations, sources: dataset.sources)
    }

    func useStoreCatalog() { catalogCache = nil }

    /// Makes `organizations`, every one the store holds, what records name, until
    /// `useStoreCatalog()`: for a classification that would read them all anyway.
    func useCatalog(of organizations: OrganizationsByID) throws {
        catalogCache = RecordCatalog(meta: meta, sources: try store.sources(), every: organizations)
    }

    private func catalog() throws -> RecordCatalog {
        if let catalogCache { return catalogCache }
        let store = self.store
        let made = RecordCatalog(meta: meta, sources: try store.sources()) { ids in
            try store.organizations(OrganizationFilter(ids: ids))
        }
        catalogCache = made
        return made
    }

    /// Reads, in one query, the organizations these partnerships name that records
    /// have not needed yet: for a batch about to be pushed one by one.
    func prefetchOrganizations(of partnerships: some Collection<Partnership>) throws {
        try catalog().prefetch(partnerships.lazy.flatMap { $0.parties.compactMap(\.organization) })
    }

    /// The organization `id`, as records show it; nil when there is none.
    func organization(_ id: String) -> Organization? { (try? catalog())?.organization(id) }

    /// What records name, as `organization(_:)` finds it; nil when it cannot be read.
    var currentCatalog: RecordCatalog? { try? catalog() }

    /// The labels `classify --save` stored for these partnerships, primary first.
    private func savedLabels(of partnerships: [Partnership]) throws -> [String: [String]] {
        try store.savedLabelNames(for: partnerships.map(\.id))
    }

    /// Pushes what `body` pushes through a record pusher on the caller's stack.
    private func pushRecords(on lua: Lua, _ body: (RecordPusher) throws -> Void) throws -> Int32 {
        let records = RecordPusher(lua: lua, catalog: try catalog())
        try body(records)
        records.finish()
        return 1
    }

    // The callbacks hold the module weakly: a state outlives its module while
    // it closes.
    private func installFunctions() {
        let lua = state.lua
        moduleTable.push()
        define("partnerships") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try FilterReader(lua: lua, function: "partnerships", periods: periods).partnershipFilter(at: 1)
            let found = try store.partnerships(filter)
            let saved = try savedLabels(of: found)
            try catalog().prefetch(found.lazy.flatMap { $0.parties.compactMap(\.organization) })
            return try pushRecords(on: lua) { records in records.pushCollection(found) { records.push($0, saved: saved[$0.id] ?? []) } }
        }
        installAggregates()
        define("organizations") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try FilterReader(lua: lua, function: "organizations", periods: periods).organizationFilter(at: 1)
            let found = try store.organizations(filter)
            return try pushRecords(on: lua) { records in records.pushCollection(found) { records.push($0) } }
        }
        define("partnership") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let id = try lua.checkString(1, function: "partnership")
            let found = try store.partnership(id: id)
            let saved = try savedLabels(of: found.map { [$0] } ?? [])
            return try pushRecords(on: lua) { records in
                if let found { records.push(found, saved: saved[found.id] ?? []) } else { lua.pushNil() }
            }
        }
        define("organization") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let key = try lua.checkString(1, function: "organization")
            var found = try store.organization(id: key)
            if found == nil {
                var filter = OrganizationFilter()
                filter.name = key
                found = try store.organizations(filter).first
            }
            return try pushRecords(on: lua) { records in if let found { records.push(found) } else { lua.pushNil() } }
        }
        installNames()
        queries.push()
        installQueries(on: lua)
        lua.pop()
        define("home_country") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            lua.push(homeCountry)
            return 1
        }
        define("convert") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            guard let amount = lua.number(at: 1) else { throw lua.argumentError(1, function: "convert", expected: "number") }
            let currency = try lua.checkString(2, function: "convert")
            guard let rates = exchangeRates, let converted = rates.convert(amount, from: currency) else {
                lua.pushNil()
                return 1
            }
            if currency != rates.currency { usedRates[currency] = rates.rates[currency] }
            lua.push(converted)
            return 1
        }
        define("quantity") { lua in
            guard let value = lua.number(at: 1) else { throw lua.argumentError(1, function: "quantity", expected: "number") }
            let name = lua.type(at: 2) == .none || lua.type(at: 2) == .nil ? Qualifier.exactly.rawValue : try lua.checkString(2, function: "quantity")
            guard let qualifier = Qualifier(rawValue: name) else {
                throw LuaScriptError("quantity: unknown qualifier '\(name.prefix(64))'"
                    + Suggestion.hint(for: name, in: Qualifier.allCases.map(\.rawValue)))
            }
            let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%g", value)
            lua.push(qualifier.format(number))
            return 1
        }
        define("fx") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            guard let rates = exchangeRates else {
                lua.pushNil()
                return 1
            }
            lua.newTable(fields: 3)
            lua.push(rates.currency)
            lua.setField("currency")
            lua.push(rates.date)
            lua.setField("date")
            lua.push(rates.source)
            lua.setField("source")
            return 1
        }
        define("period") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let text = try lua.checkString(1, function: "period")
            let period: Period
            do { period = try periods.parse(text) } catch { throw LuaScriptError(String(describing: error)) }
            return try pushRecords(on: lua) { records in records.push(period) }
        }
        lua.pop()
    }

    static let closed = LuaScriptError("the accord module is closed")

    /// Pushes the function `name` of `ordering.lua` (`before`, `sorted_keys`).
    static func push(_ name: String, of ordering: LuaReference, on lua: Lua) {
        ordering.push(on: lua)
        lua.getField(name, in: -1)
        lua.remove(at: -2)
    }

    func define(_ name: String, _ body: @escaping LuaCallback) {
        state.lua.push(function: body)
        state.lua.setField(name)
    }

    /// The prelude's `native` table: helpers that need nothing but their arguments.
    private static func pushHelpers(_ lua: Lua, periods: PeriodContext) {
        lua.newTable(fields: 4)
        lua.push(function: { lua in
            let type = try lua.checkString(1, function: "unknown_field")
            let key = lua.string(at: 2).map { $0.utf8.count > 64 ? "(a \($0.utf8.count)-byte string)" : $0 }
                ?? (try? lua.describe(at: 2)) ?? "?"
            let declared = AccordAPI.classes.first { $0.name == type }
            let candidates = (declared?.fieldNames ?? []) + (declared?.methods.map(\.name) ?? [])
            let hint = AccordAPI.renamed[key].map { " (did you mean '\($0)'?)" } ?? Suggestion.hint(for: key, in: candidates)
            lua.push("unknown field '\(key)'\(hint)")
            return 1
        })
        lua.setField("unknown_field")
        lua.push(function: { lua in
            let code = try lua.checkString(1, function: "covers")
            let country = try lua.checkString(2, function: "covers")
            lua.push(Territory.covers(code, country: country))
            return 1
        })
        lua.setField("covers")
        lua.push(function: { lua in
            let label = try lua.checkString(1, function: "membership")
            let text = try lua.checkString(2, function: "membership")
            guard let date = PartialDate(text) else {
                throw LuaScriptError("invalid date '\(text)': expected YYYY, YYYY-MM or YYYY-MM-DD")
            }
            lua.push(try periods.parse(label).membership(of: date).rawValue)
            return 1
        })
        lua.setField("membership")
        lua.push(function: { lua in
            let period = try periods.parse(try lua.checkString(1, function: "period_shift"))
            let shifted = switch try lua.checkString(2, function: "period_shift") {
            case "previous": period.previous()
            case "next": period.next()
            default: period.yearBefore()
            }
            lua.push(shifted.label)
            return 1
        })
        lua.setField("period_shift")
    }
}
