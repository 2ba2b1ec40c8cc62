import AccordCore
import AccordScripting
import Testing

/// Every validation error a pack or a set of packs can have, each with its position.
@Suite struct PackValidationTests {
    private func problems(_ body: String, name: String = "p") throws -> [String] {
        let folder = try PackFolder()
        try folder.pack(name, dsl + body)
        return try folder.loadProblems()
    }

    @Test func unknownFieldsAreNamedWithASuggestion() throws {
        let found = try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rulez = {}, rules = {
              rule { id = "a", label = "x", whne = form_is "mou", when = form_is "mou" },
            } }
            """)
        #expect(found == [
            "packs/p/init.lua:4: pack: unknown field 'rulez' (did you mean 'rules'?)",
            "packs/p/init.lua:5: rule a: unknown field 'whne' (did you mean 'when'?)",
        ])
    }

    @Test func duplicateIdsAndLabelsOutsideTheVocabulary() throws {
        let found = try problems("""
            return pack { name = "p", version = "1.0.0", labels = { export = "Export" }, rules = {
              rule { id = "a", label = "export", when = form_is "mou" },
              rule { id = "a", label = "exports", when = form_is "mou" },
            } }
            """)
        #expect(found == [
            "packs/p/init.lua:6: rule a: duplicate id (first declared at packs/p/init.lua:5)",
            "packs/p/init.lua:6: rule a: label 'exports' is not in the pack's labels (did you mean 'export'?)",
        ])
    }

    @Test func missingAndMistypedFields() throws {
        let found = try problems("""
            return pack { version = "one", hit_policy = "firts", labels = { x = "X" }, rules = {
              rule { label = "x", when = form_is "mou" },
              rule { id = "b", label = "x", status = "stabel", priority = 1.5 },
            } }
            """)
        #expect(found.contains("packs/p/init.lua:4: pack: 'name' is missing"))
        #expect(found.contains("packs/p/init.lua:4: pack: hit_policy 'firts' is not collect, first or unique (did you mean 'first'?)"))
        #expect(found.contains("packs/p/init.lua:5: rule #1: 'id' is missing"))
        #expect(found.contains("packs/p/init.lua:6: rule b: 'priority' must be an integer, not 1.5"))
        #expect(found.contains("packs/p/init.lua:6: rule b: status 'stabel' is not experimental, stable, draft or deprecated (did you mean 'stable'?)"))
        #expect(found.contains("packs/p/init.lua:6: rule b: 'when' is missing (a condition such as all{…}, or a function of the partnership)"))
        #expect(found.contains { $0.hasPrefix("packs/p/init.lua:4: pack: version 'one' is not a") })
    }

    @Test func predicateArgumentsAreCheckedAtTheirLine() throws {
        #expect(try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "a", label = "x", when = form_is "licence" },
            } }
            """) == ["packs/p/init.lua:5: form_is: 'licence' is not a form (did you mean 'license'?)"])
        #expect(try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "a", label = "x", when = all{ involves{ kind = "regulator", rol = "host" } } },
            } }
            """) == ["packs/p/init.lua:5: involves: unknown party field 'rol' (did you mean 'role'?)"])
        #expect(try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "a", label = "x", when = any{ territory_in "ASEN" } },
            } }
            """) == ["packs/p/init.lua:5: territory_in: 'ASEN' is not a country code or territory group"])
        #expect(try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rules = {
              rule { id = "a", label = "x", when = all{ "mou" } },
            } }
            """) == ["packs/p/init.lua:5: all: item 1 is a string; expected a condition (mentions, form_is, …) or a function"])
    }

    @Test func productAndFinancialSpecsAreChecked() throws {
        #expect(try problems(#"local c = R.has_product{ knd = "drug" } return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: has_product: unknown field 'knd' (did you mean 'kind'?)"])
        #expect(try problems(#"local c = R.has_financial{ type = "investment", min = "1e9" } return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: has_financial: 'min' must be a number"])
        #expect(try problems(#"local c = R.has_financial{ type = "investment", min = 1e9 } return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: has_financial: 'min' needs a 'currency' (amounts in different currencies do not compare)"])
        #expect(try problems(#"local c = R.has_product("vacine") return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: has_product: 'vacine' is not a product kind (did you mean 'vaccine'?)"])
    }

    @Test func thePackNameMustBeItsFolderName() throws {
        #expect(try problems("""
            return pack { name = "other", version = "1.0.0" }
            """) == ["packs/p/init.lua:4: pack: name 'other' differs from its folder 'p': rename one (packs are found, and required, by folder name)"])
    }

    @Test func aPackFileMustReturnAPack() throws {
        #expect(try problems("local x = 1") == ["packs/p/init.lua: the pack file must return a pack table (return accord.rules.pack{ … }), not a nil"])
    }

    @Test func versionConstraintsChooseTheHighestFittingVersion() throws {
        let folder = try PackFolder()
        try folder.write("packs/base/init.lua", dsl + #"return pack { name = "base", version = "1.4.0" }"#)
        try folder.write("more/base/init.lua", dsl + #"return pack { name = "base", version = "2.1.0" }"#)
        try folder.pack("team", dsl + #"return pack { name = "team", version = "0.1.0", requires = { base = "^1.2" } }"#)
        let store = try Store.inMemory()
        let engine = try RuleEngine(store: store, searchPath: [folder.root.appendingPathComponent("packs").path,
                                                               folder.root.appendingPathComponent("more").path],
                                    displayRoot: folder.root.path, periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 1, day: 1)!))
        let installed = engine.discover().packs
        let resolver = PackResolver(installed: installed, searched: ["packs", "more"])
        func resolve(_ reqs: [(String, String)]) throws -> [String] {
            try resolver.resolve(reqs.map { PackRequirement(name: $0.0, range: try VersionRange($0.1)) }, requiredBy: "accord.yaml")
                .packs.map(\.title)
        }
        #expect(try resolve([("base", "*")]) == ["base 2.1.0"])
        #expect(try resolve([("team", "*")]) == ["base 1.4.0", "team 0.1.0"])
        let conflict = try #require(throws: RuleProblems.self) { try resolve([("team", "*"), ("base", ">=2")]) }
        #expect(conflict.description.hasPrefix("no installed version of pack 'base' satisfies"))
        #expect(conflict.description.contains(">=2 (required by accord.yaml)"))
        #expect(conflict.description.contains("^1.2 (required by team 0.1.0)"))
        let missing = try #require(throws: RuleProblems.self) { try resolve([("bsae", "^1")]) }
        #expect(missing.description == "pack 'bsae' is not installed (^1 (required by accord.yaml)); searched packs, more (did you mean 'base'?)")
    }

    @Test func cyclesAndOverlaysWithoutRequiresAreReported() throws {
        let folder = try PackFolder()
        try folder.pack("a", dsl + #"return pack { name = "a", version = "1.0.0", requires = { b = "*" } }"#)
        try folder.pack("b", dsl + #"return pack { name = "b", version = "1.0.0", requires = { a = "*" } }"#)
        let cycle = try #require(throws: RuleProblems.self) { try folder.resolve(["a": "*"]) }
        #expect(cycle.description == "packs/a/init.lua:4: packs require each other in a cycle: a → b → a")

        let other = try PackFolder()
        try other.pack("base", RuleEngineTests.basic.replacingOccurrences(of: "name = \"basic\"", with: "name = \"base\""))
        try other.pack("team", dsl + """
            return pack { name = "team", version = "1.0.0", overlays = {
              { rule = "base.export", disable = true },
            } }
            """)
        try other.pack("fixer", dsl + """
            return pack { name = "fixer", version = "1.0.0", requires = { base = "*" }, overlays = {
              { rule = "base.exprot", disable = true },
            } }
            """)
        let unrequired = try #require(throws: RuleProblems.self) { try other.resolve(["team": "*", "base": "*"]) }
        #expect(unrequired.description == "packs/team/init.lua:4: overlay on 'base.export': pack team must list 'base' in its requires")
        let unknown = try #require(throws: RuleProblems.self) { try other.resolve(["fixer": "*"]) }
        #expect(unknown.description == "packs/fixer/init.lua:4: overlay on 'base.exprot': base 1.2.0 has no such rule (did you mean 'base.export'?)")
    }

    @Test func resolutionBacktracksAndPrefersTheCopyFoundFirst() throws {
        let folder = try PackFolder()
        try folder.write("packs/a/init.lua", dsl + #"return pack { name = "a", version = "1.1.0", requires = { c = "^2" } }"#)
        try folder.write("old/a/init.lua", dsl + #"return pack { name = "a", version = "1.0.0", requires = { c = "^1" } }"#)
        try folder.write("packs/c/init.lua", dsl + #"return pack { name = "c", version = "1.0.0", description = "first" }"#)
        try folder.write("old/c/init.lua", dsl + #"return pack { name = "c", version = "1.0.0", description = "second" }"#)
        let engine = try RuleEngine(store: try Store.inMemory(),
                                    searchPath: ["packs", "old"].map { folder.root.appendingPathComponent($0).path },
                                    displayRoot: folder.root.path, periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 1, day: 1)!))
        let set = try PackResolver(installed: engine.discover().packs, searched: []).resolve(
            [PackRequirement(name: "a", range: try VersionRange("^1"))], requiredBy: "accord.yaml")
        #expect(set.packs.map(\.title) == ["a 1.0.0", "c 1.0.0"])
        #expect(set.pack(named: "c")?.description == "first")
    }

    @Test func rulesOutsideTheListAreReported() throws {
        #expect(try problems("""
            return pack { name = "p", version = "1.0.0", labels = { x = "X" }, rules = {
              export = rule { id = "a", label = "x", when = form_is "mou" },
            } }
            """) == ["packs/p/init.lua:4: pack: 'rules' has an entry at key export; write it as a list: rules = { …, … }"])
    }

    @Test func conditionsHaveLimits() throws {
        #expect(try problems("""
            local c = form_is "mou"
            for i = 1, 40 do c = all{ c } end
            return pack { name = "p", version = "1.0.0" }
            """) == ["packs/p/init.lua:5: all: conditions nest more than 32 deep"])
        #expect(try problems(#"local c = mentions "" return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: mentions: an empty word would match everything"])
        #expect(try problems(#"local c = involves{ country = "kr" } return pack { name = "p", version = "1.0.0" }"#)
                == ["packs/p/init.lua:4: involves: country 'kr' is not an ISO 3166 code such as KR"])
    }
}
