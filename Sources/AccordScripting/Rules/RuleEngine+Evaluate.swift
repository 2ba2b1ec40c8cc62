import AccordCore
import LuaKit

extension RuleEngine {
    /// Makes `set` the rules that `classify` and `explain` apply.
    public func activate(_ set: RuleSet) throws(LuaError) {
        let lua = sandbox.state.lua
        let keys = Dictionary(set.packs.map { ($0.name, $0.key) }, uniquingKeysWith: { a, _ in a })
        let policies = Dictionary(set.packs.map { ($0.name, $0.hitPolicy) }, uniquingKeysWith: { a, _ in a })
        rulesHost.push()
        lua.getField("plan", in: -1)
        lua.remove(at: -2)
        lua.newTable(array: set.rules.count)
        for (i, rule) in set.rules.enumerated() {
            lua.newTable(fields: 8)
            lua.push(rule.id); lua.setField("id")
            lua.push(set.drafts == .shown && rule.status == .draft); lua.setField("aside")
            lua.push(keys[rule.pack]!); lua.setField("key")
            lua.push(rule.localID); lua.setField("rule")
            lua.push(rule.pack); lua.setField("pack")
            lua.push(policies[rule.pack] == .first); lua.setField("first")
            lua.push(rule.position); lua.setField("at")
            let narrows = set.narrowed[rule.id] ?? []
            lua.newTable(array: narrows.count)
            for (j, overlay) in narrows.enumerated() {
                lua.newTable(fields: 3)
                lua.push(keys[overlay.pack]!); lua.setField("key")
                lua.push(overlay.index); lua.setField("index")
                lua.push(overlay.pack); lua.setField("pack")
                lua.setIndex(j + 1)
            }
            lua.setField("narrows")
            lua.setIndex(i + 1)
        }
        try sandbox.state.call(arguments: 1, results: 0)
        compiled = try compile(set)
        active = set
    }

    /// The lists of a partnership the active rules never read, as the compiled plan finds them;
    /// none when the rules are interpreted.
    public var unreadLists: Set<Partnership.List> {
        evaluation == .compiled ? compiled?.plan.unreadLists ?? [] : []
    }

    /// Reads what the records of `batch` name in one go, before they are
    /// classified one by one.
    public func prefetch(_ batch: some Collection<Partnership>) throws(LuaError) {
        compiled?.forgetOrganizations()
        do { try module.prefetchOrganizations(of: batch) } catch {
            throw LuaError(kind: .runtime, message: String(describing: error))
        }
    }

    /// Makes `organizations`, every one the store holds, what the records pushed name, so
    /// that `prefetch` has nothing left to read; `nil` reads them from the store again, as needed.
    public func share(organizations: OrganizationsByID?) throws(LuaError) {
        compiled?.forgetOrganizations()
        guard let organizations else { return module.useStoreCatalog() }
        do { try module.useCatalog(of: organizations) } catch {
            throw LuaError(kind: .runtime, message: String(describing: error))
        }
    }

    /// The rules of the active set that fire on `partnership`.
    public func classify(_ partnership: Partnership) throws(LuaError) -> Classification {
        if evaluation == .compiled, let compiled, let set = active {
            return classification(of: partnership, fired: try classifyCompiled(partnership, with: compiled), set: set)
        }
        return try callHost("classify", with: partnership) { lua, set in
            readClassification(of: partnership, lua: lua, set: set)
        }
    }

    private func readClassification(of partnership: Partnership, lua: Lua, set: RuleSet) -> Classification {
        var fired: [Firing] = []
        let n = lua.length(at: -1)
        var i = 1
        while i + 2 <= n {
            lua.getIndex(i, in: -1)
            lua.getIndex(i + 1, in: -2)
            lua.getIndex(i + 2, in: -3)
            let rule = lua.string(at: -3) ?? ""
            fired.append(Firing(rule: rule, label: lua.string(at: -2) ?? "", evidence: lua.string(at: -1) ?? "",
                                draft: !set.draftRules.isEmpty && set.draftRules.contains(rule)))
            lua.pop(3)
            i += 3
        }
        return classification(of: partnership, fired: fired, set: set)
    }

