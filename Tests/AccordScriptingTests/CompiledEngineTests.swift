import AccordCore
import AccordScripting
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
            // Functions that count their calls make any extra or missing call show.
            let a = Self.outcome(compiled, p), b = Self.outcome(interpreted, p)
            #expect(Self.same(a, b), "partnership \(p.id)")
            if !Self.same(a, b) { return }
            fired += (try? a.get().fired.count) ?? 0
        }
        #expect(fired > 0, "the random rules never fired: the test would prove little")
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
        #expect(try unread(#"all{ form_is "mou", mentions "export", involves{ role = "licensor" } }"#) == [.sources, .people, .related])
        #expect(try unread(#"any{ form_is "mou", R.has_person() }"#) == [.sources, .related])
        #expect(try unread("none{ R.related_to() }") == [.sources, .people])
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
}
