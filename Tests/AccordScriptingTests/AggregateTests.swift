import AccordCore
import Foundation
import Testing

/// `accord.count{ by = }`, `accord.ids`, `accord.sum` and reading by column, on the fixture.
@Suite struct AggregateTests {
    @Test func countGroupsAndCountsDistinctKeysInTheDatabase() throws {
        try Fixture.check("""
            local by_form = accord.count{ by = "form" }
            assert(by_form.investment == 1 and by_form.export_contract == 1 and by_form.program == 1)
            assert(accord.count{ period = "2019", by = "purpose" }.unclassified == 2)
            assert(next(accord.count{ period = "2019", by = "label" }) == nil, "no labels, no keys")
            assert(accord.count{ by = "organization" }.khidi == 2)
            assert(accord.count{ distinct = "organization" } == 4)
            assert(accord.count{ period = "2019", distinct = "country" } == 1)
            assert(accord.count{ by = "area" }.cardiovascular == 1)
            """)
    }

    @Test func partnerCountriesLeaveTheHomeCountryOut() throws {
        let host = try Fixture.host()
        try host.run("assert(accord.count{ distinct = 'partner_country' } == 1)", chunkName: "nowhere.lua")
        host.homeCountry = "KR"
        try host.run("""
            assert(accord.count{ distinct = "partner_country" } == 0)
            assert(#accord.ids{ abroad = true } == 0 and #accord.ids{ abroad = false } == 3)
            """, chunkName: "korea.lua")
        host.homeCountry = "CH"
        try host.run("""
            assert(accord.count{ distinct = "partner_country" } == 1)
            assert(table.concat(accord.ids{ abroad = true }:ids(), ",") == "year-only,export-q4,academy-2020")
            """, chunkName: "switzerland.lua")
    }

    @Test func idsCountWithoutListingAndListInFilingOrder() throws {
        try Fixture.check("""
            local ids = accord.ids{ period = "2019" }
            assert(#ids == 2)
            assert(tostring(ids) == "collection of 2 partnership ids")
            assert(rawget(ids, 1) == nil, "not listed before it is read")
            assert(ids[1] == "year-only" and ids[2] == "export-q4" and ids[3] == nil)
            local seen = {}
            for i, id in ipairs(ids) do seen[i] = id end
            assert(#seen == 2)
            assert(#accord.ids() == 3 and #accord.ids{ limit = 1 } == 1)
            assert(ids:filter(function(id) return id == "export-q4" end)[1] == "export-q4")
            """)
    }

    @Test func idsGroupByDimensionWithTheKeylessAndWhetherKeysAreSeveral() throws {
        try Fixture.check("""
            local groups, none, several = accord.ids():group_by("area")
            assert(#groups.cardiovascular == 1 and groups.cardiovascular[1] == "export-q4")
            assert(#none == 2 and none[1] == "year-only" and none[2] == "academy-2020")
            assert(several == true)
            local forms, keyless, multiple = accord.ids():group_by("form")
            assert(forms.program[1] == "academy-2020" and #keyless == 0 and multiple == false)
            local by_hand = accord.ids():group_by("label")
            assert(by_hand.training[1] == "academy-2020")
            -- A function groups the ids themselves, as any collection.
            local first = accord.ids():group_by(function(id) return id:sub(1, 1) end)
            assert(#first.y == 1)
            local rows = accord.ids():count_by("organization")
            assert(rows[1].key == "khidi" and rows[1].count == 2 and rows[2].key == "dksh")
            """)
    }

    @Test func whereNarrowsInTheDatabase() throws {
        try Fixture.check("""
            local ids = accord.ids{ period = "2019" }
            assert(#ids:where{ form = "investment" } == 1)
            assert(ids:where{ form = "investment" }:where{ status = "signed" }[1] == "year-only")
            local ok, message = pcall(function() return ids:where{ period = "2020" } end)
            assert(not ok and message:find("already filtered by 'period'"), message)
            -- A collection of records narrows by its ids.
            assert(#accord.partnerships{ period = "2019" }:where{ country = "KR", form = "export_contract" } == 1)
            """)
    }

