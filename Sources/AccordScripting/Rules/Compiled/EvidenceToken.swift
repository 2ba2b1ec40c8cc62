import AccordCore
import Foundation

/// A piece of a rule's evidence, kept as what it refers to and made into text only
/// when the rule fires: the compiled engine's form of the strings the DSL's
/// conditions return. The texts are the DSL's (dsl.lua), word for word.
enum EvidenceToken {
    /// A text made beforehand, by the DSL or a function.
    case text(String)
    case form, status
    /// A party, a territory, a tag, a product, a financial term, by index; or the whole list seen.
    case party(Int), parties
    case territory(Int), territories
    case tag(Int), tags
    case product(Int), products
    case financial(Int), financials
    case figure(FigureKey)
    case person(Int), people
    case relation(Int), relations
    /// What `abroad` saw.
    case abroad
    /// What `party_abroad` saw, for the roles of the mask.
    case partyAbroad(UInt64)

    /// Appends the text, for partnership `p` whose parties' organizations are `organizations`, to
    /// `out`: written as bytes, as the evidence of a rule is joined, rather than made a string each.
    func write(_ p: Partnership, _ organizations: PartyOrganizations, to out: inout [UInt8]) {
        switch self {
        case .text(let text): out.append(utf8: text)
        case .form: out.append("form is ", p.form.rawValue)
        case .status: out.append("status is ", p.status.rawValue)
        case .party(let i):
            out.append(contentsOf: "party ".utf8)
            Self.describe(p.parties[i], organizations, i, to: &out)
        case .parties: Self.seen("parties", p.parties.indices, to: &out) { Self.describe(p.parties[$0], organizations, $0, to: &$1) }
        case .territory(let i): out.append("territory ", p.territories[i])
        case .territories: Self.seen("territories", p.territories, to: &out) { $1.append(utf8: $0) }
        case .tag(let i): out.append("tag ", p.tags[i])
        case .tags: Self.seen("tags", p.tags, to: &out) { $1.append(utf8: $0) }
        case .product(let i):
            out.append(contentsOf: "product ".utf8)
            Self.describe(p.products[i], to: &out)
        case .products: Self.seen("products", p.products, to: &out, Self.describe)
        case .financial(let i): Self.describe(p.financials[i], to: &out)
        case .financials: Self.seen("financial terms", p.financials, to: &out, Self.describe)
        case .figure(let key):
            out.append(contentsOf: (p.figures[key].map { "\(key.rawValue) = \($0.value)" } ?? key.rawValue + " not reported").utf8)
        case .person(let i): out.append("person ", Self.describe(p.people[i]))
        case .people: Self.seen("people", p.people, to: &out) { $1.append(contentsOf: Self.describe($0).utf8) }
        case .relation(let i): out.append("link ", Self.describe(p.related[i]))
        case .relations: Self.seen("links", p.related, to: &out) { $1.append(contentsOf: Self.describe($0).utf8) }
        case .abroad: out.append(utf8: Self.abroadSeen(p, organizations).text)
        case .partyAbroad(let mask): out.append(utf8: Self.partyAbroadSeen(p, organizations, mask).text)
        }
    }

    /// `party_abroad` of dsl.lua: whether a party in a role of `mask` is based outside the home
    /// countries of every other party. As `partyAbroadSeen(_:_:_:)` decides, without making its text:
    /// a rule asks far more often than it fires.
    static func partyAbroad(_ p: Partnership, _ organizations: PartyOrganizations, _ mask: UInt64) -> Bool {
        func counted(_ i: Int) -> Bool { mask & MaskBit.of(p.parties[i].role) == 0 }
        guard knownHomes(p, organizations, counted: counted), p.parties.indices.contains(where: counted) else { return false }
        // A home is the first spelling among the counted parties' countries of those the same but for case.
        func isHome(_ country: String) -> Bool {
            guard let first = p.parties.indices.first(where: { counted($0) && ASCII.same(organizations.country($0)!, country) })
            else { return false }
            return organizations.country(first)! == country
        }
        return p.parties.indices.contains { i in
            guard !counted(i), let country = organizations.country(i), !country.isEmpty else { return false }
            return !isHome(country)
        }
    }

