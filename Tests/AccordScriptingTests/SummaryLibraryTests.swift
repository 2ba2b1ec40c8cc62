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

    private static let news = Source(id: "news", title: "A news report")

    private static func deal(_ id: String, _ date: String?, financials: [FinancialTerm] = []) -> Partnership {
        Partnership(id: id, title: id, form: .mou, status: .signed, signed: date.flatMap { PartialDate($0) },
                    financials: financials, sources: ["news"])
    }

    @Test func aLongListingKeepsTheMostRecentByTheirLatestDayThenTitle() throws {
        // A year or a month competes as of its end; "m" and "b" share their latest day, 2019-07-31.
        let dates = ["z": "2019-03-01", "m": "2019-07", "b": "2019-07-31", "y": "2019", "c": "2019-07-30",
                     "a": "2018-12-31", "n": nil as String?, "o": nil]
        let dataset = Dataset(sources: [Self.news], partnerships: dates.keys.sorted().map { Self.deal($0, dates[$0]!) })
        try check("""
            local S = require "lib.summary"
            local listed, said
            local r = { paragraph = function(_, text) said = text end,
                        partnerships = function(_, t) listed = t.items end }
            local function ids(limit)
              S.listing(r, "T", accord.partnerships(), limit)
              local out = {}
              for i, p in ipairs(listed) do out[i] = p.id end
              return table.concat(out, " ")
            end
            -- Listed oldest first: the most recent three are y (2019-12-31), then b and m (2019-07-31, by title).
            assert(ids(3) == "b m y", ids(3))
            assert(said:find("The 3 most recent of 8 partnerships are listed; 5 more", 1, true), said)
            assert(ids(5) == "z c b m y", ids(5))
            assert(ids(6) == "a z c b m y", ids(6))
            -- More than are dated: the undated come after the dated, in the collection's order.
            assert(ids(7) == "a z c b m y n", ids(7))
            assert(ids(8) == "a z c b m y n o", ids(8))
            """, on: dataset)
    }

    @Test func moneyCommittedTracesEachRowToItsPartnershipsInTheirOrder() throws {
        func term(_ type: FinancialTermType, _ amount: Double, _ currency: String) -> FinancialTerm {
            FinancialTerm(type: type, amount: amount, currency: currency)
        }
        let dataset = Dataset(sources: [Self.news], partnerships: [
            Self.deal("a", "2019-01", financials: [term(.investment, 5, "USD")]),
            Self.deal("b", "2019-02", financials: [term(.grant, 2, "KRW"), term(.investment, 1, "EUR")]),
            // Two terms of one kind and currency: counted once in the row's partnerships.
            Self.deal("c", "2019-03", financials: [term(.investment, 3, "USD"), term(.investment, 4, "USD")]),
            Self.deal("d", "2019-04", financials: [term(.upfront, 9, "USD")]),
        ])
        try check("""
            local S = require "lib.summary"
            local rows = S.committed(accord.partnerships())
            local got = {}
            for i, row in ipairs(rows) do
              local ids = {}
              for j, p in ipairs(row[4]) do ids[j] = p.id end
              got[i] = row[2] .. " " .. row[3].amount .. " " .. table.concat(ids, ",")
            end
            assert(table.concat(got, "; ") == "KRW 2.0 b; EUR 1.0 b; USD 12.0 a,c", table.concat(got, "; "))
            assert(rows[3][3].of == rows[3][4])
            """, on: dataset)
    }
}
