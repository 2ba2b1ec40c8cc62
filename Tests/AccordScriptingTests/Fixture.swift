import AccordCore
import AccordScripting
import LuaKit

/// A small dataset that exercises every field and date precision.
enum Fixture {
    static let dataset = Dataset(
        sources: [Source(id: "news", title: "A news report", publisher: "Daily", published: PartialDate("2019-12"))],
        organizations: [
            Organization(id: "roche", name: "Roche", kind: .globalPharma, country: "CH", sources: ["news"]),
            Organization(id: "roche-korea", name: "Roche Korea", aliases: ["Korea Roche"], kind: .globalPharma,
                         country: "KR", parent: "roche", sources: ["news"]),
            Organization(id: "khidi", name: "Korea Health Industry Development Institute", aliases: ["KHIDI"],
                         kind: .governmentAgency, country: "KR", sources: ["news"]),
            Organization(id: "hanmi", name: "Hanmi Pharmaceutical", aliases: ["Hanmi"], kind: .localPharma,
                         country: "KR", sources: ["news"]),
            Organization(id: "dksh", name: "DKSH Korea", kind: .distributor, country: "KR", sources: ["news"]),
        ],
        partnerships: [
            Partnership(id: "year-only", title: "Precision medicine investment", summary: "Five-year research investment.",
                        form: .investment, status: .signed, signed: PartialDate("2019"), durationMonths: 60,
                        parties: [Party(organization: "khidi", role: .governmentCounterpart),
                                  Party(organization: "roche-korea", role: .investor)],
                        territories: ["KR"],
                        financials: [FinancialTerm(type: .investment, amount: 170_000_000_000, currency: "KRW",
                                                   equivalents: [Money(amount: 153_700_000, currency: "USD")],
                                                   wording: "170 billion won")],
                        tags: ["precision-medicine"], sources: ["news"]),
            Partnership(id: "export-q4", title: "Export contract to Southeast Asia",
                        form: .exportContract, status: .signed, signed: PartialDate("2019-11-05"),
                        parties: [Party(organization: "dksh", role: .distributor),
                                  Party(organization: "hanmi", role: .exporter)],
                        territories: ["ASEAN", "TW"],
                        products: [Product(name: "Amosartan", kind: .drug, indication: "hypertension",
                                           therapeuticArea: "cardiovascular")],
                        sources: ["news"]),
            Partnership(id: "academy-2020", title: "Regulator training academy",
                        form: .program, status: .completed, start: PartialDate("2020-06"), end: PartialDate("2020-06"),
                        parties: [Party(organization: "khidi", role: .organizer)],
                        figures: [.participants: 12, .countries: 3], tags: ["training"], labels: ["training"],
                        sources: ["news"], related: [Relation(to: "year-only", kind: .follows)],
                        venue: Venue(name: "Seoul Bio Hub", city: "Seoul", country: "KR"),
                        people: [Person(name: "Kim Mi-ra", title: "Director", organization: "khidi", role: .speaker)]),
        ])

    /// A host on the dataset, after `prepare` changed its store.
    static func host(_ prepare: (Store) throws -> Void = { _ in }) throws -> ScriptHost {
        let store = try Store.inMemory()
        try store.upsert(dataset)
        try prepare(store)
        return try ScriptHost(store: store, modulePaths: [], periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!))
    }

    /// Runs Lua test code; its `assert`s are the test's assertions.
    static func check(_ source: String) throws {
        try host().run(source, chunkName: "check.lua")
    }

    /// The error a script raises.
    static func error(_ source: String) throws -> String {
        let host = try host()
        do {
            try host.run(source, chunkName: "bad.lua")
            return "no error"
        } catch {
            return error.message
        }
    }
}
