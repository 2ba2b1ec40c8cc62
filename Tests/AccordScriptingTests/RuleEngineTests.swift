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
}
