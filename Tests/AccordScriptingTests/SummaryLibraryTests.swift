import AccordCore
import AccordScripting
import Foundation
import Testing

/// The helpers the standard reports share (`lib/summary.lua`), run on a store of their own.
@Suite struct SummaryLibraryTests {
    /// The bundled report scripts, where `require "lib.summary"` finds the library.
    static let reports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/accord/Sample/reports").path

    /// Runs `source`, whose `assert`s are the test's, on `dataset`.
    private func check(_ source: String, on dataset: Dataset) throws {
        let store = try Store.inMemory()
        try store.upsert(dataset)
        let host = try ScriptHost(store: store, modulePaths: [Self.reports],
                                  periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!))
        try host.run(source, chunkName: "check.lua")
    }

    @Test func organizationsSharingANameAreToldApartByCountryThenByID() throws {
        let news = Source(id: "news", title: "A news report")
        func organization(_ id: String, _ name: String, _ country: String) -> Organization {
            Organization(id: id, name: name, kind: .localPharma, country: country, sources: ["news"])
        }
        func deal(_ id: String, _ date: String, _ parties: [String]) -> Partnership {
            Partnership(id: id, title: id, form: .mou, status: .signed, signed: PartialDate(date),
                        parties: parties.map { Party(organization: $0, role: .signatory) }, sources: ["news"])
        }
        let dataset = Dataset(
            sources: [news],
            organizations: [organization("medi-kr", "Medi", "KR"), organization("medi-jp", "Medi", "JP"),
                            organization("medi-jp-2", "Medi", "JP"), organization("solo", "Solo", "KR"),
                            organization("medi-us", "Medi", "US")],
            partnerships: [deal("a", "2019-03", ["medi-kr", "medi-jp"]), deal("b", "2019-07", ["medi-jp-2", "solo"]),
                           // Takes part in another year only: no name of 2019's is told apart from it.
                           deal("c", "2018-05", ["medi-us", "solo"])])
        try check("""
            local S = require "lib.summary"
            local name = S.organization_namer(accord.ids{ period = "2019" })
            assert(name("medi-kr") == "Medi (" .. accord.names.country("KR") .. ")", name("medi-kr"))
            assert(name("medi-jp") == "Medi (medi-jp)", name("medi-jp"))
            assert(name("medi-jp-2") == "Medi (medi-jp-2)", name("medi-jp-2"))
            assert(name("solo") == "Solo", name("solo"))
            -- Not among the year's parties: its own name, as accord.organization gives it.
            assert(name("medi-us") == "Medi", name("medi-us"))
            assert(name("nobody") == "nobody", name("nobody"))
            """, on: dataset)
    }
}
