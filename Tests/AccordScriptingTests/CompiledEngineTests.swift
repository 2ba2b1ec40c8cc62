import AccordCore
@testable import AccordScripting
import LuaKit
import Testing

/// The compiled engine against the interpreted one, its reference: the same rules fire,
/// in the same order, with the same evidence, and the same errors are raised.
@Suite struct CompiledEngineTests {
    /// What classifying gives: the classification, or the error's message.
    private static func outcome(_ engine: RuleEngine, _ p: Partnership) -> Result<Classification, LuaError> {
        do throws(LuaError) { return .success(try engine.classify(p)) } catch { return .failure(error) }
    }

    private static func engines(_ folder: PackFolder, _ requirements: [String: String]) throws -> (RuleEngine, RuleEngine) {
        let (compiled, _) = try folder.resolve(requirements)
        let (interpreted, _) = try folder.resolve(requirements)
        interpreted.evaluation = .interpreted
        #expect(compiled.evaluation == .compiled)
        return (compiled, interpreted)
    }

    /// `p` with the lists `unread` names empty, as a classification reads it.
    private static func emptying(_ unread: Set<Partnership.List>, of p: Partnership) -> Partnership {
        var p = p
        for list in unread {
            switch list {
            case .parties: p.parties = []
            case .related: p.related = []
            case .people: p.people = []
            case .territories: p.territories = []
            case .products: p.products = []
            case .financials: p.financials = []
            case .equivalents: for i in p.financials.indices { p.financials[i].equivalents = [] }
            case .figures: p.figures = [:]
            case .tags: p.tags = []
            case .labels: p.labels = []
            case .sources: p.sources = []
            }
        }
        return p
    }