    /// The classification the firings make, in plan order: when the set shows drafts, the drafts'
    /// firings are set apart, so that they give no label and no conflict.
    func classification(of partnership: Partnership, fired: [Firing], set: RuleSet) -> Classification {
        var counted = fired, drafts: [Firing] = []
        if set.drafts == .shown && !set.draftRules.isEmpty {
            counted = fired.filter { !$0.draft }
            drafts = fired.filter(\.draft)
        }
        return Classification(partnership: partnership.id, title: partnership.title, fired: counted, drafts: drafts,
                              manual: partnership.labels, conflicts: conflicts(in: counted, set: set))
    }

    /// Every rule of the active set evaluated on `partnership`, each condition in full.
    public func explain(_ partnership: Partnership) throws(LuaError) -> Explanation {
        try callHost("explain", with: partnership) { lua, set in
            readExplanation(of: partnership, lua: lua, set: set)
        }
    }

    private func readExplanation(of partnership: Partnership, lua: Lua, set: RuleSet) -> Explanation {
        var traces: [RuleTrace] = []
        lua.forEachItem(in: -1) { item in
            guard let id = lua.stringField("id", in: item), let rule = set.rule(id: id) else { return }
            lua.getField("tree", in: item)
            let condition = readCondition(at: lua.top)
            lua.pop()
            var narrows: [(pack: String, condition: ConditionTrace)] = []
            lua.forEachItem(of: "narrows", in: item) { n in
                narrows.append((lua.stringField("pack", in: n) ?? "", readCondition(at: n)))
            }
            traces.append(RuleTrace(rule: rule, fired: lua.boolField("fired", in: item),
                                    evidence: lua.stringField("evidence", in: item),
                                    shadowedBy: lua.stringField("skipped", in: item),
                                    condition: condition, narrows: narrows))
        }
        let fired = traces.filter(\.fired).map {
            Firing(rule: $0.rule.id, label: $0.rule.label, evidence: $0.evidence ?? "", draft: $0.isDraft)
        }
        let classification = classification(of: partnership, fired: fired, set: set)
        let notApplied = set.allRules.compactMap { rule in set.whyNotApplied(rule).map { (rule, $0) } }
        return Explanation(classification: classification, rules: traces, notApplied: notApplied)
    }

    /// Calls the prelude's `name(partnership)` under the limits and reads its
    /// result with `read`.
    private func callHost<T>(_ name: String, with partnership: Partnership,
                             read: (Lua, RuleSet) -> T) throws(LuaError) -> T {
        guard let set = active else { preconditionFailure("activate a rule set first") }
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        rulesHost.push()
        lua.getField(name, in: -1)
        lua.remove(at: -2)
        lua.newTable(fields: set.packs.count)
        for pack in set.packs {
            do { try module.push(partnership, on: lua) } catch {
                throw LuaError(kind: .runtime, message: String(describing: error))
            }
            lua.setField(pack.name)
        }
        try sandbox.call(arguments: 1, results: 1)
        return read(lua, set)
    }

    private func readCondition(at index: Int32) -> ConditionTrace {
        let lua = sandbox.state.lua
        // Each level holds a few values; conditions nest at most `maxDepth` deep.
        guard lua.ensureRoom(8) else { preconditionFailure("no room on the Lua stack") }
        var children: [ConditionTrace] = []
        lua.forEachItem(of: "children", in: index) { children.append(readCondition(at: $0)) }
        return ConditionTrace(text: lua.stringField("text", in: index) ?? "", kind: lua.stringField("kind", in: index) ?? "",
                              position: lua.stringField("at", in: index), holds: lua.boolField("ok", in: index),
                              seen: lua.stringField("seen", in: index), error: lua.stringField("error", in: index),
                              children: children)
    }

    func conflicts(in fired: [Firing], set: RuleSet) -> [String] {
        var out: [String] = []
        // By index: a pack copied is a retain of each of its fields, for every partnership.
        for i in set.packs.indices where set.packs[i].hitPolicy == .unique {
            let name = set.packs[i].name
            let ids = fired.filter { $0.rule.hasPrefix(name + ".") }.map(\.rule)
            if ids.count > 1 {
                out.append("pack \(name) has hit policy unique, but \(ids.joined(separator: " and ")) fired together")
            }
        }
        return out
    }
}
