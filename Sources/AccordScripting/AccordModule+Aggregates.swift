import AccordCore
import LuaKit

/// Counting, grouping and summing in the database, and light reads: what reports need of a
/// period's partnerships without reading them whole.
extension AccordModule {
    /// `accord.count{ …, by = }` and `{ …, distinct = }`, and `accord.sum{ …, type = }`.
    func installAggregates() {
        define("count") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let reader = FilterReader(lua: lua, function: "count", periods: periods)
            let filter = try homed(reader.partnershipFilter(at: 1, extra: ["by", "distinct"]))
            let by = try dimension(lua, key: "by", function: "count")
            let distinct = try dimension(lua, key: "distinct", function: "count")
            switch (by, distinct) {
            case (nil, nil): lua.push(try memo.count(filter))
            case let (by?, nil):
                let counts = try memo.counts(filter, by: by)
                lua.newTable(fields: counts.count)
                for (key, n) in counts {
                    lua.push(n)
                    lua.setField(key)
                }
            case let (nil, distinct?): lua.push(try memo.distinctCount(filter, of: distinct))
            default: throw LuaScriptError("count: give 'by' or 'distinct', not both")
            }
            return 1
        }
        define("sum") { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try homed(FilterReader(lua: lua, function: "sum", periods: periods).partnershipFilter(at: 1, extra: ["type"]))
            let sums = try store.amountSums(filter, types: try financialTypes(lua))
            lua.newTable(array: sums.count)
            for (i, sum) in sums.enumerated() {
                lua.newTable(fields: 5)
                lua.push(sum.type)
                lua.setField("type")
                lua.push(sum.currency)
                lua.setField("currency")
                lua.push(sum.amount)
                lua.setField("amount")
                lua.push(sum.terms)
                lua.setField("terms")
                pushIDs(PartnershipIDs(sum.ids), on: lua)
                lua.setField("partnerships")
                lua.setIndex(i + 1)
            }
            return 1
        }
    }

    /// The host's side of id collections (`accord.ids`), kept out of the module: `check(filter)`,
    /// `ids(filter)`, `groups(filter, by, top)` (with `top`, only the groups `PartnershipGroups.leading`
    /// keeps, and how many it leaves out), `outside(filter, by, keys)` (those with a key not among
    /// `keys`), `keys(filter, by)` (the dimension's keys, sorted), `count_rows(filter)` (its `by`
    /// counted, most first) and `rows(filter, columns)`, set in the table on top.
    func installQueries(on lua: Lua) {
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            _ = try FilterReader(lua: lua, function: "ids", periods: periods).partnershipFilter(at: 1)
            return 0
        })
        lua.setField("check")
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try homed(FilterReader(lua: lua, function: "ids", periods: periods).partnershipFilter(at: 1))
            idStrings.push(try memo.partnershipIDs(filter), on: lua)
            return 1
        })
        lua.setField("ids")
        pushGrouping("group_by", on: lua) { module, lua, filter, by in
            var (groups, hidden) = (try module.memo.grouped(filter, by: by), 0)
            if lua.type(at: 3) != .none && lua.type(at: 3) != .nil {
                guard let top = lua.integer(at: 3), top > 0 else { throw lua.argumentError(3, function: "group_by", expected: "positive integer") }
                (groups, hidden) = groups.leading(top)
            }
            lua.newTable(fields: groups.keyed.count)
            for (key, ids) in groups.keyed {
                module.pushIDs(ids, on: lua)
                lua.setField(key)
            }
            module.pushIDs(groups.keyless, on: lua)
            lua.push(by.isMultiple)
            lua.push(hidden)
            return 4
        }
        lua.setField("groups")
        pushGrouping("outside", on: lua) { module, lua, filter, by in
            guard lua.type(at: 3) == .table else { throw lua.argumentError(3, function: "outside", expected: "list of keys") }
            var kept = Set<String>()
            for i in stride(from: 1, through: lua.length(at: 3), by: 1) {
                lua.getIndex(i, in: 3)
                defer { lua.pop() }
                guard let key = lua.string(at: -1) else { throw LuaScriptError("outside: key \(i) is not a string") }
                kept.insert(key)
            }
            module.pushIDs(try module.memo.partnerships(filter, withKeyOutside: kept, of: by), on: lua)
            return 1
        }
        lua.setField("outside")
        pushGrouping("keys", on: lua) { module, lua, filter, by in
            lua.push(try module.memo.grouped(filter, by: by).keyed.map(\.key).sorted(by: Lua.stringPrecedes))
            return 1
        }
        lua.setField("keys")
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try homed(FilterReader(lua: lua, function: "count", periods: periods).partnershipFilter(at: 1, extra: ["by"]))
            guard let by = try dimension(lua, key: "by", function: "count") else {
                throw LuaScriptError("count_rows: the filter has no 'by'")
            }
            let rows = try memo.counts(filter, by: by).sorted { a, b in
                a.value != b.value ? a.value > b.value : Lua.stringPrecedes(a.key, b.key)
            }
            lua.newTable(array: rows.count)
            for (i, row) in rows.enumerated() {
                lua.newTable(fields: 2)
                lua.push(row.key)
                lua.setField("key")
                lua.push(row.value)
                lua.setField("count")
                lua.setIndex(i + 1)
            }
            return 1
        })
        lua.setField("count_rows")
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try homed(FilterReader(lua: lua, function: "read", periods: periods).partnershipFilter(at: 1))
            let columns = try self.columns(lua)
            let rows = try store.partnershipRows(filter, columns: columns)
            lua.newTable(array: rows.count)
            for (i, row) in rows.enumerated() {
                push(row, on: lua)
                lua.setIndex(i + 1)
            }
            return 1
        })
        lua.setField("rows")
    }

    /// The filter, with the home country `abroad` is reckoned from.
    private func homed(_ filter: PartnershipFilter) -> PartnershipFilter {
        var filter = filter
        filter.home = homeCountry
        return filter
    }

    private func pushIDs(_ ids: PartnershipIDs, on lua: Lua) {
        idStrings.push(ids, on: lua)
        meta["collection"]!.push(on: lua)
        lua.setMetatable(at: -2)
    }

    /// Pushes a host function of a filter and a dimension (arguments 1 and 2), named `function` in its errors.
    private func pushGrouping(_ function: String, on lua: Lua,
                              _ body: @escaping (AccordModule, Lua, PartnershipFilter, PartnershipDimension) throws -> Int32) {
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let filter = try homed(FilterReader(lua: lua, function: function, periods: periods).partnershipFilter(at: 1))
            return try body(self, lua, filter, try groupingDimension(lua, at: 2, function: function))
        })
    }

    /// The dimension `function` names at `index`.
    private func groupingDimension(_ lua: Lua, at index: Int32, function: String) throws -> PartnershipDimension {
        let name = try lua.checkString(index, function: function)
        guard let by = PartnershipDimension(rawValue: name) else {
            let names = PartnershipDimension.allCases.map(\.rawValue)
            throw LuaScriptError("\(function): '\(name.prefix(64))' is not a dimension the database groups by"
                + Suggestion.hint(for: name, in: names) + "; dimensions are \(names.joined(separator: ", ")), "
                + "or give a function")
        }
        return by
    }

    /// The dimension named by the filter's `key`, if given.
    private func dimension(_ lua: Lua, key: String, function: String) throws -> PartnershipDimension? {
        guard lua.type(at: 1) == .table else { return nil }
        lua.getField(key, in: 1)
        defer { lua.pop() }
        if lua.type(at: -1) == .nil { return nil }
        let names = PartnershipDimension.allCases.map(\.rawValue)
        guard let name = lua.string(at: -1), lua.type(at: -1) == .string, let dimension = PartnershipDimension(rawValue: name) else {
            let given = lua.type(at: -1) == .string ? "'\(lua.string(at: -1)!.prefix(64))'" : lua.type(at: -1).name
            throw LuaScriptError("\(function): '\(key)' must be one of \(names.joined(separator: ", ")), not \(given)"
                + (lua.string(at: -1).map { Suggestion.hint(for: $0, in: names) } ?? ""))
        }
        return dimension
    }

    /// `type` of `accord.sum{…}`: a financial type or a list of them; nil for every type.
    private func financialTypes(_ lua: Lua) throws -> [String]? {
        guard lua.type(at: 1) == .table else { return nil }
        lua.getField("type", in: 1)
        defer { lua.pop() }
        var names: [String] = []
        switch lua.type(at: -1) {
        case .nil: return nil
        case .string: names = [lua.string(at: -1)!]
        case .table:
            for i in stride(from: 1, through: min(lua.length(at: -1), 100), by: 1) {
                lua.getIndex(i, in: -1)
                defer { lua.pop() }
                guard lua.type(at: -1) == .string else { throw LuaScriptError("sum: 'type' must be a financial type or a list of them") }
                names.append(lua.string(at: -1)!)
            }
        default: throw LuaScriptError("sum: 'type' must be a financial type or a list of them")
        }
        let all = FinancialTermType.allCases.map(\.rawValue)
        for name in names where !all.contains(name) {
            throw LuaScriptError("sum: unknown financial type '\(name.prefix(64))'" + Suggestion.hint(for: name, in: all))
        }
        return names
    }

    /// The column names of `read{…}` at argument 2.
    private func columns(_ lua: Lua) throws -> Set<PartnershipColumn> {
        let names = PartnershipColumn.allCases.map(\.rawValue)
        guard lua.type(at: 2) == .table else { throw lua.argumentError(2, function: "read", expected: "list of columns") }
        var columns: Set<PartnershipColumn> = []
        for i in stride(from: 1, through: min(lua.length(at: 2), 100), by: 1) {
            lua.getIndex(i, in: 2)
            defer { lua.pop() }
            guard lua.type(at: -1) == .string, let name = lua.string(at: -1) else {
                throw LuaScriptError("read: columns are names (\(names.joined(separator: ", ")))")
            }
            if name == "id" { continue }
            guard let column = PartnershipColumn(rawValue: name) else {
                throw LuaScriptError("read: unknown column '\(name.prefix(64))'" + Suggestion.hint(for: name, in: names)
                    + "; columns are \(names.joined(separator: ", "))")
            }
            columns.insert(column)
        }
        return columns
    }

    /// A light row: a plain table of the columns read.
    private func push(_ row: PartnershipRow, on lua: Lua) {
        lua.newTable(fields: 1 + row.values.count + 4)
        lua.push(row.id)
        lua.setField("id")
        for (key, value) in row.values {
            lua.push(value)
            lua.setField(key)
        }
        // A list a row was read with is set even when empty; one it was read without is nil.
        setList("parties", row.columns.parties, on: lua) { party in
            [("id", party.id), ("role", party.role), ("name", party.name), ("kind", party.kind), ("country", party.country),
             ("description", party.description)]
        }
        setList("products", row.columns.products, on: lua) { product in
            [("name", product.name), ("kind", product.kind.rawValue), ("indication", product.indication),
             ("therapeutic_area", product.therapeuticArea)]
        }
        if let financials = row.columns.financials {
            lua.newTable(array: financials.count)
            for (i, term) in financials.enumerated() {
                lua.newTable(fields: 4)
                lua.push(term.type.rawValue)
                lua.setField("type")
                if let amount = term.amount {
                    lua.push(amount)
                    lua.setField("amount")
                    lua.push(term.qualifier.rawValue)
                    lua.setField("qualifier")
                }
                lua.push(term.currency)
                lua.setField("currency")
                lua.push(term.per)
                lua.setField("per")
                lua.push(term.wording)
                lua.setField("wording")
                lua.setIndex(i + 1)
            }
            lua.setField("financials")
        }
        if let labels = row.columns.labels {
            lua.push(labels)
            lua.setField("labels")
        }
    }

    /// Sets `key` of the table on top to a list of plain tables, one of `fields` for each item;
    /// leaves it unset when the list was not read.
    private func setList<T>(_ key: String, _ items: [T]?, on lua: Lua, _ fields: (T) -> [(String, String?)]) {
        guard let items else { return }
        lua.newTable(array: items.count)
        for (i, item) in items.enumerated() {
            let pairs = fields(item)
            lua.newTable(fields: pairs.count)
            for (name, value) in pairs {
                lua.push(value)
                lua.setField(name)
            }
            lua.setIndex(i + 1)
        }
        lua.setField(key)
    }
}
