import Testing
@testable import AccordScripting

/// `accord.names`: codes in the words a reader sees.
@Suite struct NamesTests {
    @Test func labelsAreNamedAsThePacksNameThem() throws {
        let host = try Fixture.host()
        host.labelNames = ["rnd": "Research and development"]
        try host.run("""
            assert(accord.names.label("rnd") == "Research and development")
            assert(accord.names.label("open_innovation") == "Open innovation")
            """, chunkName: "labels.lua")
    }

    @Test func vocabularyValuesAndCountriesReadAsWords() throws {
        try Fixture.check("""
            local names = accord.names
            assert(names.form("mou") == "MOU", names.form("mou"))
            assert(names.kind("cro_cdmo") == "CRO / CDMO")
            assert(names.country("KR") == "South Korea" and names.country("EUROPE") ~= "EUROPE")
            for _, p in ipairs(accord.partnerships()) do assert(type(names.form(p.form)) == "string") end
            """)
    }

    @Test func aCodeOutsideItsVocabularyIsAnErrorWithASuggestion() throws {
        #expect(try Fixture.error(#"accord.names.form("licence")"#)
            .contains("names.form: 'licence' is not a form (did you mean 'license'?)"))
        #expect(try Fixture.error(#"accord.names.country("XX")"#).contains("names.country: 'XX' is not"))
    }

    @Test func pairsListsTheModuleWholeBeforeTheDSLsAreLoaded() throws {
        let host = try Fixture.host()
        try host.run("""
            local seen = {}
            for k in pairs(accord) do seen[k] = true end
            assert(seen.rules and seen.report and seen.names and seen.partnerships)
            """, chunkName: "pairs.lua")
        #expect(host.runtime.module.loadedDSLs == (true, true))
    }
}
