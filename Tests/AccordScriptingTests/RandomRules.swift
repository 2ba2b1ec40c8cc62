import AccordCore
import ToolSupport

/// Random rule packs and partnerships over the fixture's organizations, for testing the
/// compiled engine against the interpreted one: every predicate of the DSL, nested
/// combinators, functions (some counting their calls, some failing), overlays and hit policies.
struct RandomRules {
    var random: SeededRandom

    static let words = ["export", "exports", "R&D", "r d", "research", "trial", "industrial", "market entry",
                        "market-entry", "training", "academy", "Korea", "ko", "é", "한국", "vaccine", "AI", "a"]
    static let titleWords = ["Export", "exports", "R&D", "research", "trial", "industrial", "market", "entry",
                             "market-entry", "Training", "academy", "Korea", "korean", "é", "한국어", "Vaccine",
                             "ai", "A.I.", "and", "for", "—", "(KR)", "&", "1,000"]
    static let organizations = ["roche", "roche-korea", "khidi", "hanmi", "dksh"]
    static let names = ["Roche", "KOREA ROCHE", "khidi", "Hanmi Pharmaceutical", "hanmi", "roche", "Nobody"]
    static let territories = ["KR", "TW", "VN", "ASEAN", "EUROPE", "GLOBAL", "US", "CH"]
    static let tags = ["training", "AI", "digital", "precision-medicine", "Export"]
    static let fields = ["title", "summary", "tags", "products", "financials"]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    private mutating func quoted(_ items: [String], _ k: Int) -> String {
        random.sample(items, k).map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// A condition, as Lua source, nesting at most `depth` more; without functions when `declarative`.
    mutating func condition(_ depth: Int, declarative: Bool = false) -> String {
        if depth > 0 && random.chance(0.35) {
            let parts = (0..<random.int(1...3)).map { _ in condition(depth - 1, declarative: declarative) }.joined(separator: ", ")
            return "\(random.pick(["all", "any", "none"])){ \(parts) }"
        }
        switch random.below(declarative ? 10 : 15) {
        case 0, 1:
            let list = quoted(Self.words, random.int(1...3))
            if random.chance(0.3) { return "mentions{ \(list), fields = { \(quoted(Self.fields, random.int(1...3))) } }" }
            return "mentions(\(list))"
        case 2: return "form_is(\(quoted(PartnershipForm.allCases.map(\.rawValue), random.int(1...3))))"
        case 3: return "R.status_is(\(quoted(PartnershipStatus.allCases.map(\.rawValue), random.int(1...2))))"
        case 4:
            switch random.below(4) {
            case 0: return "involves(\"\(random.pick(Self.names))\")"
            case 1: return "involves{ kind = \"\(random.pick(["global_pharma", "distributor", "government_agency"]))\" }"
            case 2: return "involves({ role = \"\(random.pick(["investor", "exporter", "organizer"]))\", country = \"KR\" }, \"roche\")"
            default: return "involves{ \(random.pick(["name = \"korea roche\"", "parent = \"roche\"", "id = \"dksh\""])) }"
            }
        case 5:
            if random.chance(0.3) {
                return random.pick(["R.abroad()", "R.party_abroad(\"licensee\")", "R.party_abroad(\"participant\", \"organizer\")"])
            }
            return "territory_in(\(quoted(Self.territories, random.int(1...2))))"
        case 6: return "R.tagged(\(quoted(Self.tags, random.int(1...2))))"
        case 7: return random.pick(["R.has_product(\"drug\")", "R.has_product{ area = \"CARDIOVASCULAR\" }",
                                    "R.has_product{ kind = \"vaccine\", name = \"x\" }"])
        case 8: return random.pick(["R.has_financial(\"investment\")", "R.has_financial{ currency = \"KRW\", min = 1e9 }",
                                    "R.has_financial{ type = \"grant\" }"])
        case 9: return random.pick(["R.has_figure(\"participants\")", "R.has_figure(\"participants\", 10)",
                                    "R.has_figure(\"countries\", 4)", "R.has_person()", "R.has_person(\"signatory\", \"speaker\")",
                                    "R.related_to()", "R.related_to(\"part_of\", \"edition_of\")",
                                    "involves{ kind = \"association\" }", "involves{ country = \"LV\", role = \"participant\" }"])
        case 10: return "function(p) return #p.parties > \(random.below(3)), \(random.pick(["nil", "'parties'", "#p.tags"])) end"
        case 11: return "R.condition(\"counts\", function() calls = calls + 1; return calls % \(random.int(2...3)) == 0 end)"
        case 12: return "function(p) return p.title:find(\"\(random.pick(["e", "Ex", "x"]))\") ~= nil end"
        case 13: return "function(p) if #p.tags > 4 and #p.parties > 2 then error(\"too much\") end return false end"
        default: return "R.condition(\"tagged twice\", function(p) return #p.tags > 1, \"tags: \" .. #p.tags end)"
        }
    }

    /// A pack of `rules` random rules, some of them drafts when `drafts`; overlays narrow or disable rules of `narrowing`.
    mutating func pack(_ name: String, rules: Int, narrowing: String?, drafts: Bool = false, declarative: Bool = false) -> String {
        var lines = (0..<rules).map { i in
            let status = drafts && random.chance(0.4) ? "status = \"draft\", " : ""
            return "rule { id = \"r\(i)\", label = \"\(random.pick(["a", "b", "c"]))\", priority = \(random.below(4)), "
                + "\(status)when = \(condition(3, declarative: declarative)) },"
        }
        lines.shuffle(using: &random)
        var overlays = ""
        if let narrowing {
            overlays = "requires = { \(narrowing) = \"*\" }, overlays = { { rule = \"\(narrowing).r0\", narrow = \(condition(2)) }, "
                + "{ rule = \"\(narrowing).r1\", disable = true } },"
        }
        return """
            local R = accord.rules
            local rule, pack, all, any, none = R.rule, R.pack, R.all, R.any, R.none
            local mentions, form_is, involves, territory_in = R.mentions, R.form_is, R.involves, R.territory_in
            calls = 0
            return pack {
              name = "\(name)", version = "1.0.0", hit_policy = "\(random.pick(["collect", "collect", "first"]))",
              labels = { a = "A", b = "B", c = "C" },
              rules = {
                \(lines.joined(separator: "\n    "))
              },
              \(overlays)
            }
            """
    }

    /// A partnership over the fixture's organizations, with random words and lists.
    mutating func partnership(_ i: Int) -> Partnership {
        func words(_ n: Int) -> String { (0..<n).map { _ in random.pick(Self.titleWords) }.joined(separator: random.pick([" ", "-", ", "])) }
        var parties = random.sample(Self.organizations, random.int(0...3)).map {
            Party(organization: $0, role: random.pick(PartyRole.allCases))
        }
        if random.chance(0.3) {
            let unnamed = UnnamedParty(description: words(2), kind: random.pick([.association, .hospital, .globalPharma]),
                                       country: random.chance(0.5) ? random.pick(["LV", "KR"]) : nil,
                                       count: random.chance(0.5) ? Quantity(random.int(2...9), .about) : nil)
            parties.insert(Party(unnamed: unnamed, role: random.pick([.participant, .signatory])), at: random.int(0...parties.count))
        }
        let people = (0..<random.int(0...2)).map { _ in
            Person(name: random.chance(0.8) ? words(2) : nil, title: words(1), role: random.pick(PersonRole.allCases))
        }
        let related = (0..<random.int(0...2)).map { _ in
            Relation(to: random.pick(["year-only", "export-q4"]), kind: random.pick(RelationKind.allCases))
        }
        let products = (0..<random.int(0...2)).map { _ in
            Product(name: words(2), kind: random.pick(ProductKind.allCases), indication: random.chance(0.5) ? words(1) : nil,
                    therapeuticArea: random.chance(0.5) ? random.pick(["cardiovascular", "Cardiovascular", "oncology"]) : nil)
        }
        let financials = (0..<random.int(0...2)).map { _ in
            FinancialTerm(type: random.pick(FinancialTermType.allCases), amount: random.chance(0.7) ? Double(random.below(4)) * 1e9 + 0.5 : nil,
                          currency: random.chance(0.8) ? random.pick(["KRW", "USD"]) : nil, wording: random.chance(0.5) ? words(3) : nil)
        }
        var figures: [FigureKey: Quantity] = [:]
        for key in random.sample([FigureKey.participants, .countries], random.int(0...2)) { figures[key] = Quantity(random.below(20)) }
        return Partnership(id: "random-\(i)", title: words(random.int(1...5)), summary: random.chance(0.7) ? words(random.int(0...12)) : nil,
                           form: random.pick(PartnershipForm.allCases), status: random.pick(PartnershipStatus.allCases),
                           parties: parties, territories: random.sample(Self.territories, random.int(0...7)), products: products,
                           financials: financials, figures: figures, tags: random.sample(Self.tags, random.int(0...6)),
                           related: related, people: people)
    }
}
