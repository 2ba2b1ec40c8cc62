import AccordCore
import LuaKit

/// Reads the data `host.compile` returns (evaluate.lua) into compiled conditions,
/// collecting every `mentions` needle into one list for the automaton.
struct PlanReader {
    let lua: Lua
    /// The needles read so far, each once; a condition refers to them by index.
    private(set) var needles: [[UInt8]] = []
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
            let children = try nodes(of: "children", in: index)
            return kind == "all" ? .all(children) : kind == "any" ? .any(children) : .none(children)
        case "mentions":
            let fields = try lua.stringList("fields", in: spec).map { (name: String) throws(PlanError) -> TextField in
                guard let field = TextField(name: name) else { throw PlanError("mentions: unknown field \(name)") }
                return field
            }
            var needles: [Int] = []
            lua.forEachItem(of: "needles", in: spec) { needles.append(register(lua.bytes(at: $0) ?? [])) }
            var evidence: [[String]] = []
            lua.forEachItem(of: "evidence", in: spec) { evidence.append(lua.stringList(in: $0)) }
            return .mentions(Mentions(fields: fields, needles: needles, evidence: evidence,
                                      failure: lua.stringField("fail", in: spec) ?? ""))
        case "form_is": return .formIs(Set(lua.stringList("values", in: spec)))
        case "status_is": return .statusIs(Set(lua.stringList("values", in: spec)))
        case "involves":
            var matches: [PartyMatch] = []
            lua.forEachItem(of: "who", in: spec) { matches.append(partyMatch(at: $0)) }
            return .involves(matches)
        case "territory_in":
            return .territoryIn(accepted: Set(lua.stringList("accepted", in: spec)), everywhere: lua.boolField("everywhere", in: spec))
        case "tagged":
            var wanted: [[UInt8]] = []
            lua.forEachItem(of: "wanted", in: spec) { wanted.append(lua.bytes(at: $0) ?? []) }
            return .tagged(wanted: wanted)
        case "has_product":
            return .hasProduct(ProductMatch(kind: lua.stringField("kind", in: spec), area: bytesField("area", in: spec),
                                            name: bytesField("name", in: spec)))
        case "has_financial":
            return .hasFinancial(FinancialMatch(type: lua.stringField("type", in: spec),
                                                currency: lua.stringField("currency", in: spec), min: numberField("min", in: spec)))
        case "has_figure":
            guard let key = lua.stringField("key", in: spec).flatMap(FigureKey.init(rawValue:)) else {
                throw PlanError("has_figure: unknown figure")
            }
            return .hasFigure(key, min: numberField("min", in: spec))
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
        needles.append(needle)
        needleIndex[needle] = needles.count - 1
        return needles.count - 1
    }

    private func partyMatch(at index: Int32) -> PartyMatch {
        if let name = lua.bytes(at: index) { return .organization(name: name, lowered: ASCII.lowered(name)) }
        let name = bytesField("name", in: index)
        return .fields(role: lua.stringField("role", in: index), kind: lua.stringField("kind", in: index),
                       country: lua.stringField("country", in: index), id: lua.stringField("id", in: index),
                       name: name.map { ($0, ASCII.lowered($0)) }, parent: lua.stringField("parent", in: index))
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
