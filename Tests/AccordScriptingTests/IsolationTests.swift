import Testing

/// Regressions from a review of the bridge: coroutines, shared tables, finalizers.
@Suite struct IsolationTests {
    @Test func moduleFunctionsWorkInsideCoroutines() throws {
        try Fixture.check("""
            local got = coroutine.wrap(function()
              local last
              for i = 1, 500 do last = accord.partnerships{form = "program"} end
              return last, accord.period("2019-Q4"), accord.partnership("export-q4"), accord.organization("hanmi")
            end)
            local ps, q, p, o = got()
            assert(tostring(ps) == "collection of 1 partnerships", tostring(ps))
            assert(q.label == "2019-Q4" and p.id == "export-q4" and o.id == "hanmi")
            """)
    }

    @Test func sharedMetatablesAreHidden() throws {
        try Fixture.check("""
            local p = accord.partnership("export-q4")
            assert(getmetatable(p) == "accord.partnership")
            assert(getmetatable(accord.partnerships()) == "accord.collection")
            assert(not pcall(setmetatable, p, {}))
            """)
    }

    @Test func aScriptChangingARecordChangesOnlyItsOwn() throws {
        let host = try Fixture.host()
        try host.run("""
            local o = accord.organization("hanmi")
            rawset(o, "name", "Renamed")
            accord.partnership("export-q4").parties[2].organization.name = "Renamed too"
            """, chunkName: "a.lua")
        try host.run("""
            assert(accord.organization("hanmi").name == "Hanmi Pharmaceutical")
            assert(accord.partnership("export-q4").parties[2].organization.name == "Hanmi Pharmaceutical")
            """, chunkName: "b.lua")
    }

    @Test func withinOneResultAnOrganizationIsOneTable() throws {
        try Fixture.check("""
            local ps = accord.partnerships{party = "khidi"}
            assert(ps[1]:party("khidi").organization == ps[2]:party("khidi").organization)
            """)
    }
}
