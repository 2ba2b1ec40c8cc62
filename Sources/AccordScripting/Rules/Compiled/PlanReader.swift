import AccordCore
import LuaKit

/// Reads the data `host.compile` returns (evaluate.lua) into compiled conditions and
/// the tables they refer to, every `mentions` needle once.
struct PlanReader {
    let lua: Lua
    private(set) var tables = PlanTables()
    private var needleIndex: [[UInt8]: Int] = [:]

    init(lua: Lua) { self.lua = lua }

    /// The conditions of each planned rule (the table at `index`, in plan order).
    mutating func read(at index: Int32) throws(PlanError) -> [(condition: CompiledCondition, narrows: [CompiledCondition])] {
        var out: [(CompiledCondition, [CompiledCondition])] = []
        var failure: PlanError?
        lua.forEachItem(in: index) { entry in
            guard failure == nil else { return }
            do throws(PlanError) {
                lua.getField("condition", in: entry)
                defer { lua.pop() }
                let condition = try node(at: lua.top)
                out.append((condition, try nodes(of: "narrows", in: entry)))
            } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    private mutating func node(at index: Int32) throws(PlanError) -> CompiledCondition {
        let kind = lua.stringField("kind", in: index) ?? ""
        if let custom = lua.intField("custom", in: index) { return .custom(index: custom) }
        guard lua.ensureRoom(8) else { throw PlanError("conditions nest too deep") }
        lua.getField("spec", in: index)
        defer { lua.pop() }
        let spec = lua.top
        switch kind {
        case "all", "any", "none":
            tables.groups.append(try nodes(of: "children", in: index))
            let group = tables.groups.count - 1
            return kind == "all" ? .all(group: group) : kind == "any" ? .any(group: group) : .none(group: group)
        case "mentions":
            let fields = try lua.stringList("fields", in: spec).map { (name: String) throws(PlanError) -> TextField in
                guard let field = TextField(name: name) else { throw PlanError("mentions: unknown field \(name)") }
                return field
            }
            var needles: [Int] = []
            lua.forEachItem(of: "needles", in: spec) { needles.append(register(lua.bytes(at: $0) ?? [])) }
            var evidence: [[String]] = []
            lua.forEachItem(of: "evidence", in: spec) { evidence.append(lua.stringList(in: $0)) }
            tables.mentions.append(Mentions(fields: fields, needles: needles, evidence: evidence,
                                            failure: lua.stringField("fail", in: spec) ?? ""))
            return .mentions(tables.mentions.count - 1)
        case "form_is": return .formIs(mask: try mask(of: PartnershipForm.self, spec))
        case "status_is": return .statusIs(mask: try mask(of: PartnershipStatus.self, spec))
        case "involves":
            var matches: [PartyMatch] = []
            var failure: PlanError?
            lua.forEachItem(of: "who", in: spec) { item in
                do throws(PlanError) { matches.append(try partyMatch(at: item)) } catch { failure = error }
            }
            if let failure { throw failure }
            tables.involves.append(matches)
            return .involves(tables.involves.count - 1)
        case "territory_in":
            tables.territories.append(TerritoryMatch(accepted: Set(lua.stringList("accepted", in: spec)),
                                                     everywhere: lua.boolField("everywhere", in: spec)))
            return .territoryIn(tables.territories.count - 1)
        case "tagged":
            var wanted: [[UInt8]] = []
            lua.forEachItem(of: "wanted", in: spec) { wanted.append(lua.bytes(at: $0) ?? []) }
            tables.tags.append(wanted)
            return .tagged(tables.tags.count - 1)
        case "has_product":
            tables.products.append(ProductMatch(kind: try value(ProductKind.self, "kind", spec), area: bytesField("area", in: spec),
                                                name: bytesField("name", in: spec)))
            return .hasProduct(tables.products.count - 1)
        case "has_financial":
            tables.financials.append(FinancialMatch(type: try value(FinancialTermType.self, "type", spec),
                                                    currency: lua.stringField("currency", in: spec),
                                                    min: numberField("min", in: spec)))
            return .hasFinancial(tables.financials.count - 1)
        case "has_figure":
            guard let key = lua.stringField("key", in: spec).flatMap(FigureKey.init(rawValue:)) else {
                throw PlanError("has_figure: unknown figure")
            }
            tables.figures.append(FigureMatch(key: key, min: numberField("min", in: spec)))
            return .hasFigure(tables.figures.count - 1)
        case "has_person": return .hasPerson(mask: try mask(of: PersonRole.self, spec))
        case "related_to": return .relatedTo(mask: try mask(of: RelationKind.self, spec))
        case "abroad": return .abroad
        case "party_abroad": return .partyAbroad(mask: try mask(of: PartyRole.self, spec))
        default:
            throw PlanError("a condition of kind '\(kind)' cannot be compiled")
        }
    }

    /// The conditions of the list `table[key]`.
    private mutating func nodes(of key: String, in table: Int32) throws(PlanError) -> [CompiledCondition] {
        var out: [CompiledCondition] = []
        var failure: PlanError?
        lua.forEachItem(of: key, in: table) { item in
            guard failure == nil else { return }
            do throws(PlanError) { out.append(try node(at: item)) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    private mutating func register(_ needle: [UInt8]) -> Int {
        if let i = needleIndex[needle] { return i }
        tables.needles.append(needle)
        needleIndex[needle] = tables.needles.count - 1
        return tables.needles.count - 1
    }

    /// The values of `spec.values` as a bit mask over the vocabulary's cases.
    private func mask<V: CaseIterable & RawRepresentable & Equatable>(of: V.Type, _ spec: Int32) throws(PlanError) -> UInt64
    where V.RawValue == String {
        var mask: UInt64 = 0
        for value in lua.stringList("values", in: spec) {
            guard let known = V(rawValue: value) else { throw PlanError("'\(value)' is not in the vocabulary") }
            mask |= MaskBit.of(known)
        }
        return mask
    }

    private func partyMatch(at index: Int32) throws(PlanError) -> PartyMatch {
        if let name = lua.bytes(at: index) { return PartyMatch(organization: .init(bytes: name, lowered: ASCII.lowered(name))) }
        var match = PartyMatch()
        if let role = lua.stringField("role", in: index) {
            guard let value = PartyRole(rawValue: role) else { throw PlanError("involves: '\(role)' is not a role") }
            match.role = value
        }
        if let kind = lua.stringField("kind", in: index) {
            guard let value = OrganizationKind(rawValue: kind) else { throw PlanError("involves: '\(kind)' is not a kind") }
            match.kind = value
        }
        match.country = lua.stringField("country", in: index)
        match.id = lua.stringField("id", in: index)
        match.name = bytesField("name", in: index).map { .init(bytes: $0, lowered: ASCII.lowered($0)) }
        match.parent = lua.stringField("parent", in: index)
        return match
    }

    /// The vocabulary's value named by `table[key]`, nil when there is none.
    private func value<V: RawRepresentable>(_: V.Type, _ key: String, _ table: Int32) throws(PlanError) -> V?
    where V.RawValue == String {
        guard let raw = lua.stringField(key, in: table) else { return nil }
        guard let value = V(rawValue: raw) else { throw PlanError("'\(raw)' is not a \(key)") }
        return value
    }

    private func bytesField(_ key: String, in table: Int32) -> [UInt8]? {
        lua.getField(key, in: table)
        defer { lua.pop() }
        return lua.bytes(at: -1)
    }

    private func numberField(_ key: String, in table: Int32) -> Double? {
        lua.getField(key, in: table)
        defer { lua.pop() }
        return lua.number(at: -1)
    }
}

/// The DSL handed the compiler something it does not know: a defect of Accord's, not of a pack.
struct PlanError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
