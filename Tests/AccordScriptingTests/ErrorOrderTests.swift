import AccordCore
import AccordScripting
import Foundation
import LuaKit
import Testing

/// A table with several mistakes gets the same message on every run, whatever
/// order its keys have in the hash part of the table (which differs from one Lua
/// state to the next).
@Suite struct ErrorOrderTests {
    static let runs = 40

    /// The messages `source` raises, each run in a fresh Lua state.
    private func messages(_ source: String) throws -> Set<String> {
        var seen: Set<String> = []
        for _ in 0..<Self.runs { seen.insert(try Fixture.error(source)) }
        return seen
    }

    /// The messages a report script raises while it is built, each run in a fresh Lua state.
    private func reportMessages(_ build: String) throws -> Set<String> {
        let folder = try PackFolder()
        let path = try folder.write("Scripts/reports/overview.lua",
                                    "return accord.report { title = \"T\", grain = \"quarter\", build = function(r, period)\n\(build)\nend }")
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let context = PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!)
        var seen: Set<String> = []
        for _ in 0..<Self.runs {
            let host = try ReportHost(store: store, modulePaths: [], periods: context)
            do {
                let script = try host.load(path, display: "Scripts/reports/overview.lua")
                _ = try host.build(script, period: try context.parse("2019-Q4"), params: [:])
                seen.insert("no error")
            } catch {
                seen.insert("\(error)")
            }
        }
        return seen
    }

    @Test func aFilterWithSeveralMistakesNamesTheSameOneOnEveryRun() throws {
        #expect(try messages(#"accord.partnerships{ status = "signd", form = "licence", kind = "biotek", territory = "XX" }"#)
            == ["bad.lua:1: partnerships: unknown form 'licence' (did you mean 'license'?)"])
        #expect(try messages(#"accord.partnerships{ stauts = "signed", frm = "mou", peroid = "2019", kind = "biotek" }"#)
            == ["bad.lua:1: partnerships: unknown filter 'frm' (did you mean 'form'?); filters are "
                + AccordAPI.partnershipFilterKeys.joined(separator: ", ")])
        #expect(try messages(#"accord.organizations{ country = "XX", kind = "biotek", [1] = "x" }"#)
            == ["bad.lua:1: organizations: filter keys are names (kind, country, name, ids)"])
    }

    @Test func rulesAndReportTablesWithSeveralMistakesNameTheSameOneOnEveryRun() throws {
        #expect(try messages(#"accord.rules.has_product{ nme = "x", kin = "drug", aera = "y" }"#)
            == ["bad.lua:1: has_product: unknown field 'aera' (did you mean 'area'?)"])
        #expect(try messages(#"accord.rules.involves{ rol = "licensor", knd = "biotech", contry = "KR" }"#)
            == ["bad.lua:1: involves: unknown party field 'contry' (did you mean 'country'?)"])
        #expect(try reportMessages(#"r:table{ rws = {}, id = "t", colums = {}, titel = "x" }"#).count == 1)
        #expect(try reportMessages(#"r:table{ rws = {}, id = "t", colums = {}, titel = "x" }"#).first?
            .contains("table: unknown field 'colums' (did you mean 'columns'?)") == true)
    }
}
