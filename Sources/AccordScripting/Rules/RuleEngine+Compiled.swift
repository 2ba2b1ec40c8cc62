import AccordCore
import LuaKit

extension RuleEngine {
    /// The active plan compiled: what `host.compile` hands over, read into Swift.
    func compile(_ set: RuleSet) throws(LuaError) -> PlanEvaluator {
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        rulesHost.push()
        lua.getField("compile", in: -1)
        lua.remove(at: -2)
        try sandbox.state.call(arguments: 0, results: 1)
        var reader = PlanReader(lua: lua)
        let conditions: [(condition: CompiledCondition, narrows: [CompiledCondition])]
        do { conditions = try reader.read(at: lua.top) } catch {
            throw LuaError(kind: .runtime, message: "cannot compile the rules: \(error)")
        }
        let packs = set.packs.map(\.name)
        let index = Dictionary(packs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let policies = Dictionary(set.packs.map { ($0.name, $0.hitPolicy) }, uniquingKeysWith: { a, _ in a })
        let rules = zip(set.rules, conditions).map { rule, compiled in
            let narrows = zip(set.narrowed[rule.id] ?? [], compiled.narrows).map { overlay, condition in
                CompiledRule.Narrow(pack: index[overlay.pack]!, condition: condition,
                                    blame: "rule \(rule.id) (narrowed by \(overlay.pack))")
            }
            return CompiledRule(id: rule.id, label: rule.label, pack: index[rule.pack]!, first: policies[rule.pack] == .first,
                                draft: rule.status == .draft, aside: set.drafts == .shown && rule.status == .draft,
                                condition: compiled.condition, narrows: narrows, blame: "rule \(rule.id)", position: rule.position)
        }
        return PlanEvaluator(plan: CompiledPlan(rules: rules, packs: packs, tables: reader.tables),
                             catalog: { [module] in module.currentCatalog })
    }

    /// The rules that fire on `partnership`, by the compiled plan. A function among the
    /// conditions gets its pack's copy of the partnership, pushed when first needed. The evaluator
    /// lets go of the closure that runs them when it returns: it holds the engine.
    func classifyCompiled(_ partnership: Partnership, with evaluator: PlanEvaluator) throws(LuaError) -> [Firing] {
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        var records: Int32?
        let packs = evaluator.plan.packs
        return try evaluator.classify(partnership) { index, pack, blame, position, partnership throws(LuaError) in
            guard lua.ensureRoom(8) else { throw LuaError(kind: .runtime, message: "no room on the Lua stack") }
            if records == nil {
                lua.newTable(fields: packs.count)
                records = lua.top
            }
            self.rulesHost.push()
            lua.getField("custom", in: -1)
            lua.remove(at: -2)
            lua.push(index)
            if lua.getField(packs[pack], in: records!) == .nil {
                lua.pop()
                do { try self.module.push(partnership, on: lua) } catch {
                    throw LuaError(kind: .runtime, message: String(describing: error))
                }
                lua.pushValue(at: -1)
                lua.setField(packs[pack], in: records!)
            }
            lua.push(blame)
            lua.push(position)
            try self.sandbox.call(arguments: 4, results: 2)
            defer { lua.pop(2) }
            return (lua.bool(at: -2), lua.string(at: -1) ?? "")
        }
    }
}
