import AccordCore
import LuaKit

/// Reads the filter table of `accord.partnerships{...}` and
/// `accord.organizations{...}`, refusing unknown keys and values.
struct FilterReader {
    let lua: Lua
    let function: String
    let periods: PeriodContext

    /// The filter at `index`; `extra` names keys the caller reads itself, which are let through.
    func partnershipFilter(at index: Int32, extra: [String] = []) throws -> PartnershipFilter {
        var filter = PartnershipFilter()
        try readEach(at: index, allowed: AccordAPI.partnershipFilterKeys + extra) { key in
            switch key {
            case "period": filter.period = try period(key)
            case "dated":
                let value = try string(key)
                guard let membership = Period.Membership(rawValue: value), membership != .outside else {
                    throw LuaScriptError("\(function): 'dated' must be 'inside' or 'coarser', not '\(value)'")
                }
                filter.periodMembership = membership
            case "party": filter.party = try string(key)
            case "country": filter.country = try country(key)
            case "kind": filter.kind = try enumValue(key, OrganizationKind.self)
            case "form": filter.form = try enumValue(key, PartnershipForm.self)
            case "status": filter.status = try enumValue(key, PartnershipStatus.self)
            case "territory":
                let code = try string(key)
                guard Territory.isValid(code) else {
                    throw LuaScriptError("\(function): unknown territory '\(code)'"
                        + Suggestion.hint(for: code, in: Array(Territory.groups.keys)))
                }
                filter.territory = code
            case "tag": filter.tag = try string(key)
            case "part_of": filter.partOf = try string(key)
            case "series", "top_level":
                guard lua.type(at: -1) == .boolean else {
                    throw LuaScriptError("\(function): '\(key)' must be true or false")
                }
                if key == "series" { filter.series = lua.bool(at: -1) } else { filter.topLevel = lua.bool(at: -1) }
            case "label":
                let label = try string(key)
                guard LabelName.isValid(label) else {
                    throw LuaScriptError("\(function): '\(label)' is not a label (\(LabelName.format))")
                }
                filter.label = label
            case "ids": filter.ids = try strings(key)
            case "undated":
                guard lua.type(at: -1) == .boolean else {
                    throw LuaScriptError("\(function): 'undated' must be true or false")
                }
                filter.undated = lua.bool(at: -1)
            case "abroad":
                guard lua.type(at: -1) == .boolean else {
                    throw LuaScriptError("\(function): 'abroad' must be true or false")
                }
                filter.abroad = lua.bool(at: -1)
            case "limit":
                guard let n = lua.integer(at: -1), n >= 0 else {
                    throw LuaScriptError("\(function): 'limit' must be a whole number ≥ 0")
                }
                filter.limit = n
            default: break
            }
        }
        return filter
    }

    func organizationFilter(at index: Int32) throws -> OrganizationFilter {
        var filter = OrganizationFilter()
        try readEach(at: index, allowed: AccordAPI.organizationFilterKeys) { key in
            switch key {
            case "kind": filter.kind = try enumValue(key, OrganizationKind.self)
            case "country": filter.country = try country(key)
            case "name": filter.name = try string(key)
            case "ids": filter.ids = try strings(key)
            default: break
            }
        }
        return filter
    }

    /// Calls `read` with each key while its value is on top of the stack, in key order, so
    /// that a filter with several mistakes is reported the same way on every run: a key that
    /// is not a name first, then the first unknown key, then the first bad value.
    private func readEach(at index: Int32, allowed: [String], _ read: (String) throws -> Void) throws {
        switch lua.type(at: index) {
        case .none, .nil: return
        case .table: break
        default: throw lua.argumentError(1, function: function, expected: "table")
        }
        let table = lua.absolute(index)
        var keys: [String] = [], notAName = false, unknown: String?
        lua.forEach(in: table) {
            guard lua.type(at: -2) == .string, lua.length(at: -2) <= 64, let key = lua.string(at: -2) else {
                notAName = true
                return
            }
            if allowed.contains(key) { keys.append(key) } else if unknown.map({ key < $0 }) ?? true { unknown = key }
        }
        if notAName { throw LuaScriptError("\(function): filter keys are names (\(allowed.joined(separator: ", ")))") }
        if let unknown {
            throw LuaScriptError("\(function): unknown filter '\(unknown)'" + Suggestion.hint(for: unknown, in: allowed)
                + "; filters are \(allowed.joined(separator: ", "))")
        }
        for key in keys.sorted() {
            lua.getField(key, in: table)
            defer { lua.pop() }
            try read(key)
        }
    }

    /// Filter values are names and codes; longer ones are refused before they
    /// are copied out of Lua (the host's copies are not under the memory limit).
    static let maxValueLength = 1_000
    static let maxIDs = 100_000

    private func string(_ key: String) throws -> String {
        guard lua.type(at: -1) == .string else {
            throw LuaScriptError("\(function): '\(key)' must be a string, not \(lua.type(at: -1).name)")
        }
        guard lua.length(at: -1) <= FilterReader.maxValueLength else {
            throw LuaScriptError("\(function): '\(key)' is longer than \(FilterReader.maxValueLength) characters")
        }
        return lua.string(at: -1)!
    }

    private func strings(_ key: String) throws -> [String] {
        guard lua.type(at: -1) == .table else {
            throw LuaScriptError("\(function): '\(key)' must be a list of strings")
        }
        guard lua.length(at: -1) <= FilterReader.maxIDs else {
            throw LuaScriptError("\(function): '\(key)' has more than \(FilterReader.maxIDs) items")
        }
        var values: [String] = []
        for i in stride(from: 1, through: lua.length(at: -1), by: 1) {
            lua.getIndex(i, in: -1)
            defer { lua.pop() }
            guard lua.type(at: -1) == .string else { throw LuaScriptError("\(function): '\(key)' must be a list of strings") }
            values.append(try string(key))
        }
        return values
    }

    private func country(_ key: String) throws -> String {
        let code = try string(key)
        guard Codes.countries.contains(code) else {
            throw LuaScriptError("\(function): '\(code)' is not an ISO 3166-1 alpha-2 country code")
        }
        return code
    }

    private func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws -> E
    where E.RawValue == String {
        let value = try string(key)
        guard let e = E(rawValue: value) else {
            let all = E.allCases.map(\.rawValue)
            throw LuaScriptError("\(function): unknown \(key) '\(value)'" + Suggestion.hint(for: value, in: all))
        }
        return e
    }

    private func period(_ key: String) throws -> Period {
        var text = lua.string(at: -1)
        if text == nil, lua.type(at: -1) == .table {
            lua.getField("label", in: -1)
            text = lua.string(at: -1)
            lua.pop()
        }
        guard let text else {
            throw LuaScriptError("\(function): 'period' must be a period or a label such as '2019-Q4'")
        }
        do { return try periods.parse(text) } catch { throw LuaScriptError("\(function): \(error)") }
    }
}
