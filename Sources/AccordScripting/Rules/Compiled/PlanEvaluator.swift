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
    /// Evaluates function `index` on pack `pack`'s copy of the partnership; an error names `blame` and `position`.
    typealias Custom = (_ index: Int, _ pack: Int, _ blame: String, _ position: String) throws(LuaError) -> (Bool, String)

    let plan: CompiledPlan
    private var tokens: [EvidenceToken] = []
    /// The needles found, a bitset of `plan.matcher.words` words for each text field.
    private var found: [UInt64]
    private var text: [UInt8] = []
    private var record: Partnership!
    private var organizations: [Organization?] = []
    private var organizationsRead = false
    private var organization: (String) -> Organization? = { _ in nil }
    private var custom: Custom = { _, _, _, _ in (false, "") }
    private var blame = ""
    private var position = ""

    init(plan: CompiledPlan) {
        self.plan = plan
        found = Array(repeating: 0, count: (plan.matcher?.words ?? 0) * TextField.allCases.count)
    }

    /// The rules that fire on `p`, in plan order, with their evidence.
    func classify(_ p: Partnership, organization: @escaping (String) -> Organization?,
                  custom: @escaping Custom) throws(LuaError) -> [Firing] {
        record = p
        organizationsRead = false
        self.organization = organization
        self.custom = custom
        defer { (record, self.organization, self.custom) = (nil, { _ in nil }, { _, _, _, _ in (false, "") }) }
        scanTexts()
        var fired: [Firing] = []
        var done = Array(repeating: false, count: plan.packs.count)
        rules: for rule in plan.rules where !(rule.first && done[rule.pack]) {
            tokens.removeAll(keepingCapacity: true)
            (blame, position) = (rule.blame, rule.position)
            guard try test(rule.condition, pack: rule.pack, explain: false) else { continue }
            for narrow in rule.narrows {
                blame = narrow.blame
                guard try test(narrow.condition, pack: narrow.pack, explain: false) else { continue rules }
            }
            let parties = partyOrganizations()
            let evidence = tokens.map { $0.text(p, parties) }.joined(separator: "; ")
            fired.append(Firing(rule: rule.id, label: rule.label, evidence: EvidenceToken.clip(evidence, 1000)))
            done[rule.pack] = true
        }
        return fired
    }

    // MARK: Conditions

    private func test(_ c: CompiledCondition, pack: Int, explain: Bool) throws(LuaError) -> Bool {
        let p = record!
        switch c {
        case .all(let parts): return try combine(parts, stopOn: false, stopped: false, pack: pack, explain: explain)
        case .any(let parts): return try combine(parts, stopOn: true, stopped: true, pack: pack, explain: explain)
        case .none(let parts): return try combine(parts, stopOn: true, stopped: false, pack: pack, explain: explain)
        case .mentions(let m):
            for (f, field) in m.fields.enumerated() {
                for (i, needle) in m.needles.enumerated() where isFound(needle, in: field) {
                    tokens.append(.text(m.evidence[f][i]))
                    return true
                }
            }
            return say(false, .text(m.failure), explain)
        case .formIs(let values): return say(values.contains(p.form.rawValue), .form, explain)
        case .statusIs(let values): return say(values.contains(p.status.rawValue), .status, explain)
        case .involves(let matches):
            let parties = partyOrganizations()
            for match in matches {
                for (i, party) in p.parties.enumerated() where Self.matches(party, parties[i], match) {
                    tokens.append(.party(i))
                    return true
                }
            }
            return say(false, .parties, explain)
        case .territoryIn(let accepted, let everywhere):
            if let i = p.territories.firstIndex(where: { everywhere || accepted.contains($0) }) {
                return say(true, .territory(i), explain)
            }
            return say(false, .territories, explain)
        case .tagged(let wanted):
            if let i = p.tags.firstIndex(where: { tag in wanted.contains { ASCII.lowerEquals(tag, $0) } }) {
                return say(true, .tag(i), explain)
            }
            return say(false, .tags, explain)
        case .hasProduct(let m):
            if let i = p.products.firstIndex(where: { Self.matches($0, m) }) { return say(true, .product(i), explain) }
            return say(false, .products, explain)
        case .hasFinancial(let m):
            if let i = p.financials.firstIndex(where: { Self.matches($0, m) }) { return say(true, .financial(i), explain) }
            return say(false, .financials, explain)
        case .hasFigure(let key, let min):
            guard let value = p.figures[key] else { return say(false, .figure(key), explain) }
            return say(min.map { Double(value) >= $0 } ?? true, .figure(key), explain)
        case .custom(let index):
            let (holds, seen) = try custom(index, pack, blame, position)
            return say(holds, .text(seen), explain)
        }
    }

    /// `short_circuit` of dsl.lua: stops at the first part whose result is `stopOn`, answering
    /// `stopped` with what that part said; otherwise answers the opposite with what all said,
    /// and a `none` that held asks its parts again, explaining, for its evidence.
    private func combine(_ parts: [CompiledCondition], stopOn: Bool, stopped: Bool, pack: Int,
                         explain: Bool) throws(LuaError) -> Bool {
        let start = tokens.count
        for part in parts {
            let mark = tokens.count
            if try test(part, pack: pack, explain: explain) == stopOn {
                tokens.removeSubrange(start..<(stopped || explain ? mark : tokens.count))
                return stopped
            }
        }
        let result = !stopped
        if explain || (result && !stopOn) { return result }
        tokens.removeSubrange(start...)
        guard result else { return false }
        for part in parts { _ = try test(part, pack: pack, explain: true) }
        return true
    }

    /// Keeps what a condition says when it holds or is explaining.
    private func say(_ holds: Bool, _ token: EvidenceToken, _ explain: Bool) -> Bool {
        if holds || explain { tokens.append(token) }
        return holds
    }

    // MARK: The record

    /// Reads each field `mentions` searches once, with the automaton, into `found`.
    private func scanTexts() {
        guard let matcher = plan.matcher else { return }
        let p = record!
        for i in found.indices { found[i] = 0 }
        for field in plan.fields {
            text.removeAll(keepingCapacity: true)
            switch field {
            case .title: append(p.title)
            case .summary: append(p.summary ?? "")
            case .tags: p.tags.forEach(append)
            case .products:
                for product in p.products {
                    append(product.name)
                    append(product.indication ?? "")
                    append(product.therapeuticArea ?? "")
                }
            case .financials: p.financials.forEach { append($0.wording ?? "") }
            }
            let offset = field.rawValue * matcher.words
            found.withUnsafeMutableBufferPointer { bits in
                text.withUnsafeBufferPointer { matcher.scan($0, into: bits.baseAddress! + offset) }
            }
        }
    }

    /// Appends a part of a field's text; parts are joined by a separator, as the DSL joins them with " | ".
    private func append(_ part: String) {
        if !text.isEmpty { text.append(UInt8(ascii: "|")) }
        text.append(contentsOf: part.utf8)
    }

    private func isFound(_ needle: Int, in field: TextField) -> Bool {
        found[field.rawValue * (plan.matcher?.words ?? 0) + needle >> 6] & (1 << UInt64(needle & 63)) != 0
    }

    private func partyOrganizations() -> [Organization?] {
        if !organizationsRead {
            organizations = record.parties.map { organization($0.organization) }
            organizationsRead = true
        }
        return organizations
    }

    // MARK: Matching

    /// `party_matches` of records.lua.
    private static func matches(_ party: Party, _ o: Organization?, _ match: PartyMatch) -> Bool {
        switch match {
        case .organization(let name, let lowered):
            return o.map { isNamed($0, name, lowered) || ($0.parent.map { ASCII.equals($0, name) } ?? false) } ?? false
        case .fields(let role, let kind, let country, let id, let name, let parent):
            if let role, !ASCII.same(party.role.rawValue, role) { return false }
            if let id, !ASCII.same(party.organization, id) { return false }
            if let kind, !(o.map { ASCII.same($0.kind.rawValue, kind) } ?? false) { return false }
            if let country, !(o.map { ASCII.same($0.country, country) } ?? false) { return false }
            if let parent, !(o?.parent.map { ASCII.same($0, parent) } ?? false) { return false }
            if let name, !(o.map { isNamed($0, name.name, name.lowered) } ?? false) { return false }
            return true
        }
    }

    /// `organization.matches`: the id, or the name or an alias regardless of case.
    private static func isNamed(_ o: Organization, _ name: [UInt8], _ lowered: [UInt8]) -> Bool {
        ASCII.equals(o.id, name) || ASCII.lowerEquals(o.name, lowered) || o.aliases.contains { ASCII.lowerEquals($0, lowered) }
    }

    private static func matches(_ product: Product, _ m: ProductMatch) -> Bool {
        if let kind = m.kind, !ASCII.same(product.kind.rawValue, kind) { return false }
        if let area = m.area, !ASCII.lowerEquals(product.therapeuticArea ?? "", area) { return false }
        if let name = m.name, !ASCII.lowerEquals(product.name, name) { return false }
        return true
    }

    private static func matches(_ term: FinancialTerm, _ m: FinancialMatch) -> Bool {
        if let type = m.type, !ASCII.same(term.type.rawValue, type) { return false }
        if let currency = m.currency, !(term.currency.map { ASCII.same($0, currency) } ?? false) { return false }
        if let min = m.min, !((term.amount ?? -.infinity) >= min) { return false }
        return true
    }
}
