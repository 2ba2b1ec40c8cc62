import AccordCore
import LuaKit

/// Turns model records into Lua tables with their metatables. Organizations and
/// sources are pushed once per state and shared by every partnership that
/// names them.
final class RecordPusher {
    private let state: LuaState
    private let meta: [String: LuaReference]
    private let organizations: [String: Organization]
    private let sources: [String: Source]
    private var organizationTables: [String: LuaReference] = [:]
    private var sourceTables: [String: LuaReference] = [:]

    init(state: LuaState, meta: [String: LuaReference], organizations: [Organization], sources: [Source]) {
        self.state = state
        self.meta = meta
        self.organizations = Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private var lua: Lua { state.lua }

    private func finish(_ type: String) {
        meta[type]!.push()
        lua.setMetatable(at: -2)
    }

    private func set(_ key: String, _ value: String?) {
        guard let value else { return }
        lua.push(value)
        lua.setField(key)
    }

    private func set(_ key: String, _ value: Int?) {
        guard let value else { return }
        lua.push(value)
        lua.setField(key)
    }

    private func setList<T>(_ key: String, _ items: [T], _ push: (T) -> Void) {
        lua.newTable(array: items.count)
        for (i, item) in items.enumerated() {
            push(item)
            lua.setIndex(i + 1)
        }
        lua.setField(key)
    }

    func push(_ p: Partnership) {
        lua.newTable(fields: 20)
        set("id", p.id)
        set("title", p.title)
        set("summary", p.summary)
        set("form", p.form.rawValue)
        set("status", p.status.rawValue)
        set("announced", p.announced?.description)
        set("signed", p.signed?.description)
        set("start", p.start?.description)
        set("finish", p.end?.description)
        set("date", p.date?.description)
        set("precision", p.date?.precision.name)
        set("duration_months", p.durationMonths)
        setList("parties", p.parties) { push($0) }
        setList("territories", p.territories) { lua.push($0) }
        setList("products", p.products) { push($0) }
        setList("financials", p.financials) { push($0) }
        lua.newTable(fields: p.figures.count)
        for (key, value) in p.figures {
            lua.push(value)
            lua.setField(key.rawValue)
        }
        finish("figures")
        lua.setField("figures")
        setList("tags", p.tags) { lua.push($0) }
        setList("sources", p.sources) { pushSource(id: $0) }
        finish("partnership")
    }

    func push(_ party: Party) {
        lua.newTable(fields: 6)
        set("role", party.role.rawValue)
        set("id", party.organization)
        pushOrganization(id: party.organization)
        lua.setField("organization")
        if let o = organizations[party.organization] {
            set("name", o.name)
            set("kind", o.kind.rawValue)
            set("country", o.country)
        }
        finish("party")
    }

    func push(_ product: Product) {
        lua.newTable(fields: 4)
        set("name", product.name)
        set("kind", product.kind.rawValue)
        set("indication", product.indication)
        set("therapeutic_area", product.therapeuticArea)
        finish("product")
    }

    func push(_ term: FinancialTerm) {
        lua.newTable(fields: 4)
        set("type", term.type.rawValue)
        if let amount = term.amount {
            lua.push(amount)
            lua.setField("amount")
        }
        set("currency", term.currency)
        set("wording", term.wording)
        finish("financial")
    }

    func push(_ o: Organization) {
        if let ref = organizationTables[o.id] { return ref.push() }
        lua.newTable(fields: 7)
        set("id", o.id)
        set("name", o.name)
        setList("aliases", o.aliases) { lua.push($0) }
        set("kind", o.kind.rawValue)
        set("country", o.country)
        set("parent", o.parent)
        setList("sources", o.sources) { pushSource(id: $0) }
        finish("organization")
        lua.pushValue(at: -1)
        organizationTables[o.id] = state.reference()
    }

    func pushOrganization(id: String) {
        if let o = organizations[id] { push(o) } else { lua.pushNil() }
    }

    func pushSource(id: String) {
        if let ref = sourceTables[id] { return ref.push() }
        guard let s = sources[id] else { return lua.push(id) }
        lua.newTable(fields: 6)
        set("id", s.id)
        set("title", s.title)
        set("publisher", s.publisher)
        set("published", s.published?.description)
        set("url", s.url)
        set("document", s.document)
        finish("source")
        lua.pushValue(at: -1)
        sourceTables[id] = state.reference()
    }

    func push(_ period: Period) {
        lua.newTable(fields: 6)
        set("label", period.label)
        set("grain", period.grain.rawValue)
        set("year", period.year)
        set("index", period.index)
        set("start", period.start.description)
        set("finish", period.finish.description)
        finish("period")
    }

    /// Pushes a list as a collection.
    func pushCollection<T>(_ items: [T], _ push: (T) -> Void) {
        lua.newTable(array: items.count)
        for (i, item) in items.enumerated() {
            push(item)
            lua.setIndex(i + 1)
        }
        finish("collection")
    }
}