    @Test func readGivesOnlyTheColumnsAskedFor() throws {
        try Fixture.check("""
            local rows = accord.ids():read{ "title", "date", "parties", "financials" }
            assert(#rows == 3 and rows[1].id == "year-only" and rows[1].date == "2019" and rows[2].date == "2019-11-05")
            assert(rows[1].title == "Precision medicine investment")
            assert(rows[1].parties[2].id == "roche-korea" and rows[1].parties[2].name == "Roche Korea")
            assert(rows[1].parties[2].country == "KR" and rows[1].parties[2].role == "investor")
            assert(rows[1].financials[1].amount == 170000000000 and rows[1].financials[1].currency == "KRW")
            assert(rows[1].summary == nil and rows[1].products == nil, "columns not asked for are not read")
            assert(#rows[3].financials == 0, "lists asked for are there, empty")
            local labelled = accord.partnerships{ form = "program" }:read{ "labels", "products" }
            assert(labelled[1].labels[1] == "training" and #labelled[1].products == 0)
            assert(accord.ids{ form = "program" }:partnerships()[1].title == "Regulator training academy")
            """)
    }

    @Test func sumAddsAmountsByTypeAndCurrency() throws {
        try Fixture.check("""
            local sums = accord.sum()
            assert(#sums == 1 and sums[1].type == "investment" and sums[1].currency == "KRW")
            assert(sums[1].amount == 170000000000 and sums[1].terms == 1 and sums[1].partnerships[1] == "year-only")
            assert(#accord.sum{ type = "grant" } == 0 and #accord.sum{ type = { "grant", "investment" } } == 1)
            """)
    }

    @Test func distinctCountsKeysOfAnyCollection() throws {
        try Fixture.check("""
            assert(accord.ids():distinct("organization") == 4)
            assert(accord.partnerships():distinct("form") == 3)
            assert(accord.partnerships():distinct(function(p) return p.labels end) == 1)
            """)
    }

    @Test func keysListTheDifferentKeysOfAnyCollectionSorted() throws {
        try Fixture.check("""
            assert(table.concat(accord.ids():keys("organization"), " ") == "dksh hanmi khidi roche-korea")
            assert(table.concat(accord.partnerships():keys("form"), " ") == "export_contract investment program")
            local tags = accord.partnerships():keys(function(p) return p.tags end)
            assert(table.concat(tags, " ") == "precision-medicine training")
            assert(#accord.ids{ period = "2018" }:keys("form") == 0)
            """)
    }

    @Test(arguments: [
        ("accord.count{ by = 'colour' }", "count: 'by' must be one of label, purpose, form, status"),
        ("accord.ids():keys('colour')", "keys: 'colour' is not a dimension"),
        ("accord.count{ by = 'form', distinct = 'area' }", "count: give 'by' or 'distinct', not both"),
        ("accord.count{ distinct = 'countries' }", "did you mean 'country'?"),
        ("accord.ids():group_by('colour')", "group_by: 'colour' is not a dimension"),
        ("accord.ids{ perod = '2019' }", "ids: unknown filter 'perod' (did you mean 'period'?)"),
        ("accord.ids():read{ 'titel' }", "read: unknown column 'titel' (did you mean 'title'?)"),
        ("accord.ids():read('title')", "bad argument #2 to 'read'"),
        ("accord.sum{ type = 'grants' }", "sum: unknown financial type 'grants' (did you mean 'grant'?)"),
        ("accord.ids{ abroad = 'yes' }", "'abroad' must be true or false"),
    ])
    func mistakesAreNamedAtTheScriptsLine(_ code: String, _ message: String) throws {
        let host = try Fixture.host()
        do {
            try host.run("local x = 1\n" + code, chunkName: "mistake.lua")
            Issue.record("\(code) ran")
        } catch {
            let text = String(describing: error)
            #expect(text.contains(message), "\(text)")
            #expect(text.contains("mistake.lua:2:"), "\(text)")
        }
    }
}
