import AccordCore
import Foundation
import Testing

@Suite struct QueryTests {
    @Test func periodFilterKeepsPrecision() throws {
        try Fixture.check("""
            local function ids(c) return table.concat(c:ids(), ",") end
            assert(ids(accord.partnerships{period = "2019"}) == "year-only,export-q4", ids(accord.partnerships{period = "2019"}))
            assert(ids(accord.partnerships{period = "2019-Q4"}) == "export-q4")
            assert(ids(accord.partnerships{period = "2019-Q4", dated = "coarser"}) == "year-only")
            assert(ids(accord.partnerships{period = "2019-11"}) == "export-q4")
            assert(ids(accord.partnerships{period = accord.period("2020-W24")}) == "")
            assert(ids(accord.partnerships{period = "2020-Q2"}) == "academy-2020")
            assert(ids(accord.partnerships{period = "last-year"}) == "year-only,export-q4")
            """)
    }

    @Test func otherFilters() throws {
        try Fixture.check("""
            assert(#accord.partnerships() == 3)
            assert(#accord.partnerships{party = "KHIDI"} == 2)
            assert(#accord.partnerships{party = "roche"} == 1)
            assert(#accord.partnerships{country = "KR"} == 3)
            assert(#accord.partnerships{kind = "distributor"} == 1)
            assert(#accord.partnerships{form = "program"} == 1)
            assert(#accord.partnerships{status = "signed"} == 2)
            assert(#accord.partnerships{territory = "ASEAN"} == 1)
            assert(#accord.partnerships{tag = "training"} == 1)
            assert(#accord.partnerships{ids = {"export-q4", "nope"}} == 1)
            assert(#accord.partnerships{limit = 2} == 2)
            assert(#accord.organizations{kind = "global_pharma"} == 2)
            assert(#accord.organizations{country = "CH"} == 1)
            assert(accord.organization("Hanmi").id == "hanmi")
            assert(#accord.organization("khidi"):partnerships() == 2)
            assert(#accord.organization("khidi"):partnerships{form = "program"} == 1)
            """)
    }

    @Test func labelFilter() throws {
        let host = try Fixture.host { store in
            let run = ClassificationRun(id: "r1", started: .now, finished: .now, packs: "standard 1.0.0",
                                        partnerships: 2, labels: 2)
            let export = AssignedLabel(label: "export", isPrimary: true, origin: .rule, rule: "standard.export",
                                       runID: run.id)
            try store.saveClassification(run, labels: ["export-q4": [export], "academy-2020": [export]])
        }
        try host.run("""
            local function ids(c) return table.concat(c:ids(), ",") end
            assert(ids(accord.partnerships{label = "export"}) == "export-q4", "labels set by hand win")
            assert(ids(accord.partnerships{label = "training"}) == "academy-2020")
            assert(ids(accord.partnerships{label = "training", form = "investment"}) == "")
            """, chunkName: "check.lua")
    }

    @Test(arguments: [
        ("accord.partnerships{from = 'x'}", "unknown filter 'from'"),
        ("accord.partnerships{form = 'licence'}", "unknown form 'licence' (did you mean 'license'?)"),
        ("accord.partnerships{period = '2019-Q5'}", "invalid period '2019-Q5': quarter must be 1 to 4"),
        ("accord.partnerships{country = 'KO'}", "'KO' is not an ISO 3166-1 alpha-2 country code"),
        ("accord.partnerships{label = 'R&D'}", "'R&D' is not a label (lower-case letters, digits, '_' and '-', starting with a letter)"),
        ("accord.partnerships{labels = 'rnd'}", "unknown filter 'labels' (did you mean 'label'?)"),
        ("accord.partnerships('2019')", "bad argument #1 to 'partnerships' (table expected, got string)"),
        ("accord.period('2019-W54')", "invalid period '2019-W54'"),
    ])
    func badFiltersAreErrors(source: String, expected: String) throws {
        let message = try Fixture.error(source)
        #expect(message.hasPrefix("bad.lua:1: "), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    @Test func periods() throws {
        try Fixture.check("""
            local q = accord.period("2019-Q4")
            assert(q.label == "2019-Q4" and q.grain == "quarter" and q.year == 2019 and q.index == 4)
            assert(q.start == "2019-10-01" and q.finish == "2019-12-31")
            assert(q:previous().label == "2019-Q3" and q:next().label == "2020-Q1")
            assert(q:year_before().label == "2018-Q4")
            assert(q:contains("2019-11-05") and q:contains("2019-12"))
            assert(not q:contains("2019") and q:membership("2019") == "coarser")
            assert(q:membership("2020-01-01") == "outside")
            assert(q:contains(accord.partnership("export-q4")))
            assert(not q:contains(accord.partnership("year-only")))
            assert(accord.period("2019"):contains("2019"))
            local w = accord.period("2019-W27")
            assert(w.start == "2019-07-01" and w.finish == "2019-07-07")
            assert(w:membership("2019-07") == "coarser")
            assert(accord.period("2019-W01").start == "2018-12-31")
            assert(accord.period("last-quarter").label == "2020-Q2")
            assert(accord.period("this-month").label == "2020-08")
            assert(tostring(q) == "2019-Q4")
            """)
    }

