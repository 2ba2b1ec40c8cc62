import AccordCore
import LuaKit

/// Evaluates a compiled plan on partnerships, one at a time, as evaluate.lua's
/// `classify` would: the same rules fire, in the same order, with the same evidence.
/// Lua runs only for functions among the conditions, when the rest has not decided.
///
/// Evidence is gathered as tokens in the order the DSL joins its parts with "; ",
/// and becomes text only for the rules that fire. A condition leaves behind the
/// tokens of what it says when it holds, or when asked to explain (inside a `none`
/// that held, as the DSL asks again); otherwise none.
final class PlanEvaluator {
    /// Evaluates function `index` on pack `pack`'s copy of `partnership`; an error names `blame` and `position`.
    typealias Custom = (_ index: Int, _ pack: Int, _ blame: String, _ position: String,
                        _ partnership: Partnership) throws(LuaError) -> (Bool, String)

    let plan: CompiledPlan
    /// Kept from one partnership to the next: the plan's tables it holds, and its buffers.
    private var run: PlanRun

    /// Evaluates `plan`, finding a party's organization in what `catalog` gives.
    init(plan: CompiledPlan, catalog: @escaping () -> RecordCatalog?) {
        self.plan = plan
        run = PlanRun(plan: plan, catalog: catalog)
    }

    /// The rules that fire on `p`, in plan order, with their evidence.
    func classify(_ p: Partnership, custom: @escaping Custom) throws(LuaError) -> [Firing] {
        try run.classify(p, custom: custom)
    }

    /// Lets go of the catalog organizations were last found in, and of its table: the records'
    /// module is about to use another, or to read more organizations into it.
    func forgetOrganizations() {
        run.organizations.letGo()
    }
}

/// One partnership through the plan. A value evaluated in place: its state is checked for
/// exclusive access when compiled, not at every access as a class's would be.
private struct PlanRun: ~Copyable {
    // The plan's rules and tables, held directly: reading them through the plan copied the structures.
    private let rules: [CompiledRule]
    /// The parts of `tables.groups[g]`, at `groupParts[groupRanges[g]]`: read by index, a group is not retained.
    private let groupParts: [CompiledCondition]
    private let groupRanges: [Range<Int>]
    private let mentionTables: [Mentions]
    private let involves: [[PartyMatch]]
    private let territories: [TerritoryMatch]
    private let tags: [[[UInt8]]]
    private let products: [ProductMatch]
    private let financials: [FinancialMatch]
    private let figures: [FigureMatch]
    private let packs: Int
    private let matcher: MentionMatcher?
    private let fields: [TextField]
    var tokens: [EvidenceToken] = []
    /// The needles found, a bitset of `words` words for each text field.
    var found: [UInt64]
    let words: Int
    /// The evidence of the rule that fired, as it is written.
    var evidence: [UInt8] = []
    // What is found of the partnership being classified, as needed. The partnership itself is handed
    // from method to method: kept here, it was a copy, which retained each of its texts and lists.
    var formBit: UInt64 = 0
    var statusBit: UInt64 = 0
    var organizations = PartyOrganizations()
    var organizationsRead = false
    let catalog: () -> RecordCatalog?
    /// The functions' evaluator while a partnership is classified; `noCustom` between: it holds the engine.
    var custom: PlanEvaluator.Custom = noCustom

    private static func noCustom(_: Int, _: Int, _: String, _: String, _: Partnership) -> (Bool, String) { (false, "") }

    /// The rule being evaluated, and the overlay narrowing it, if any: how an error in its functions names it.
    var rule = 0
    var narrow: Int?

    init(plan: CompiledPlan, catalog: @escaping () -> RecordCatalog?) {
        self.catalog = catalog
        rules = plan.rules
        (packs, matcher, fields) = (plan.packs.count, plan.matcher, plan.fields)
        (groupParts, groupRanges) = (plan.groupParts, plan.groupRanges)
        (mentionTables, involves) = (plan.tables.mentions, plan.tables.involves)
        (territories, tags, products) = (plan.tables.territories, plan.tables.tags, plan.tables.products)
        (financials, figures) = (plan.tables.financials, plan.tables.figures)
        words = matcher?.words ?? 0
        found = Array(repeating: 0, count: words * TextField.allCases.count)
    }

