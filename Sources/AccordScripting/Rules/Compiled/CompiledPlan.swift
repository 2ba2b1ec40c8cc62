import AccordCore

/// A rule set compiled for the engine: its rules in plan order, the tables their
/// conditions refer to, and one automaton for every word any `mentions` seeks.
struct CompiledPlan {
    let rules: [CompiledRule]
    /// The applied packs' names; rules refer to them by index.
    let packs: [String]
    let tables: PlanTables
    /// `tables.groups` in one array: group `g`'s parts are `groupParts[groupRanges[g]]`.
    let groupParts: [CompiledCondition]
    let groupRanges: [Range<Int>]
    /// The automaton of every needle, nil when no rule mentions a word.
    let matcher: MentionMatcher?
    /// The fields some `mentions` searches, each scanned once a record.
    let fields: [TextField]
    /// The lists of a partnership no condition reads, which a classification need not read:
    /// none when a function is among the conditions, since it may read any.
    let unreadLists: Set<Partnership.List>

    init(rules: [CompiledRule], packs: [String], tables: PlanTables) {
        self.rules = rules
        self.packs = packs
        self.tables = tables
        groupParts = Array(tables.groups.joined())
        groupRanges = tables.groups.reduce(into: []) { ranges, group in
            let start = ranges.last?.upperBound ?? 0
            ranges.append(start..<start + group.count)
        }
        matcher = tables.needles.isEmpty ? nil : MentionMatcher(needles: tables.needles)
        let used = Set(tables.mentions.flatMap(\.fields))
        fields = TextField.allCases.filter(used.contains)
        unreadLists = Self.unreadLists(rules.flatMap { [$0.condition] + $0.narrows.map(\.condition) } + tables.groups.joined(),
                                       searching: fields)
    }

    /// The lists that neither `conditions` nor a `mentions` over `fields` reads: every list but
    /// the labels set by hand (which a classification reports) unless a condition asks for it,
    /// and none at all when a function is among them.
    private static func unreadLists(_ conditions: [CompiledCondition], searching fields: [TextField]) -> Set<Partnership.List> {
        var unread = Set(Partnership.List.allCases).subtracting([.labels])
        for field in fields {
            switch field {
            case .title, .summary: break
            case .tags: unread.remove(.tags)
            case .products: unread.remove(.products)
            case .financials: unread.remove(.financials)
            }
        }
        for condition in conditions {
            switch condition {
            case .custom: return []
            case .all, .any, .none, .mentions, .formIs, .statusIs: break
            case .involves, .partyAbroad: unread.remove(.parties)
            case .abroad: unread.subtract([.parties, .territories])
            case .territoryIn: unread.remove(.territories)
            case .tagged: unread.remove(.tags)
            case .hasProduct: unread.remove(.products)
            case .hasFinancial: unread.remove(.financials)
            case .hasFigure: unread.remove(.figures)
            case .hasPerson: unread.remove(.people)
            case .relatedTo: unread.remove(.related)
            }
        }
        return unread
    }
}