    /// `abroad` of dsl.lua: whether some territory lies outside the parties' home countries. As
    /// `abroadSeen(_:_:)` decides, without making its text.
    static func abroad(_ p: Partnership, _ organizations: PartyOrganizations) -> Bool {
        guard knownHomes(p, organizations, counted: { _ in true }) else { return false }
        return p.territories.contains { t in !p.parties.indices.contains { ASCII.same(organizations.country($0)!, t) } }
    }

    /// Whether every party at the indexes `counted` accepts has a home country recorded.
    private static func knownHomes(_ p: Partnership, _ organizations: PartyOrganizations, counted: (Int) -> Bool) -> Bool {
        p.parties.indices.allSatisfy { !counted($0) || organizations.country($0).map { !$0.isEmpty } == true }
    }

    /// What `party_abroad` saw: whether it holds, and the text that says so.
    static func partyAbroadSeen(_ p: Partnership, _ organizations: PartyOrganizations, _ mask: UInt64) -> (holds: Bool, text: String) {
        func wanted(_ i: Int) -> Bool { mask & MaskBit.of(p.parties[i].role) != 0 }
        func country(_ i: Int) -> String? { organizations.country(i).flatMap { $0.isEmpty ? nil : $0 } }
        let homes: [String]
        switch homeCountries(p, organizations, counted: { !wanted($0) }) {
        case .success(let found): homes = found
        case .failure(let unknown): return (false, unknown.text)
        }
        if homes.isEmpty { return (false, "no other party to be abroad from") }
        let from = homes.joined(separator: ", ")
        if let i = p.parties.indices.first(where: { wanted($0) && country($0).map { !homes.contains($0) } == true }) {
            return (true, clip("\(p.parties[i].role.rawValue) \(p.parties[i].label) (\(country(i)!)) is based beyond the other parties' "
                               + "home countries (\(from))", 240))
        }
        let who = PartyRole.allCases.filter { mask & MaskBit.of($0) != 0 }.map(\.rawValue).joined(separator: " or ")
        return (false, clip("no \(who) based beyond the other parties' home countries (\(from))", 240))
    }

    /// What `abroad` saw: whether it holds, and the text that says so.
    static func abroadSeen(_ p: Partnership, _ organizations: PartyOrganizations) -> (holds: Bool, text: String) {
        let homes: [String]
        switch homeCountries(p, organizations, counted: { _ in true }) {
        case .success(let found): homes = found
        case .failure(let unknown): return (false, unknown.text)
        }
        if p.territories.isEmpty { return (false, "no territories recorded") }
        let outside = p.territories.filter { t in !homes.contains { ASCII.same($0, t) } }
        let from = homes.joined(separator: ", ")
        if outside.isEmpty {
            return (false, clip("territories \(p.territories.joined(separator: ", ")) are all home to a party (\(from))", 240))
        }
        return (true, clip("territories beyond the parties' home countries (\(from)): \(outside.joined(separator: ", "))", 240))
    }

    /// A party whose home country is not recorded, and what to say of it.
    struct UnknownHome: Error {
        let text: String
    }

    /// `home_countries` of dsl.lua: the home countries of the parties at the indexes `counted`
    /// accepts, in order, each once; or the first of them whose country is not recorded.
    private static func homeCountries(_ p: Partnership, _ organizations: PartyOrganizations,
                                      counted: (Int) -> Bool) -> Result<[String], UnknownHome> {
        var homes: [String] = []
        for i in p.parties.indices where counted(i) {
            guard let country = organizations.country(i), !country.isEmpty else {
                let label = p.parties[i].label
                return .failure(UnknownHome(text: clip("home country of \(label) unknown", 240)))
            }
            if !homes.contains(where: { ASCII.same($0, country) }) { homes.append(country) }
        }
        return .success(homes)
    }

