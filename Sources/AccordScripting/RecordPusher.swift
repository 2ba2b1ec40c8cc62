import AccordCore
import LuaKit

/// What every call of the module shares: the record metatables, and the
/// organizations and sources partnerships refer to. Organizations are read
/// from the store as records need them (a million partnerships may name a
/// hundred thousand) and kept; a catalog made from a dataset holds them all.
final class RecordCatalog {
    let meta: [String: LuaReference]
    let sources: [String: Source]
    private var organizations: OrganizationsByID
    private var absent: Set<String> = []
    private let load: (([String]) throws -> [Organization])?

    /// A catalog of exactly these records.
    convenience init(meta: [String: LuaReference], organizations: [Organization], sources: [Source]) {
        self.init(meta: meta, sources: sources, every: OrganizationsByID(organizations))
    }

    /// A catalog of every organization there is (by id), read beforehand: nothing is read later.
    init(meta: [String: LuaReference], sources: [Source], every organizations: OrganizationsByID) {
        self.meta = meta
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.organizations = organizations
        load = nil
    }

    /// A catalog that reads organizations with `load` (given ids) when first needed.
    init(meta: [String: LuaReference], sources: [Source], load: @escaping ([String]) throws -> [Organization]) {
        self.meta = meta
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        organizations = OrganizationsByID()
        self.load = load
    }

    /// Reads, in one query, those of `ids` not read yet.
    func prefetch<S: Sequence>(_ ids: S) throws where S.Element == String {
        guard let load else { return }
        let missing = Set(ids.filter { organizations[id: $0] == nil && !absent.contains($0) })
        guard !missing.isEmpty else { return }
        for o in try load(missing.sorted()) { organizations.add(o) }
        absent.formUnion(missing.filter { organizations[id: $0] == nil })
    }

    /// The organizations read so far (every one, for a catalog made with all of them).
    var table: OrganizationsByID { organizations }

    /// The organization, read now if it was not prefetched; nil when there is none
    /// (or it cannot be read: the record then shows only the id).
    func organization(_ id: String) -> Organization? {
        if let known = organizations[id: id] { return known }
        try? prefetch([id])
        return organizations[id: id]
    }
}

/// Turns model records into Lua tables with their metatables, on the stack of
/// the thread that called (a coroutine's, possibly).
///
/// Within one result, each organization and source is one table shared by every
/// record that names it; results never share tables, so a script that changes a
/// record changes only what it holds. Call `finish()` before returning: it drops
/// the caches kept below the result.
struct RecordPusher {
    private let lua: Lua
    private let catalog: RecordCatalog
    private let organizationCache: Int32
    private let sourceCache: Int32

    init(lua: Lua, catalog: RecordCatalog) {
        self.lua = lua
        self.catalog = catalog
        lua.newTable()
        organizationCache = lua.top
        lua.newTable()
        sourceCache = lua.top
    }

    /// Removes the caches, leaving what was pushed since `init` in their place.
    func finish() {
        lua.remove(at: sourceCache)
        lua.remove(at: organizationCache)
    }

    private func setMetatable(_ type: String) {
        catalog.meta[type]!.push(on: lua)
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
        pushList(items, push)
        lua.setField(key)
    }

    private func pushList<T>(_ items: [T], _ push: (T) -> Void) {
        lua.newTable(array: items.count)
        for (i, item) in items.enumerated() {
            push(item)
            lua.setIndex(i + 1)
        }
    }

    /// Pushes the cached table for `id` and returns true, or returns false.
    private func cached(_ id: String, in cache: Int32) -> Bool {
        if lua.getField(id, in: cache) != .nil { return true }
        lua.pop()
        return false
    }

    private func cache(_ id: String, in cache: Int32) {
        lua.pushValue(at: -1)
        lua.setField(id, in: cache)
    }

