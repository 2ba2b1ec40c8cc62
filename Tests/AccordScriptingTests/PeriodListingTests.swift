import AccordCore
@testable import AccordScripting
import Foundation
import Testing

/// The rows `partnerships.csv` and the workbook's Partnerships sheet list, read a batch at a time.
@Suite struct PeriodListingTests {
    @Test func rowsReadInSmallBatchesAreThoseOfOneBatchByDateThenID() throws {
        let store = try SampleData.store()
        let period = try SampleData.periods.parse("2019")
        let whole = try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: store, labelNames: [:], batch: 10_000)
        let batched = try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: store, labelNames: [:], batch: 3)
        let filed = try store.partnerships(PartnershipFilter(period: period))
        #expect(filed.count > 6, "several batches")
        #expect(batched == whole)
        #expect(batched.map(\.id) == filed.map(\.id), "the store's own order: by date, undated last, then by id")
        #expect(batched.contains { $0.precision == .year } && batched.contains { $0.precision == .month },
                "dates of several precisions, ordered among each other")
    }

    @Test func aRowNamesItsPartiesSourcesAndLabels() throws {
        let store = try SampleData.store()
        let period = try SampleData.periods.parse("2019")
        let filed = try store.partnerships(PartnershipFilter(period: period))
        let rows = try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: store, labelNames: [:], batch: 2)
        let sources = Dictionary(uniqueKeysWithValues: try store.sources().map { ($0.id, $0.title) })
        for (row, partnership) in zip(rows, filed) {
            #expect(row.parties.count == partnership.parties.count)
            for (party, given) in zip(row.parties, partnership.parties) {
                if let id = given.organization { #expect(party.name == (try store.organization(id: id))?.name) }
            }
            #expect(row.sources.map(\.title) == partnership.sources.map { sources[$0] ?? $0 })
            #expect(row.labels.map(\.code).sorted() == partnership.labels.sorted())
        }
    }

    @Test func rowsReadInTwoHalvesAtOnceAreThoseReadInOnePass() throws {
        let folder = SampleData.root.appendingPathComponent("Sources/accord/Packs/standard/tests/data")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("accord-halves-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let store = try Store(path: out.appendingPathComponent("accord.db").path)
        try store.importFiles(files.map { folder.appendingPathComponent($0).path })
        let period = try SampleData.periods.parse("2019")
        let halves = try store.forEachBatchInHalves(PartnershipFilter(period: period), size: 2, initial: 0) { n, _ in n += 1 }
        #expect(halves.count == 2 && halves.allSatisfy { $0 > 0 }, "two halves, each of batches")
        let whole = try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: store, labelNames: [:], batch: 2)
        #expect(try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: store, labelNames: [:], batch: 2, inHalves: true) == whole)
    }
}