    /// `list_seen`: "no parties", or "parties: a, b" with at most five, then " and N more".
    private static func seen<C: Collection>(_ prefix: String, _ items: C, to out: inout [UInt8],
                                            _ describe: (C.Element, inout [UInt8]) -> Void) {
        if items.isEmpty { return out.append("no ", prefix) }
        out.append(prefix, ": ")
        for (n, item) in items.prefix(5).enumerated() {
            if n > 0 { out.append(contentsOf: ", ".utf8) }
            describe(item, &out)
        }
        if items.count > 5 { out.append(contentsOf: " and \(items.count - 5) more".utf8) }
    }

    /// `describe_party`: "roche (licensor, global_pharma, CH)"; what is unknown reads "nil", as in Lua.
    private static func describe(_ party: Party, _ organizations: PartyOrganizations, _ i: Int, to out: inout [UInt8]) {
        let country = organizations.country(i).flatMap { $0.isEmpty ? nil : $0 } ?? "nil"
        out.append(party.label, " (")
        out.append(party.role.rawValue, ", ")
        out.append(organizations.kind(i)?.rawValue ?? "nil", ", ")
        out.append(country, ")")
    }

    private static func describe(_ person: Person) -> String { "\(person.name ?? person.title ?? "") (\(person.role.rawValue))" }

    private static func describe(_ relation: Relation) -> String { relation.kind.rawValue + " " + relation.to }

    private static func describe(_ product: Product, to out: inout [UInt8]) {
        out.append(product.name, " (")
        out.append(product.kind.rawValue, ")")
    }

    private static func describe(_ term: FinancialTerm, to out: inout [UInt8]) {
        out.append(contentsOf: term.type.rawValue.utf8)
        guard let amount = term.amount else { return }
        out.append(UInt8(ascii: " "))
        fifteenDigits(amount, to: &out)
        out.append(" ", term.currency ?? "nil")
    }

    /// The amount as Lua's `%.15g` writes it, with C's `snprintf`: Foundation's `String(format:)` took
    /// a third of the time spent writing evidence.
    static func fifteenDigits(_ amount: Double, to out: inout [UInt8]) {
        // A whole number of fewer than 16 digits, as most amounts are, is written as an integer by `%.15g`.
        if amount == amount.rounded(), abs(amount) < 1e15, !(amount == 0 && amount.sign == .minus) {
            return out.append(contentsOf: String(Int64(amount)).utf8)
        }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let count = withVaList([amount]) { vsnprintf(buffer.baseAddress!, 32, "%.15g", $0) }
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: 32) {
                out.append(contentsOf: UnsafeBufferPointer(start: $0, count: Swift.max(0, Swift.min(Int(count), 31))))
            }
        }
    }

    /// `clip`: at most `limit` bytes, ending in "..." when cut, never inside a UTF-8 character.
    static func clip(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        return clip(Array(text.utf8), limit)
    }

    /// The text of `bytes`, clipped as `clip(_:_:)` clips a string.
    static func clip(_ bytes: [UInt8], _ limit: Int) -> String {
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        var cut = limit - 3
        while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: bytes[..<cut], as: UTF8.self) + "..."
    }
}

extension [UInt8] {
    /// Appends the bytes of two texts.
    fileprivate mutating func append(_ first: String, _ second: String) {
        append(utf8: first)
        append(utf8: second)
    }
}

extension Organization {
    /// What rules know of an unnamed party's organization: its kind and country (empty when
    /// not given), no id, name or group, so that it matches by kind, role and country alone.
    static func standIn(for unnamed: UnnamedParty) -> Organization {
        Organization(id: "", name: "", kind: unnamed.kind, country: unnamed.country ?? "")
    }
}

extension Party {
    /// How evidence names the party: its organization's id, else its description.
    var label: String { organization ?? unnamed?.description ?? "" }
}
