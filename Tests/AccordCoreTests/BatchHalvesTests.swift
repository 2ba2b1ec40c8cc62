@testable import AccordCore
import Foundation
import Testing
import ToolSupport

/// A large listing reads its partnerships in two halves at once, from one view of the database.
@Suite struct BatchHalvesTests {
    /// Each half's batches, in the order given.
    private static func halves(_ store: Store, _ filter: PartnershipFilter, size: Int) throws -> [[String]] {
        try store.forEachBatchInHalves(filter, size: size, initial: [String]()) { ids, batch in ids += batch.map(\.id) }
    }

    @Test(arguments: [nil, "2019", "2020"] as [String?])
    func twoHalvesReadWhatOnePassReadsInTheSameOrder(period: String?) throws {
        try withTemporaryDirectory { folder in
            var random = SeededRandom(seed: 7)
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.upsert(SequentialReadTests.dataset(SequentialReadTests.randomPartnerships(count: 300, &random)))
            let filter = PartnershipFilter(period: try period.map { try Period.parse($0) })
            var whole: [String] = []
            try store.forEachBatch(filter, order: .stored, size: 10) { whole += $0.map(\.id) }
            #expect(whole.count > 40)
            let halves = try Self.halves(store, filter, size: 10)
            // The whole database is read by scanning it, in one pass; a period in two halves.
            #expect(halves.count == (period == nil ? 1 : 2))
            #expect(halves.flatMap { $0 } == whole)
            #expect(halves.allSatisfy { !$0.isEmpty })
        }
    }

    @Test func partnershipsThatFillNoTwoBatchesAndAStoreInMemoryAreReadInOneHalf() throws {
        var random = SeededRandom(seed: 8)
        let partnerships = SequentialReadTests.randomPartnerships(count: 60, &random)
        let memory = try Store.inMemory()
        try memory.upsert(SequentialReadTests.dataset(partnerships))
        let filter = PartnershipFilter(period: try Period.parse("2019"))
        var whole: [String] = []
        try memory.forEachBatch(filter, order: .stored, size: 5) { whole += $0.map(\.id) }
        #expect(try Self.halves(memory, filter, size: 5) == [whole])
        try withTemporaryDirectory { folder in
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.upsert(SequentialReadTests.dataset(partnerships))
            #expect(try Self.halves(store, filter, size: whole.count) == [whole])
        }
    }
}