    /// Pushes a partnership; its `labels` are those set by hand, else `saved`.
    func push(_ p: Partnership, saved: [String] = []) {
        lua.newTable(fields: 21)
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
        set("status_as_of", p.statusAsOf?.description)
        set("duration_months", p.durationMonths)
        set("duration_days", p.durationDays)
        lua.push(p.isSeries)
        lua.setField("series")
        setList("related", p.related) { relation in
            lua.newTable(fields: 2)
            set("to", relation.to)
            set("kind", relation.kind.rawValue)
            setMetatable("relation")
        }
        set("parent", p.parent)
        if let venue = p.venue {
            lua.newTable(fields: 3)
            set("name", venue.name)
            set("city", venue.city)
            set("country", venue.country)
            setMetatable("venue")
            lua.setField("venue")
        }
        setList("parties", p.parties) { push($0) }
        setList("people", p.people) { person in
            lua.newTable(fields: 5)
            set("name", person.name)
            set("title", person.title)
            set("org", person.organization)
            set("role", person.role.rawValue)
            setMetatable("person")
        }
        setList("territories", p.territories) { lua.push($0) }
        setList("products", p.products) { push($0) }
        setList("financials", p.financials) { push($0) }
        lua.newTable(fields: p.figures.count)
        for (key, value) in p.figures {
            lua.push(value.value)
            lua.setField(key.rawValue)
        }
        setMetatable("figures")
        lua.setField("figures")
        let qualified = p.figures.filter { $0.value.qualifier != .exactly }
        lua.newTable(fields: qualified.count)
        for (key, value) in qualified {
            lua.push(value.qualifier.rawValue)
            lua.setField(key.rawValue)
        }
        lua.setField("figure_qualifiers")
        setList("tags", p.tags) { lua.push($0) }
        setList("labels", p.labels(saved: saved)) { lua.push($0) }
        setList("sources", p.sources) { pushSource(id: $0) }
        setMetatable("partnership")
    }

    func push(_ party: Party) {
        lua.newTable(fields: 6)
        set("role", party.role.rawValue)
        guard let id = party.organization else {
            let unnamed = party.unnamed
            set("description", unnamed?.description)
            set("kind", unnamed?.kind.rawValue)
            set("country", unnamed?.country)
            set("count", unnamed?.count?.value)
            set("count_qualifier", unnamed?.count?.qualifier.rawValue)
            return setMetatable("party")
        }
        set("id", id)
        pushOrganization(id: id)
        lua.setField("organization")
        if let o = catalog.organization(id) {
            set("name", o.name)
            set("kind", o.kind.rawValue)
            set("country", o.country)
        }
        setMetatable("party")
    }

    func push(_ product: Product) {
        lua.newTable(fields: 4)
        set("name", product.name)
        set("kind", product.kind.rawValue)
        set("indication", product.indication)
        set("therapeutic_area", product.therapeuticArea)
        setMetatable("product")
    }

    func push(_ term: FinancialTerm) {
        lua.newTable(fields: 4)
        set("type", term.type.rawValue)
        if let amount = term.amount {
            lua.push(amount)
            lua.setField("amount")
            set("qualifier", term.qualifier.rawValue)
        }
        set("currency", term.currency)
        set("per", term.per)
        if !term.equivalents.isEmpty {
            setList("equivalents", term.equivalents) { money in
                lua.newTable(fields: 3)
                lua.push(money.amount)
                lua.setField("amount")
                set("qualifier", money.qualifier.rawValue)
                set("currency", money.currency)
                setMetatable("equivalent")
            }
        }
        set("wording", term.wording)
        setMetatable("financial")
    }

    func push(_ o: Organization) {
        if cached(o.id, in: organizationCache) { return }
        lua.newTable(fields: 7)
        set("id", o.id)
        set("name", o.name)
        setList("aliases", o.aliases) { lua.push($0) }
        set("kind", o.kind.rawValue)
        set("country", o.country)
        set("parent", o.parent)
        setList("sources", o.sources) { pushSource(id: $0) }
        setMetatable("organization")
        cache(o.id, in: organizationCache)
    }

    func pushOrganization(id: String) {
        if let o = catalog.organization(id) { push(o) } else { lua.pushNil() }
    }

    func pushSource(id: String) {
        if cached(id, in: sourceCache) { return }
        guard let s = catalog.sources[id] else { return lua.push(id) }
        lua.newTable(fields: 6)
        set("id", s.id)
        set("title", s.title)
        set("publisher", s.publisher)
        set("published", s.published?.description)
        set("url", s.url)
        set("document", s.document)
        setMetatable("source")
        cache(id, in: sourceCache)
    }

    func push(_ period: Period) {
        lua.newTable(fields: 6)
        set("label", period.label)
        set("grain", period.grain.rawValue)
        set("year", period.year)
        set("index", period.index)
        set("start", period.start.description)
        set("finish", period.finish.description)
        setMetatable("period")
    }

    /// Pushes a list as a collection.
    func pushCollection<T>(_ items: [T], _ push: (T) -> Void) {
        pushList(items, push)
        setMetatable("collection")
    }
}
