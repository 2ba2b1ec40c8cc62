/// A rule set compiled for the engine: its rules in plan order, the tables their
/// conditions refer to, and one automaton for every word any `mentions` seeks.
struct CompiledPlan {
    let rules: [CompiledRule]
    /// The applied packs' names; rules refer to them by index.
    let packs: [String]
    let tables: PlanTables
    /// The automaton of every needle, nil when no rule mentions a word.
    let matcher: MentionMatcher?
    /// The fields some `mentions` searches, each scanned once a record.
    let fields: [TextField]

    init(rules: [CompiledRule], packs: [String], tables: PlanTables) {
        self.rules = rules
        self.packs = packs
        self.tables = tables
        matcher = tables.needles.isEmpty ? nil : MentionMatcher(needles: tables.needles)
        let used = Set(tables.mentions.flatMap(\.fields))
        fields = TextField.allCases.filter(used.contains)
    }
}
