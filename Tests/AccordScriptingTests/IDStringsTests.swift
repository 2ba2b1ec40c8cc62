import AccordCore
import Testing
@testable import AccordScripting

/// While a report builds, a frame's ids are made into Lua strings once, and its collection and
/// groups are tables of those strings: each a table of its own. (`AggregateEqualityTests` checks
/// the ids a kept frame gives against those counted from records.)
@Suite struct IDStringsTests {
    @Test func changingOneGroupOfAKeptFrameChangesNoOtherNorTheNextAnswer() throws {
        let host = try Fixture.host()
        host.runtime.module.beginMemo()
        defer { host.runtime.module.endMemo() }
        try host.run("""
            local groups = accord.ids():group_by("organization")
            assert(groups.khidi[1] == "year-only" and groups.khidi[2] == "academy-2020")
            groups.khidi[1] = "changed"
            groups.khidi[3] = "added"
            assert(groups["roche-korea"][1] == "year-only")
            local again = accord.ids():group_by("organization")
            assert(again.khidi[1] == "year-only" and again.khidi[3] == nil)
            local all = accord.ids()
            assert(all[1] == "year-only" and #all == 3)
            rawset(all, 1, "changed")
            assert(accord.ids()[1] == "year-only")
            assert(accord.ids():group_by("form").investment[1] == "year-only")
            """, chunkName: "changed.lua")
    }

    @Test func aBuildAfterAnotherListsItsOwnFrames() throws {
        let host = try Fixture.host()
        let module = host.runtime.module
        module.beginMemo()
        try host.run("assert(accord.ids{ period = '2019' }:group_by('form').investment[1] == 'year-only')", chunkName: "first.lua")
        module.endMemo()
        module.beginMemo()
        defer { module.endMemo() }
        try host.run("""
            local forms = accord.ids{ period = '2020' }:group_by('form')
            assert(forms.program[1] == 'academy-2020' and forms.investment == nil)
            """, chunkName: "second.lua")
    }
}
