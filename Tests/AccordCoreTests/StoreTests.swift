import Foundation
import GRDB
import Testing
@testable import AccordCore

@Suite struct StoreTests {
    @Test func importsFilesAndReadsThemBack() throws {
        let store = try Store.inMemory()
        let imported = try store.importTexts([("deals.yaml", baseYAML)])
        #expect(try store.dataset() == imported)
        #expect(try store.counts() == Store.Counts(sources: 2, organizations: 3, partnerships: 1))
        #expect(try store.knownIDs() == KnownIDs(sources: ["krpia", "press"], organizations: ["dksh", "dksh-korea", "hanmi"],
                                                 partnerships: ["dksh-hanmi-2013"]))
        #expect(try store.partnership(id: "dksh-hanmi-2013")?.parties.count == 2)
        #expect(try store.organization(id: "hanmi")?.aliases == ["Hanmi"])
        #expect(try store.partnership(id: "nope") == nil)
        #expect(try store.organization(id: "nope") == nil)
    }

    @Test func aBadRecordLeavesTheStoreUnchanged() throws {
        let store = try Store.inMemory()
        try store.importTexts([("deals.yaml", baseYAML)])
        let before = try store.dataset()
        let rows = try store.rowCounts()

        let oneBad = """
            sources:
              - id: fresh
                title: A new source
              - id: broken
                titel: misspelt
            """
        #expect(throws: DataErrors.self) { try store.importTexts([("more.yaml", oneBad)]) }
        #expect(try store.dataset() == before)

        let good = "sources:\n  - id: fresh\n    title: A new source\n"
        let bad = "organizations:\n  - id: acme\n    name: Acme\n    kind: other\n    country: XX\n"
        #expect(throws: DataErrors.self) { try store.importTexts([("good.yaml", good), ("bad.yaml", bad)]) }
        #expect(try store.dataset() == before)
        #expect(try store.rowCounts() == rows)
    }

    @Test func aFailingWriteRollsBackTheWholeUpsert() throws {
        let store = try Store.inMemory()
        var d = richDataset
        d.partnerships[0].parties.append(Party(organization: "missing-org", role: .funder))
        #expect(throws: (any Error).self) { try store.upsert(d) }
        #expect(try store.dataset() == Dataset())
    }

    @Test func reimportingChangesNothing() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("deals.yaml")
            try baseYAML.write(to: file, atomically: true, encoding: .utf8)
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles([file.path])
            let (dataset, rows) = (try store.dataset(), try store.rowCounts())
            try store.importFiles([file.path])
            #expect(try store.dataset() == dataset)
            #expect(try store.rowCounts() == rows)
        }
    }

    @Test func aReadWithoutSomeListsLeavesThoseEmptyAndReadsTheRestWhole() throws {
        let store = try Store.inMemory()
        try store.upsert(richDataset)
        let whole = try store.partnerships()
        #expect(whole.contains { !$0.tags.isEmpty } && whole.contains { !$0.related.isEmpty } && whole.contains { !$0.people.isEmpty })
        #expect(whole.contains { $0.financials.contains { !$0.equivalents.isEmpty } })
        let read = try store.partnerships(PartnershipFilter(), without: [.related, .people, .tags, .equivalents])
        #expect(read == whole.map { p in
            var p = p
            (p.related, p.people, p.tags) = ([], [], [])
            for i in p.financials.indices { p.financials[i].equivalents = [] }
            return p
        })
    }

    @Test func upsertReplacesAListWhole() throws {
        let store = try Store.inMemory()
        try store.upsert(richDataset)
        var p = try #require(try store.partnership(id: "grindeks-mou"))
        #expect(p.parties.count == 5)
        p.parties.removeLast()
        p.territories = ["LV"]
        p.figures = [:]
        try store.upsert(Dataset(partnerships: [p]))
        #expect(try store.partnership(id: "grindeks-mou") == p)
        #expect(try store.partnership(id: "grindeks-mou")?.parties.count == 4)
        #expect(try store.rowCounts()["party"] == richDataset.partnerships.map(\.parties.count).reduce(0, +) - 1)

        var o = try #require(try store.organization(id: "grindeks"))
        o.aliases = ["Grindeks AS"]
        try store.upsert(Dataset(organizations: [o]))
        #expect(try store.organization(id: "grindeks")?.aliases == ["Grindeks AS"])
        #expect(try store.partnership(id: "grindeks-mou") == p, "replacing an organization keeps its partnerships")
    }

    @Test func parentsMayComeLaterInTheSameBatch() throws {
        let store = try Store.inMemory()
        let d = Dataset(organizations: [
            Organization(id: "a-sub", name: "A Korea", kind: .globalPharma, country: "KR", parent: "z-group"),
            Organization(id: "z-group", name: "Z", kind: .globalPharma, country: "CH"),
        ])
        try store.upsert(d)
        #expect(try store.dataset().organizations == d.organizations)
    }

    @Test func reopeningAFileKeepsTheData() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("accord.db").path
            let store = try Store(path: path)
            try store.upsert(richDataset)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the database is in WAL mode")
            #expect(try Store(path: path).dataset() == richDataset.sorted)
        }
    }

    @Test func aFileErasesDeletedContentOnlyWhereThatCostsNoWriting() throws {
        try withTemporaryDirectory { dir in
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            let fast = 2
            #expect(try store.writing { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") } == fast)
            #expect(try store.readingSQLite { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") } == fast)
        }
    }

    @Test func aNewFileHasPagesOf16KiBAndAnOlderOneKeepsItsOwn() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("accord.db").path
            let store = try Store(path: path)
            try store.upsert(richDataset)
            #expect(try store.readingSQLite { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 16_384)

            let older = dir.appendingPathComponent("older.db").path
            let queue = try DatabaseQueue(path: older)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 4096; VACUUM") }
            try queue.close()
            let reopened = try Store(path: older)
            try reopened.upsert(richDataset)
            #expect(try reopened.readingSQLite { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4096)
            #expect(try Store(path: older).dataset() == richDataset.sorted)
        }
    }

    @Test func listsKeepTheirOrder() throws {
        let store = try Store.inMemory()
        try store.upsert(richDataset)
        let p = try #require(try store.partnership(id: "dksh-hanmi-sea-export-2013"))
        #expect(p.tags == richDataset.partnerships[0].tags)
        #expect(p.labels == richDataset.partnerships[0].labels)
        #expect(p.financials == richDataset.partnerships[0].financials)
        #expect(try store.organization(id: "grindeks")?.sources == ["lv-press", "yearly"])
    }

    @Test func loadsThousandsOfPartnerships() throws {
        let organizations = (0..<200).map {
            Organization(id: "org-\($0)", name: "Organization \($0)", aliases: ["O\($0)"],
                         kind: OrganizationKind.allCases[$0 % OrganizationKind.allCases.count],
                         country: ["KR", "LV", "US", "TH"][$0 % 4], parent: $0 % 10 == 0 ? nil : "org-\($0 / 10 * 10)")
        }
        let partnerships = (0..<5000).map(generatedPartnership)
        let d = Dataset(sources: [Source(id: "s", title: "S")], organizations: organizations, partnerships: partnerships)
        let store = try Store.inMemory()
        try store.upsert(d)
        #expect(try store.dataset() == d.sorted)
        #expect(try store.counts() == Store.Counts(sources: 1, organizations: 200, partnerships: 5000))
        let inTheYear = try store.partnerships(PartnershipFilter(period: .year(2016)))
        #expect(inTheYear.count == partnerships.filter { $0.signed?.year == 2016 }.count)
        #expect(inTheYear.map(\.date!) == inTheYear.map(\.date!).sorted())
    }

    private func generatedPartnership(_ i: Int) -> Partnership {
        let signed = i % 7 == 0 ? nil : PartialDate(year: 2015 + i % 8, month: i % 3 == 0 ? nil : 1 + i % 12)
        let parties = [Party(organization: "org-\(i % 200)", role: .licensor),
                       Party(organization: "org-\((i * 7) % 200)", role: .licensee)]
        let products = i % 2 == 0 ? [Product(name: "Drug \(i)", kind: .drug)] : []
        let amount = Double(i) * 1000.5
        let financials = i % 5 == 0 ? [FinancialTerm(type: .upfront, amount: amount, currency: "USD")] : []
        let figures: [FigureKey: Quantity] = i % 4 == 0 ? [.participants: Quantity(i)] : [:]
        return Partnership(id: String(format: "p-%05d", i), title: "Partnership \(i)",
                           form: PartnershipForm.allCases[i % PartnershipForm.allCases.count], signed: signed,
                           parties: parties, territories: Array(["KR", "ASEAN"].prefix(i % 3)), products: products,
                           financials: financials, figures: figures, tags: ["t\(i % 10)"], sources: ["s"])
    }
}

@Suite struct JSONArrayTests {
    /// The ids sent to `json_each` come back as they went, whatever they hold.
    @Test func idsSurviveTheRoundTrip() throws {
        let ids = ["plain-id", "quote\"d", "back\\slash", "tab\tand\nnewline", "ünïcödé 한국", "", "\u{1}"]
        let text = SQLStringList(ids).json
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] == ids)
        #expect(SQLStringList([]).json == "[]")
    }
}
