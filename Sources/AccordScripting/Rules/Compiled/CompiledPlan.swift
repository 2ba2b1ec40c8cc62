/// A rule set compiled for the engine: its rules in plan order, and one automaton
/// for every word any `mentions` seeks.
struct CompiledPlan {
    let rules: [CompiledRule]
    /// The applied packs' names; rules refer to them by index.
    let packs: [String]
    /// The automaton of every needle, nil when no rule mentions a word.
    let matcher: MentionMatcher?
    /// The fields some `mentions` searches, each scanned once a record.
    let fields: [TextField]

    init(rules: [CompiledRule], packs: [String], needles: [[UInt8]]) {
        self.rules = rules
        self.packs = packs
        matcher = needles.isEmpty ? nil : MentionMatcher(needles: needles)
        var used = Set<TextField>()
        func collect(_ c: CompiledCondition) {
            switch c {
            case .all(let parts), .any(let parts), .none(let parts): parts.forEach(collect)
            case .mentions(let m): used.formUnion(m.fields)
            default: break
            }
        }
        for rule in rules {
            collect(rule.condition)
            rule.narrows.forEach { collect($0.condition) }
        }
        fields = TextField.allCases.filter(used.contains)
    }
}