    /// The rules that fire on `record`, in plan order, with their evidence.
    mutating func classify(_ record: Partnership, custom: @escaping PlanEvaluator.Custom) throws(LuaError) -> [Firing] {
        (formBit, statusBit) = (MaskBit.of(record.form), MaskBit.of(record.status))
        self.custom = custom
        defer { self.custom = Self.noCustom }
        organizationsRead = false
        scanTexts(record)
        var fired: [Firing] = []
        // Room for as many as most partnerships get: grown a firing at a time, the array was allocated two or three times.
        fired.reserveCapacity(4)
        // As evaluate.lua's `shadow`: under a `first` policy, a rule that fired and is not set aside
        // shadows every later rule of its pack (`settled`); any rule that fired shadows drafts set aside (`done`).
        var settled = Array(repeating: false, count: packs)
        var done = settled
        rules: for r in rules.indices {
            let pack = rules[r].pack
            if rules[r].first && (rules[r].aside ? done[pack] : settled[pack]) { continue }
            dropTokens(0..<tokens.count)
            (rule, narrow) = (r, nil)
            guard try test(rules[r].condition, record, pack: pack, explain: false) else { continue }
            for n in rules[r].narrows.indices {
                narrow = n
                guard try test(rules[r].narrows[n].condition, record, pack: rules[r].narrows[n].pack, explain: false) else {
                    continue rules
                }
            }
            readOrganizations(record)
            // Written as bytes and made a string once, rather than a string for each part, joined.
            evidence.removeAll(keepingCapacity: true)
            for t in tokens.indices {
                if t > 0 { evidence.append(contentsOf: "; ".utf8) }
                tokens[t].write(record, organizations, to: &evidence)
            }
            fired.append(Firing(rule: rules[r].id, label: rules[r].label, evidence: EvidenceToken.clip(evidence, 1000),
                                draft: rules[r].draft))
            done[pack] = true
            if !rules[r].aside { settled[pack] = true }
        }
        return fired
    }

    // MARK: Conditions

    private mutating func test(_ c: CompiledCondition, _ record: Partnership, pack: Int, explain: Bool) throws(LuaError) -> Bool {
        switch c {
        case .all(let g): return try combine(g, record, stopOn: false, stopped: false, pack: pack, explain: explain)
        case .any(let g): return try combine(g, record, stopOn: true, stopped: true, pack: pack, explain: explain)
        case .none(let g): return try combine(g, record, stopOn: true, stopped: false, pack: pack, explain: explain)
        case .mentions(let k): return mentions(k, explain: explain)
        case .formIs(let mask): return say(mask & formBit != 0, .form, explain)
        case .statusIs(let mask): return say(mask & statusBit != 0, .status, explain)
        case .involves(let k):
            readOrganizations(record)
            for m in involves[k].indices {
                for i in record.parties.indices where partyMatches(record, i, k, m) {
                    tokens.append(.party(i))
                    return true
                }
            }
            return say(false, .parties, explain)
        case .territoryIn(let k):
            let everywhere = territories[k].everywhere
            if let i = record.territories.firstIndex(where: { everywhere || territories[k].accepted.contains($0) }) {
                return say(true, .territory(i), explain)
            }
            return say(false, .territories, explain)
        case .tagged(let k):
            let wanted = tags[k]
            if let i = record.tags.firstIndex(where: { tag in wanted.contains { ASCII.lowerEquals(tag, $0) } }) {
                return say(true, .tag(i), explain)
            }
            return say(false, .tags, explain)
        case .hasProduct(let k):
            if let i = record.products.indices.first(where: { productMatches(record, $0, k) }) {
                return say(true, .product(i), explain)
            }
            return say(false, .products, explain)
        case .hasFinancial(let k):
            if let i = record.financials.indices.first(where: { financialMatches(record, $0, k) }) {
                return say(true, .financial(i), explain)
            }
            return say(false, .financials, explain)
        case .hasFigure(let k):
            let key = figures[k].key
            guard let value = record.figures[key]?.value else { return say(false, .figure(key), explain) }
            return say(figures[k].min.map { Double(value) >= $0 } ?? true, .figure(key), explain)
        case .hasPerson(let mask):
            let found = record.people.indices.first { mask == 0 || mask & MaskBit.of(record.people[$0].role) != 0 }
            return say(found != nil, found.map(EvidenceToken.person) ?? .people, explain)
        case .relatedTo(let mask):
            let found = record.related.indices.first { mask == 0 || mask & MaskBit.of(record.related[$0].kind) != 0 }
            return say(found != nil, found.map(EvidenceToken.relation) ?? .relations, explain)
        case .abroad:
            readOrganizations(record)
            return say(EvidenceToken.abroad(record, organizations), .abroad, explain)
        case .partyAbroad(let mask):
            readOrganizations(record)
            return say(EvidenceToken.partyAbroad(record, organizations, mask), .partyAbroad(mask), explain)
        case .custom(let index):
            let blame = narrow.map { rules[rule].narrows[$0].blame } ?? rules[rule].blame
            let (holds, seen) = try custom(index, pack, blame, rules[rule].position, record)
            return say(holds, .text(seen), explain)
        }
    }