    @Test func collectionsCountFilterMapAndGroup() throws {
        try Fixture.check("""
            local all = accord.partnerships()
            assert(all:count() == 3 and all:count(function(p) return p.form == "program" end) == 1)
            assert(#all:filter(function(p) return p:involves("khidi") end) == 2)
            local titles = all:map(function(p) return p.title end)
            assert(#titles == 3 and type(titles[1]) == "string")
            local by_form = all:group_by("form")
            assert(#by_form.investment == 1 and #by_form.export_contract == 1)
            local by_country = all:group_by(function(p)
              local c = {}
              for _, party in ipairs(p.parties) do c[#c + 1] = party.country end
              return c
            end)
            assert(#by_country.KR == 3)
            local keys = {}
            for k, group in accord.sorted_pairs(by_form) do keys[#keys + 1] = k .. "=" .. #group end
            assert(table.concat(keys, " ") == "export_contract=1 investment=1 program=1")
            """)
    }

    @Test func sortingByKeysOfOneTypeOrdersAsSortingByMixedKeysDoes() throws {
        // Keys all strings or all numbers take a shorter comparison: the order must be the one
        // `before` gives, ties in the collection's order, whichever way round.
        try Fixture.check("""
            local all = accord.partnerships()
            local function before(a, b) -- ordering.lua's
              if type(a) ~= type(b) then return type(a) < type(b) end
              return a < b
            end
            local function reference(keys, descending)
              local order = {}
              for i = 1, #keys do order[i] = i end
              table.sort(order, function(a, b)
                local ka, kb = keys[a], keys[b]
                if ka == nil or kb == nil then
                  if ka == nil and kb == nil then return a < b end
                  return kb == nil
                end
                if ka ~= kb then
                  if descending then return before(kb, ka) end
                  return before(ka, kb)
                end
                return a < b
              end)
              return order
            end
            for _, keys in ipairs({ { 2, 1, 2 }, { "b", "a", "b" }, { 1, "a", 1 }, { 1, nil, 0.5 }, { "x", "x", "x" } }) do
              for _, descending in ipairs({ false, true }) do
                local position = {}
                for i, p in ipairs(all) do position[p] = i end
                local sorted = all:sort_by(function(p) return keys[position[p]] end, descending)
                local want = reference(keys, descending)
                for i = 1, #all do assert(position[sorted[i]] == want[i], "sort_by differs at " .. i) end
              end
            end
            """)
    }

    @Test func collectionsSumSortAndRank() throws {
        try Fixture.check("""
            local all = accord.partnerships()
            assert(all:sum(function(p) return p.duration_months end) == 60)
            assert(all:sum("duration_months") == 60)
            local sorted = all:sort_by("date")
            assert(sorted[1].id == "year-only" and sorted[3].id == "academy-2020")
            assert(all:sort_by("date", true)[1].id == "academy-2020")
            assert(all:top(1, "duration_months")[1].id == "year-only")
            assert(#all:top(2) == 2)
            local counts = all:count_by("status")
            assert(counts[1].key == "signed" and counts[1].count == 2 and counts[2].key == "completed")
            assert(all:first().id == all[1].id)
            """)
    }

    @Test func collectionErrorsNameTheScriptLine() throws {
        #expect(try Fixture.error("local c = accord.partnerships()\nc:filter('x')")
            == "bad.lua:2: bad argument #1 to 'filter' (function expected, got string)")
        #expect(try Fixture.error("local c = accord.partnerships()\nc:sum('title')")
            .hasPrefix("bad.lua:2: sum: value is a string"))
    }

    @Test func sandboxAllowList() throws {
        #expect(try Fixture.error("io.open('/etc/passwd')").contains("attempt to index a nil value (global 'io')"))
        #expect(try Fixture.error("os.execute('ls')").contains("attempt to call a nil value (field 'execute')"))
        #expect(try Fixture.error("accord.partnerships = nil; return debug.traceback()").contains("global 'debug'"))
    }

    @Test func scriptsCannotChangeEachOthersModule() throws {
        let host = try Fixture.host()
        try host.run("accord.partnerships = nil; string.upper = nil", chunkName: "a.lua")
        try host.run("assert(#accord.partnerships() == 3); assert(string.upper('x') == 'X')", chunkName: "b.lua")
    }
}

@Suite struct CountTests {
    @Test func countsInTheDatabaseWhatPartnershipsWouldList() throws {
        let host = try Fixture.host()
        try host.run("""
            for _, filter in ipairs{ {}, { undated = true }, { undated = false }, { form = "mou" }, { period = "2019" } } do
              assert(accord.count(filter) == #accord.partnerships(filter))
            end
            assert(accord.count{ undated = true } + accord.count{ undated = false } == accord.count())
            """, chunkName: "count.lua")
    }
}
