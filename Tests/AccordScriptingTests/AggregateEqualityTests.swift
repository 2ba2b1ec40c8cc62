import AccordCore
import Foundation
import Testing
@testable import AccordScripting

/// What the database counts, groups, sums and reads by column for reports is what counting
/// whole records in Lua gives, on the sample and on a generated set.
@Suite struct AggregateEqualityTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Equality/aggregates_match_records.lua").path

    @Test func theSampleCountsTheSameInTheDatabaseAsInLua() throws {
        let host = try SampleData.host()
        host.homeCountry = "KR"
        try host.runScript(at: Self.script, arguments: ["2019", "2019-Q2", "2018", "2020", "2013"])
    }

    @Test(arguments: [nil, "KR"] as [String?])
    func aGeneratedSetCountsTheSameInTheDatabaseAsInLua(home: String?) throws {
        let store = try Store.inMemory()
        try GeneratedSet.fill(store, partnerships: 1_500, seed: 7)
        let host = try ScriptHost(store: store, modulePaths: [], periods: SampleData.periods)
        host.homeCountry = home
        try host.runScript(at: Self.script, arguments: ["2018", "2019-Q3", "2020-05", "2019-W10", "2020"])
    }

    @Test("While a report builds, answers are kept and one answers another (a count by label gives a label's count): the same figures")
    func keptAnswersCountTheSame() throws {
        let store = try Store.inMemory()
        try GeneratedSet.fill(store, partnerships: 1_500, seed: 11)
        let host = try ScriptHost(store: store, modulePaths: [], periods: SampleData.periods)
        host.homeCountry = "KR"
        host.runtime.module.beginMemo()
        defer { host.runtime.module.endMemo() }
        try host.runScript(at: Self.script, arguments: ["2019", "2019-Q3", "2019", "2020-05", "2019-Q3"])
    }

    @Test func aDifferenceIsFound() throws {
        let store = try Store.inMemory()
        try GeneratedSet.fill(store, partnerships: 200, seed: 3)
        let host = try ScriptHost(store: store, modulePaths: [], periods: SampleData.periods)
        // Partner countries reckoned in Lua from another home country than the database's differ.
        host.homeCountry = "KR"
        let source = try String(contentsOfFile: Self.script, encoding: .utf8)
            .replacingOccurrences(of: "local home = accord.home_country()", with: "local home = 'US'")
        #expect(throws: (any Error).self) { try host.run("local arg = { '2019' }\n" + source, chunkName: "changed.lua") }
    }
}

/// A seeded mix of partnerships over 2018–2020 at every date precision, with repeated parties,
/// products with and without areas, terms with and without amounts, labels set by hand and saved.
enum GeneratedSet {
    static func fill(_ store: Store, partnerships count: Int, seed: UInt64) throws {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let countries = ["KR", "US", "CH", "JP", "SG", "DE"]
        let kinds: [OrganizationKind] = [.globalPharma, .localPharma, .biotech, .governmentAgency, .university]
        let organizations = (0..<40).map { i in
            Organization(id: "org-\(i)", name: "Organization \(i % 30)", kind: kinds[i % kinds.count],
                         country: countries[next(countries.count)], sources: ["s"])
        }
        let areas: [String?] = ["oncology", "neurology", nil, "cardiovascular"]
        let labels = ["export", "rnd", "training", "investment"]
        let types: [FinancialTermType] = [.investment, .grant, .upfront, .milestone]
        var list: [Partnership] = []
        for i in 0..<count {
            let year = 2018 + next(3), month = 1 + next(12), day = 1 + next(28)
            let date = [String(year), String(format: "%d-%02d", year, month), String(format: "%d-%02d-%02d", year, month, day)][next(3)]
            let parties = (0..<(1 + next(4))).map { _ in Party(organization: "org-\(next(40))", role: .collaborator) }
            let products = (0..<next(3)).map { j in Product(name: "P\(j)", kind: .drug, therapeuticArea: areas[next(areas.count)]) }
            let financials = (0..<next(3)).map { _ in
                FinancialTerm(type: types[next(types.count)], amount: next(4) == 0 ? nil : Double(next(1000)) * 1.5,
                              currency: next(5) == 0 ? nil : ["USD", "KRW"][next(2)])
            }
            list.append(Partnership(id: String(format: "g-%05d", i), title: "Deal \(next(50))", summary: next(2) == 0 ? nil : "About it",
                                    form: PartnershipForm.allCases[next(5)], status: PartnershipStatus.allCases[next(3)],
                                    signed: PartialDate(date), parties: parties, products: products, financials: financials,
                                    labels: next(6) == 0 ? [labels[next(labels.count)]] : [], sources: ["s"]))
        }
        try store.upsert(Dataset(sources: [Source(id: "s", title: "Source")], organizations: organizations, partnerships: list))
        let run = ClassificationRun(id: "run", started: .now, finished: .now, packs: "generated 1.0.0", partnerships: count, labels: 0)
        var saved: [String: [AssignedLabel]] = [:]
        for p in list where next(4) != 0 {
            let first = next(labels.count)
            saved[p.id] = (0..<(1 + next(2))).map { j in
                AssignedLabel(label: labels[(first + j) % labels.count], isPrimary: j == 0, origin: .rule, rule: "generated", runID: run.id)
            }
        }
        try store.saveClassification(run, labels: saved)
    }
}
