import AccordCore
import AccordScripting
import LuaKit
import Testing

/// Rules, packs, hit policies, ordering, overlays and explanations.
@Suite struct RuleEngineTests {
    static let basic = dsl + """
        return pack {
          name = "basic", version = "1.2.0", description = "Test pack",
          labels = { export = "Export", investment = "Investment", training = "Training", asia = "In Asia" },
          rules = {
            rule { id = "export", label = "export", priority = 10,
                   when = all{ form_is("export_contract", "distribution"), territory_in "ASEAN" } },
            rule { id = "investment", label = "investment", priority = 20,
                   when = any{ form_is "investment", R.has_financial{ type = "investment", currency = "KRW", min = 1e9 } } },
            rule { id = "training", label = "training",
                   when = function(p)
                     local n = p.figures.participants
                     if n and n >= 10 then return true, n .. " participants" end
                     return false, "participants: " .. tostring(n)
                   end },
            rule { id = "asia", label = "asia", priority = 10,
                   when = all{ territory_in("KR", "ASEAN"), none{ involves{ kind = "distributor" } } } },
          },
        }
        """

    @Test func rulesFireWithEvidence() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic)
        let (engine, _) = try folder.resolve(["basic": "^1.0"])

        let export = try engine.classify(Fixture.partnership("export-q4"))
        #expect(export.fired.map(\.rule) == ["basic.export"])
        #expect(export.fired.first?.evidence == "form is export_contract; territory ASEAN")

        let investment = try engine.classify(Fixture.partnership("year-only"))
        #expect(investment.labels == ["investment", "asia"])
        #expect(investment.primary == "investment")
        #expect(investment.fired.first?.evidence == "form is investment")

        let academy = try engine.classify(Fixture.partnership("academy-2020"))
        #expect(academy.labels == ["training"])
        #expect(academy.fired.first?.evidence == "12 participants")
    }

    @Test func orderIsPriorityThenIdNotLoadOrder() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic)
        let (_, set) = try folder.resolve(["basic": "*"])
        #expect(set.rules.map(\.id) == ["basic.investment", "basic.asia", "basic.export", "basic.training"])
    }

    @Test func firstHitPolicyKeepsOnlyTheFirstRuleThatFires() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic.replacingOccurrences(of: "description = \"Test pack\",",
                                                                 with: "hit_policy = \"first\","))
        let (engine, _) = try folder.resolve(["basic": "*"])
        let c = try engine.classify(Fixture.partnership("year-only"))
        #expect(c.labels == ["investment"])
        let explanation = try engine.explain(Fixture.partnership("year-only"))
        #expect(explanation.rules.first { $0.rule.id == "basic.asia" }?.shadowedBy == "basic.investment")
    }

    @Test func uniqueHitPolicyReportsRulesFiringTogether() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic.replacingOccurrences(of: "description = \"Test pack\",",
                                                                 with: "hit_policy = \"unique\","))
        let (engine, _) = try folder.resolve(["basic": "*"])
        let c = try engine.classify(Fixture.partnership("year-only"))
        #expect(c.conflicts == ["pack basic has hit policy unique, but basic.investment and basic.asia fired together"])
        #expect(try engine.classify(Fixture.partnership("export-q4")).conflicts.isEmpty)
    }

    @Test func explainShowsNearMissesWithWhatTheConditionSaw() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic)
        let (engine, _) = try folder.resolve(["basic": "*"])
        let e = try engine.explain(Fixture.partnership("export-q4"))
        #expect(e.fired.map(\.rule.id) == ["basic.export"])
        let asia = try #require(e.nearMisses.first)
        #expect(asia.rule.id == "basic.asia")
        #expect(asia.condition.children.map(\.holds) == [true, false])
        let none = asia.condition.children[1]
        #expect(none.seen == "party dksh (distributor, distributor, KR)")
        #expect(none.children.first?.text == "involves {kind = \"distributor\"}")
        #expect(none.children.first?.position?.hasSuffix("init.lua:19") == true)
        // A rule no part of which held is not a near miss.
        #expect(!e.nearMisses.contains { $0.rule.id == "basic.investment" })
        #expect(e.rules.first { $0.rule.id == "basic.investment" }?.condition.children.map(\.seen)
                == ["form is export_contract", "no financial terms"])
    }

    @Test(arguments: [RuleEvaluation.compiled, .interpreted])
    func aNoneGuardThatHeldSaysWhichWordsItLookedFor(_ evaluation: RuleEvaluation) throws {
        let folder = try PackFolder()
        try folder.pack("guarded", dsl + """
            return pack { name = "guarded", version = "0.1.0", labels = { export = "Export" }, rules = {
              rule { id = "not-an-event", label = "export",
                     when = all{ form_is "export_contract", none{ mentions("conference", "trade mission") } } },
            } }
            """)
        let (engine, _) = try folder.resolve(["guarded": "*"])
        engine.evaluation = evaluation
        let c = try engine.classify(Fixture.partnership("export-q4"))
        #expect(c.fired.map(\.evidence)
                == ["form is export_contract; no mention of \"conference\", \"trade mission\" in title, summary, tags, products"])
    }

    @Test(arguments: [RuleEvaluation.compiled, .interpreted])
    func partyAbroadFindsAPartyBasedOutsideTheOthersHomeCountries(_ evaluation: RuleEvaluation) throws {
        let folder = try PackFolder()
        try folder.pack("abroad", dsl + """
            return pack { name = "abroad", version = "0.1.0", labels = { export = "Export" }, rules = {
              rule { id = "technology-export", label = "export", when = R.party_abroad("licensee", "investor") },
            } }
            """)
        let (engine, _) = try folder.resolve(["abroad": "*"])
        engine.evaluation = evaluation
        func licence(_ parties: [Party]) -> Partnership {
            Partnership(id: "licence", title: "A licence", form: .license, parties: parties, sources: ["news"])
        }
        let abroad = try engine.classify(licence([Party(organization: "hanmi", role: .licensor),
                                                  Party(organization: "roche", role: .licensee)]))
        #expect(abroad.fired.map(\.evidence) == ["licensee roche (CH) is based beyond the other parties' home countries (KR)"])

        // Every party at home: the licensee and the investor are Korean too.
        let home = try engine.explain(Fixture.partnership("year-only"))
        #expect(home.fired.isEmpty)
        #expect(home.rules.first?.condition.seen == "no licensee or investor based beyond the other parties' home countries (KR)")

        // The licensee's country alone is not enough: the others' must be known.
        let unknown = try engine.explain(licence([Party(unnamed: UnnamedParty(description: "a university", kind: .university),
                                                        role: .licensor),
                                                  Party(organization: "roche", role: .licensee)]))
        #expect(unknown.fired.isEmpty)
        #expect(unknown.rules.first?.condition.seen == "home country of a university unknown")

        // No other party to be abroad from.
        let alone = try engine.explain(licence([Party(organization: "roche", role: .licensee)]))
        #expect(alone.rules.first?.condition.seen == "no other party to be abroad from")
    }

    @Test func mentionsMatchesTheStartOfWordsInAnyCase() throws {
        let folder = try PackFolder()
        try folder.pack("words", dsl + """
            return pack { name = "words", version = "0.1.0", labels = { a = "A", b = "B", c = "C" }, rules = {
              rule { id = "stem", label = "a", when = mentions "SOUTHEAST" },
              rule { id = "inner", label = "b", when = mentions "east" },
              rule { id = "products", label = "c", when = mentions{ "hypertension", fields = { "products" } } },
              rule { id = "quoted", label = "a", when = mentions "(Hypertension)" },
            } }
            """)
        let (engine, _) = try folder.resolve(["words": "*"])
        let c = try engine.classify(Fixture.partnership("export-q4"))
        #expect(c.fired.map(\.rule) == ["words.products", "words.quoted", "words.stem"])
        #expect(c.fired.map(\.evidence) == ["products mentions \"hypertension\"", "products mentions \"(Hypertension)\"",
                                            "title mentions \"SOUTHEAST\""])
    }

    @Test func overlaysDisableAndNarrowAnotherPacksRules() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic)
        try folder.pack("team", dsl + """
            return pack {
              name = "team", version = "0.1.0", requires = { basic = "^1.2" },
              overlays = {
                { rule = "basic.training", disable = true, reason = "we do not track training" },
                { rule = "basic.export", narrow = involves "hanmi", reason = "only Hanmi's exports" },
                { rule = "basic.investment", narrow = territory_in "JP" },
              },
            }
            """)
        let (engine, set) = try folder.resolve(["team": "*"])
        #expect(set.packs.map(\.title) == ["basic 1.2.0", "team 0.1.0"])
        #expect(set.rules.map(\.id) == ["basic.investment", "basic.asia", "basic.export"])
        #expect(try engine.classify(Fixture.partnership("academy-2020")).fired == [])
        let export = try engine.classify(Fixture.partnership("export-q4"))
        #expect(export.fired.first?.evidence == "form is export_contract; territory ASEAN; party hanmi (exporter, local_pharma, KR)")
        #expect(try engine.classify(Fixture.partnership("year-only")).labels == ["asia"])
        let e = try engine.explain(Fixture.partnership("year-only"))
        let narrowed = try #require(e.nearMisses.first { $0.rule.id == "basic.investment" })
        #expect(narrowed.narrows.map(\.pack) == ["team"])
        #expect(narrowed.narrows.first?.condition.seen == "territory KR" || narrowed.narrows.first?.condition.seen == "territories: KR")
        #expect(e.notApplied.map(\.why) == ["disabled by pack team: we do not track training"])
    }

    @Test func ruleErrorsNameTheRuleAndTheScriptLine() throws {
        let folder = try PackFolder()
        try folder.pack("broken", dsl + """
            return pack { name = "broken", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "boom", label = "x", when = function(p) return p.titel end },
            } }
            """)
        let (engine, _) = try folder.resolve(["broken": "*"])
        let error = try #require(throws: LuaError.self) { try engine.classify(Fixture.partnership("export-q4")) }
        #expect(error.message.hasPrefix("packs/broken/init.lua:5: rule broken.boom: unknown field 'titel' (did you mean 'title'?)"))
    }

    @Test func limitsStopHostilePacksWhileLoadingAndWhileEvaluating() throws {
        let folder = try PackFolder()
        try folder.pack("spin", "while true do end")
        try folder.pack("sly", dsl + """
            local t = setmetatable({}, { __pairs = function() while true do end end, __index = function() while true do end end })
            return t
            """)
        try folder.pack("slow", dsl + """
            return pack { name = "slow", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "spin", label = "x", when = function(p) while true do end end },
            } }
            """)
        let engine = try folder.engine(limits: ScriptLimits(instructions: 2_000_000, timeout: 10))
        let (packs, problems, _) = engine.discover()
        // The table's metamethods never run: it is read with rawget and next.
        #expect(problems.map(\.description) == [
            "packs/sly/init.lua: pack: 'name' is missing",
            "packs/sly/init.lua: pack: 'version' is missing (a semantic version such as \"1.0.0\")",
            "packs/spin/init.lua:1: instruction limit (2000000) exceeded",
        ])
        let set = try PackResolver(installed: packs, searched: []).resolve(
            [PackRequirement(name: "slow", range: try VersionRange("*"))], requiredBy: "test")
        try engine.activate(set)
        let error = try #require(throws: LuaError.self) { try engine.classify(Fixture.partnership("export-q4")) }
        #expect(error.kind == .limit)
        #expect(error.message.contains("packs/slow/init.lua:5"), "\(error.message)")
    }

    @Test func aPackLoadsOnlyItsOwnModulesAndCannotChangeWhatOthersSee() throws {
        let folder = try PackFolder()
        try folder.write("packs/words/terms.lua", #"return { "export" }"#)
        try folder.write("packs/words/init.lua", dsl + """
            local terms = require "words.terms"
            return pack { name = "words", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "meddle", label = "x", priority = 9,
                     when = function(p) p.form = "mou"; p.territories[1] = "JP"; return false end },
              rule { id = "terms", label = "x", when = mentions(table.unpack(terms)) },
            } }
            """)
        try folder.write("packs/other/init.lua", dsl + """
            return pack { name = "other", version = "1.0.0", labels = { e = "E" }, rules = {
              rule { id = "export", label = "e", when = all{ form_is "export_contract", territory_in "ASEAN" } },
            } }
            """)
        try folder.write("packs/greedy/init.lua", dsl + #"local t = require "other" return pack { name = "greedy", version = "1.0.0" }"#)
        let engine = try folder.engine()
        let (packs, problems, _) = engine.discover()
        #expect(problems.map(\.description) == [
            "packs/greedy/init.lua:4: require: a pack loads only its own modules (greedy.…), not 'other'",
        ])
        let set = try PackResolver(installed: packs, searched: []).resolve(
            ["words", "other"].map { PackRequirement(name: $0, range: try! VersionRange("*")) }, requiredBy: "test")
        try engine.activate(set)
        let c = try engine.classify(Fixture.partnership("export-q4"))
        #expect(c.fired.map(\.rule) == ["other.export", "words.terms"])
    }

    /// An overlay belongs to its pack: its condition runs on that pack's copy of the partnership, so a
    /// narrow that rewrites the record cannot make the narrowed pack label it, nor change its evidence.
    @Test func anOverlayNarrowRunsOnItsOwnPacksCopy() throws {
        let folder = try PackFolder()
        try folder.pack("base", dsl + """
            return pack {
              name = "base", version = "1.0.0", labels = { research = "Research", export = "Export" },
              rules = {
                rule { id = "research", label = "research", priority = 10, when = form_is "investment" },
                rule { id = "export", label = "export", when = all{ form_is "export_contract", territory_in "VN" } },
              },
            }
            """)
        try folder.pack("meddler", dsl + """
            return pack {
              name = "meddler", version = "1.0.0", requires = { base = "^1.0" },
              overlays = {
                { rule = "base.research", narrow = function(p)
                    p.form = "export_contract"
                    p.territories[1] = "VN"
                    return true, "rewrote it"
                  end },
              },
            }
            """)
        let (engine, _) = try folder.resolve(["meddler": "*"])
        let c = try engine.classify(Fixture.partnership("year-only"))
        #expect(c.fired.map(\.rule) == ["base.research"])
        #expect(c.fired.map(\.evidence) == ["form is investment; rewrote it"])
        let e = try engine.explain(Fixture.partnership("year-only"))
        #expect(e.fired.map(\.rule.id) == ["base.research"])
        let export = try #require(e.rules.first { $0.rule.id == "base.export" })
        #expect(export.condition.children.map(\.seen) == ["form is investment", "territories: KR"])
    }

    /// Everything a pack can load is covered by its digest: tests/, which the digest leaves out, cannot be required.
    @Test func aPackCannotRequireModulesFromItsTestsFolder() throws {
        let folder = try PackFolder()
        try folder.write("packs/words/tests/terms.lua", #"return { "export" }"#)
        try folder.write("packs/words/Tests/other.lua", #"return { "export" }"#)
        try folder.write("packs/words/init.lua", dsl + #"local terms = require "words.tests.terms" return pack { name = "words", version = "1.0.0" }"#)
        try folder.write("packs/upper/init.lua", dsl + #"local terms = require "upper.Tests.other" return pack { name = "upper", version = "1.0.0" }"#)
        #expect(try folder.loadProblems() == [
            "packs/upper/init.lua:4: require: 'upper.Tests.other' is in the pack's tests folder, which its digest and accord.lock leave out; "
                + "move the module out of tests/ to use it in rules",
            "packs/words/init.lua:4: require: 'words.tests.terms' is in the pack's tests folder, which its digest and accord.lock leave out; "
                + "move the module out of tests/ to use it in rules",
        ])
    }

    /// Evidence is cut as a condition's text is: 240 bytes for what a function returns, 1,000 for a rule's whole evidence.
    @Test func evidenceIsCutLikeConditionText() throws {
        let folder = try PackFolder()
        try folder.pack("loud", dsl + """
            local function loud(p) return true, string.rep("é", 100000) end
            local parts = {}
            for i = 1, 20 do parts[i] = loud end
            return pack { name = "loud", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "one", label = "x", when = loud },
              rule { id = "many", label = "x", when = all(parts) },
              rule { id = "named", label = "x", when = R.condition("loud", function(p) return true, setmetatable({}, {
                __tostring = function() return string.rep("a", 5000) end }) end) },
            } }
            """)
        let (engine, _) = try folder.resolve(["loud": "*"])
        let evidence = Dictionary(uniqueKeysWithValues: try engine.classify(Fixture.partnership("export-q4")).fired.map { ($0.rule, $0.evidence) })
        #expect(evidence["loud.one"]?.utf8.count == 239, "cut before a two-byte character: \(evidence["loud.one"]?.utf8.count ?? 0)")
        #expect(evidence["loud.one"]?.hasSuffix("é...") == true)
        #expect(evidence["loud.named"] == String(repeating: "a", count: 237) + "...")
        #expect((evidence["loud.many"]?.utf8.count ?? 0) <= 1000 && evidence["loud.many"]?.hasSuffix("...") == true)
        let explained = try engine.explain(Fixture.partnership("export-q4"))
        #expect(explained.fired.allSatisfy { ($0.evidence?.utf8.count ?? 0) <= 1000 })
        #expect(explained.fired.first { $0.rule.id == "loud.one" }?.condition.seen?.utf8.count == 239)
    }

    /// What explain copies of each condition is cut too: an error message repeated over many
    /// conditions is one string in Lua but would be a copy per condition in the host.
    @Test func explainCutsWhatEachConditionSaid() throws {
        let folder = try PackFolder()
        try folder.pack("noisy", dsl + """
            local big = "noisy.lua:1: " .. string.rep("b", 100000)
            local parts = {}
            for i = 1, 50 do parts[i] = function() error(big, 0) end end
            return pack { name = "noisy", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "loud", label = "x", when = any(parts) },
            } }
            """)
        let (engine, _) = try folder.resolve(["noisy": "*"])
        let trace = try #require(try engine.explain(Fixture.partnership("export-q4")).rules.first)
        #expect(trace.condition.children.count == 50)
        #expect(trace.condition.children.allSatisfy { ($0.error?.utf8.count ?? 0) <= 1000 }, "\(trace.condition.children.first?.error?.utf8.count ?? 0)")
    }

    /// An overlay's condition is like a guard: it only ever keeps a rule from firing, so a rule
    /// is a near miss only when a part of its own condition held.
    @Test func aNarrowThatHoldsDoesNotMakeANearMiss() throws {
        let folder = try PackFolder()
        try folder.pack("basic", Self.basic)
        try folder.pack("team", dsl + """
            return pack {
              name = "team", version = "0.1.0", requires = { basic = "^1.2" },
              overlays = { { rule = "basic.investment", narrow = territory_in "ASEAN" } },
            }
            """)
        let (engine, _) = try folder.resolve(["team": "*"])
        let unrelated = try engine.explain(Fixture.partnership("export-q4"))
        let investment = try #require(unrelated.rules.first { $0.rule.id == "basic.investment" })
        #expect(investment.narrows.first?.condition.holds == true)
        #expect(!investment.isNearMiss)
        #expect(!unrelated.nearMisses.contains { $0.rule.id == "basic.investment" })
        let held = try engine.explain(Fixture.partnership("year-only"))
        #expect(held.nearMisses.contains { $0.rule.id == "basic.investment" })
    }
}