    /// `short_circuit` of dsl.lua: stops at the first part whose result is `stopOn`, answering
    /// `stopped` with what that part said; otherwise answers the opposite with what all said,
    /// and a `none` that held asks its parts again, explaining, for its evidence.
    private mutating func combine(_ group: Int, _ record: Partnership, stopOn: Bool, stopped: Bool, pack: Int,
                                  explain: Bool) throws(LuaError) -> Bool {
        let start = tokens.count
        for i in groupRanges[group] {
            let mark = tokens.count
            if try test(groupParts[i], record, pack: pack, explain: explain) == stopOn {
                dropTokens(start..<(stopped || explain ? mark : tokens.count))
                return stopped
            }
        }
        let result = !stopped
        if explain || (result && !stopOn) { return result }
        dropTokens(start..<tokens.count)
        guard result else { return false }
        for i in groupRanges[group] { _ = try test(groupParts[i], record, pack: pack, explain: true) }
        return true
    }

    /// Drops `tokens[range]`, calling nothing for an empty range: most conditions leave none,
    /// and a call for each was 2% of a classification.
    private mutating func dropTokens(_ range: Range<Int>) {
        if !range.isEmpty { tokens.removeSubrange(range) }
    }

    /// Keeps what a condition says when it holds or is explaining.
    private mutating func say(_ holds: Bool, _ token: EvidenceToken, _ explain: Bool) -> Bool {
        if holds || explain { tokens.append(token) }
        return holds
    }

    /// `mentions`: for each field in order, the first of the words it holds.
    private mutating func mentions(_ k: Int, explain: Bool) -> Bool {
        let needles = mentionTables[k].needles
        for (f, field) in mentionTables[k].fields.enumerated() {
            let bits = field.rawValue * words
            guard mentionTables[k].needleBits.contains(where: { found[bits + $0.word] & $0.bits != 0 }) else { continue }
            for (i, needle) in needles.enumerated() where found[bits + needle >> 6] & (1 << UInt64(needle & 63)) != 0 {
                tokens.append(.text(mentionTables[k].evidence[f][i]))
                return true
            }
        }
        return say(false, .text(mentionTables[k].failure), explain)
    }

    // MARK: The record

    /// Reads each field `mentions` searches once, with the automaton, into `found`: its parts
    /// one after the other where the record holds them, read as one text joined by a separator,
    /// as the DSL joins them with " | ".
    private mutating func scanTexts(_ record: Partnership) {
        guard let matcher else { return }
        for i in found.indices { found[i] = 0 }
        let (fields, words) = (fields, words)
        found.withUnsafeMutableBufferPointer { bits in
            for field in fields {
                var text = FieldReading(matcher: matcher, into: bits.baseAddress! + field.rawValue * words)
                switch field {
                case .title: text.read(record.title)
                case .summary: text.read(record.summary ?? "")
                case .tags: for tag in record.tags { text.read(tag) }
                case .products:
                    for product in record.products {
                        text.read(product.name)
                        text.read(product.indication ?? "")
                        text.read(product.therapeuticArea ?? "")
                    }
                case .financials: for term in record.financials { text.read(term.wording ?? "") }
                }
            }
        }
    }

    private mutating func readOrganizations(_ record: Partnership) {
        guard !organizationsRead else { return }
        organizations.read(record, in: catalog)
        organizationsRead = true
    }

    // MARK: Matching

    /// `party_matches` of records.lua: party `i` against match `m` of `involves[k]`.
    private func partyMatches(_ record: Partnership, _ i: Int, _ k: Int, _ m: Int) -> Bool {
        if let name = involves[k][m].organization {
            guard record.parties[i].unnamed == nil else { return false }
            return organizations.isNamed(i, name) || (organizations.parent(i).map { ASCII.equals($0, name.bytes) } ?? false)
        }
        if let role = involves[k][m].role, record.parties[i].role != role { return false }
        if let kind = involves[k][m].kind, organizations.kind(i) != kind { return false }
        if let id = involves[k][m].id, !(record.parties[i].organization.map { ASCII.same($0, id) } ?? false) { return false }
        if let country = involves[k][m].country, !(organizations.country(i).map { ASCII.same($0, country) } ?? false) {
            return false
        }
        if let parent = involves[k][m].parent, !(organizations.parent(i).map { ASCII.same($0, parent) } ?? false) { return false }
        if let name = involves[k][m].name, record.parties[i].unnamed != nil || !organizations.isNamed(i, name) { return false }
        return true
    }

    private func productMatches(_ record: Partnership, _ i: Int, _ k: Int) -> Bool {
        let m = products[k]
        if let kind = m.kind, record.products[i].kind != kind { return false }
        if let area = m.area, !ASCII.lowerEquals(record.products[i].therapeuticArea ?? "", area) { return false }
        if let name = m.name, !ASCII.lowerEquals(record.products[i].name, name) { return false }
        return true
    }

    private func financialMatches(_ record: Partnership, _ i: Int, _ k: Int) -> Bool {
        let m = financials[k]
        if let type = m.type, record.financials[i].type != type { return false }
        if let currency = m.currency, !(record.financials[i].currency.map { ASCII.same($0, currency) } ?? false) { return false }
        if let min = m.min, !((record.financials[i].amount ?? -.infinity) >= min) { return false }
        return true
    }
}