    private static func same(_ a: Result<Classification, LuaError>, _ b: Result<Classification, LuaError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): x == y
        case (.failure(let x), .failure(let y)): x.message == y.message
        default: false
        }
    }

    @Test(arguments: 0..<16)
    func bothEnginesGiveTheSameClassificationsForRandomRuleTrees(seed: Int) throws {
        var random = RandomRules(seed: UInt64(seed))
        let folder = try PackFolder()
        try folder.pack("p0", random.pack("p0", rules: 10, narrowing: nil))
        try folder.pack("p1", random.pack("p1", rules: 6, narrowing: "p0"))
        let (compiled, interpreted) = try Self.engines(folder, ["p0": "*", "p1": "*"])
        var fired = 0
        for p in Fixture.dataset.partnerships + (0..<120).map({ random.partnership($0) }) {
            // Functions that count their calls make any extra or missing call show. The compiled
            // engine gets the record as a classification reads it, without the lists its plan leaves unread.
            let a = Self.outcome(compiled, Self.emptying(compiled.unreadLists, of: p)), b = Self.outcome(interpreted, p)
            #expect(Self.same(a, b), "partnership \(p.id)")
            if !Self.same(a, b) { return }
            fired += (try? a.get().fired.count) ?? 0
        }
        #expect(fired > 0, "the random rules never fired: the test would prove little")
    }

    /// A few declarative rules leave most lists unread: a record without them classifies as the whole record does.
    @Test(arguments: 0..<24)
    func aPlanClassifiesARecordWithoutItsUnreadListsAsTheInterpreterTheWholeRecord(seed: Int) throws {
        var random = RandomRules(seed: UInt64(1000 + seed))
        let folder = try PackFolder()
        try folder.pack("p", random.pack("p", rules: 2, narrowing: nil, declarative: true))
        let (compiled, interpreted) = try Self.engines(folder, ["p": "*"])
        #expect(compiled.unreadLists.count >= 5, "\(compiled.unreadLists)")
        for p in Fixture.dataset.partnerships + (0..<120).map({ random.partnership($0) }) {
            let a = Self.outcome(compiled, Self.emptying(compiled.unreadLists, of: p)), b = Self.outcome(interpreted, p)
            #expect(Self.same(a, b), "partnership \(p.id)")
            if !Self.same(a, b) { return }
        }
    }

    @Test func aFunctionRunsOnlyWhenTheDeclarativePartHasNotDecided() throws {
        let folder = try PackFolder()
        try folder.pack("lazy", dsl + """
            return pack {
              name = "lazy", version = "1.0.0", labels = { x = "X" },
              rules = {
                rule { id = "never", label = "x", when = all{ form_is "grant", function() error("must not run") end } },
                rule { id = "held", label = "x", when = any{ form_is "investment", function() error("must not run") end } },
              },
            }
            """)
        let (compiled, interpreted) = try Self.engines(folder, ["lazy": "*"])
        let p = Fixture.partnership("year-only")
        #expect(try compiled.classify(p).fired.map(\.rule) == ["lazy.held"])
        #expect(Self.same(Self.outcome(compiled, p), Self.outcome(interpreted, p)))
    }

    @Test func anEngineThatRanAFunctionIsFreedOnceLetGo() throws {
        let folder = try PackFolder()
        try folder.pack("lazy", dsl + """
            return pack {
              name = "lazy", version = "1.0.0", labels = { x = "X" },
              rules = { rule { id = "any", label = "x", when = all{ form_is "investment", function() return true end } } },
            }
            """)
        weak var freed: RuleEngine?
        try {
            let (compiled, _) = try folder.resolve(["lazy": "*"])
            #expect(try compiled.classify(Fixture.partnership("year-only")).fired.map(\.rule) == ["lazy.any"])
            freed = compiled
        }()
        #expect(freed == nil, "the engine is held by the closure its plan keeps")
    }

    @Test func aPlanOfDeclarativeConditionsLeavesUnreadTheListsNoneOfThemReads() throws {
        func unread(_ when: String) throws -> Set<Partnership.List> {
            let folder = try PackFolder()
            try folder.pack("p", dsl + """
                return pack {
                  name = "p", version = "1.0.0", labels = { x = "X" },
                  rules = { rule { id = "r", label = "x", when = \(when) } },
                }
                """)
            let (compiled, interpreted) = try Self.engines(folder, ["p": "*"])
            #expect(interpreted.unreadLists.isEmpty, "the interpreter may read any list")
            return compiled.unreadLists
        }
        let lists: Set<Partnership.List> = [.parties, .related, .people, .territories, .products, .financials, .equivalents,
                                            .figures, .tags, .sources]
        #expect(try unread(#"form_is "mou""#) == lists, "the labels set by hand are always read")
        #expect(try unread(#"all{ form_is "mou", mentions "export", involves{ role = "licensor" } }"#)
                    == lists.subtracting([.parties, .tags, .products]), "mentions searches the tags and products unless told")
        #expect(try unread(#"any{ mentions{ "export", fields = { "title", "financials" } }, R.has_person() }"#)
                    == lists.subtracting([.financials, .people]))
        #expect(try unread("none{ R.related_to(), R.abroad() }") == lists.subtracting([.related, .parties, .territories]))
        #expect(try unread(#"all{ R.party_abroad("licensee"), R.territory_in("KR"), R.tagged("x") }"#)
                    == lists.subtracting([.parties, .territories, .tags]))
        #expect(try unread(#"any{ R.has_product "candidate", R.has_financial "upfront", R.has_figure "researchers" }"#)
                    == lists.subtracting([.products, .financials, .figures]))
        #expect(try unread(#"all{ form_is "mou", function() return true end }"#).isEmpty, "a function may read any list")
    }

    @Test func anErrorInAFunctionNamesTheRuleAsTheInterpreterDoes() throws {
        let folder = try PackFolder()
        try folder.pack("bad", dsl + """
            return pack {
              name = "bad", version = "1.0.0", labels = { x = "X" },
              rules = { rule { id = "boom", label = "x", when = all{ form_is "investment", function(p) return p.nope end } } },
            }
            """)
        let (compiled, interpreted) = try Self.engines(folder, ["bad": "*"])
        let p = Fixture.partnership("year-only")
        let message = (try? Self.outcome(compiled, p).get()).map { _ in "" } ?? "\(Self.outcome(compiled, p))"
        #expect(message.contains("rule bad.boom") && message.contains("unknown field 'nope'"))
        #expect(Self.same(Self.outcome(compiled, p), Self.outcome(interpreted, p)))
    }

    @Test func anErrorInAnOverlaysNarrowingFunctionNamesTheRuleAndTheOverlay() throws {
        let folder = try PackFolder()
        try folder.pack("base", dsl + """
            return pack {
              name = "base", version = "1.0.0", labels = { x = "X" },
              rules = { rule { id = "any", label = "x", when = function() return true end } },
            }
            """)
        try folder.pack("team", dsl + """
            return pack {
              name = "team", version = "0.1.0", requires = { base = "^1.0" },
              overlays = { { rule = "base.any", narrow = function(p) return p.nope end } },
            }
            """)
        let (compiled, interpreted) = try Self.engines(folder, ["team": "*"])
        let p = Fixture.partnership("year-only")
        let message = (try? Self.outcome(compiled, p).get()).map { _ in "" } ?? "\(Self.outcome(compiled, p))"
        #expect(message.contains("rule base.any (narrowed by team)") && message.contains("unknown field 'nope'"), "\(message)")
        #expect(Self.same(Self.outcome(compiled, p), Self.outcome(interpreted, p)))
    }

    @Test func evidenceIsCutAtAThousandBytesOnACharacterBoundary() throws {
        let folder = try PackFolder()
        let long = String(repeating: "가", count: 100)
        try folder.pack("long", dsl + """
            local f = R.condition("long", function() return true, "\(long)" end)
            return pack {
              name = "long", version = "1.0.0", labels = { x = "X" },
              rules = { rule { id = "long", label = "x", when = all{ f, f, f, f, f } } },
            }
            """)
        let (compiled, interpreted) = try Self.engines(folder, ["long": "*"])
        let p = Fixture.partnership("year-only")
        let evidence = try compiled.classify(p).fired.first?.evidence ?? ""
        #expect(evidence.utf8.count <= 1000 && evidence.hasSuffix("..."))
        #expect(Self.same(Self.outcome(compiled, p), Self.outcome(interpreted, p)))
    }

    @Test func anEngineLetsGoOfTheOrganizationsItSharedOnceItSharesThemNoMore() throws {
        let folder = try PackFolder()
        try folder.pack("geo", dsl + """
            return pack {
              name = "geo", version = "1.0.0", labels = { away = "Away" },
              rules = { rule { id = "away", label = "away", when = R.abroad() } },
            }
            """)
        let (engine, _) = try folder.resolve(["geo": "*"])
        try engine.share(organizations: OrganizationsByID(Fixture.dataset.organizations))
        weak var shared = engine.module.currentCatalog
        #expect(shared != nil)
        for p in Fixture.dataset.partnerships where !p.parties.isEmpty { _ = try engine.classify(p) }
        try engine.share(organizations: nil)
        #expect(shared == nil, "the compiled plan still holds the catalog it read organizations from")
    }
}
