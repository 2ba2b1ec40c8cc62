@testable import AccordCore
import Foundation
import Testing
import ToolSupport

/// Partnerships' lists are written a batch of partnerships at a time (`PartnershipListWriter`):
/// every row reaches its table, new partnerships' and changed ones' alike.
@Suite struct PartnershipListWriterTests {
    private static func read(_ store: Store) throws -> [Partnership] {
        try store.dataset().partnerships
    }

    private static func byID(_ partnerships: [Partnership]) -> [Partnership] {
        partnerships.sorted { PartnershipScan.precedes($0.id, $1.id) }
    }

    @Test func everyListOfManyBatchesReadsBackAsWritten() throws {
        var random = SeededRandom(seed: 64)
        let partnerships = SequentialReadTests.randomPartnerships(count: 300, &random)
        let store = try Store.inMemory()
        try store.upsert(SequentialReadTests.dataset(partnerships))
        #expect(try Self.read(store) == Self.byID(partnerships))
    }

    @Test func changedPartnershipsGetTheirNewListsAndOnlyThose() throws {
        var random = SeededRandom(seed: 65)
        var partnerships = SequentialReadTests.randomPartnerships(count: 200, &random)
        let store = try Store.inMemory()
        try store.upsert(SequentialReadTests.dataset(partnerships))
        for i in stride(from: 0, to: partnerships.count, by: 3) {
            partnerships[i].tags = partnerships[i].tags.isEmpty ? ["oncology", "rare"] : []
            partnerships[i].territories.append("JP")
            partnerships[i].parties.reverse()
        }
        try store.upsert(SequentialReadTests.dataset(partnerships))
        #expect(try Self.read(store) == Self.byID(partnerships))
    }

    @Test func listsOfABatchNotYetFullWaitUntilFlushed() throws {
        var random = SeededRandom(seed: 66)
        let partnerships = SequentialReadTests.randomPartnerships(count: 10, &random).filter { !$0.tags.isEmpty }
        let store = try Store.inMemory()
        try store.upsert(SequentialReadTests.dataset([]))
        let tags = try store.writer().write { db -> (before: Int, after: Int) in
            let lists = PartnershipListWriter(batch: 64)
            for p in partnerships { try RecordsSQL.write(p, existing: false, lists: lists, db) }
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tag") ?? -1
            try lists.flush(db)
            return (before, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tag") ?? -1)
        }
        #expect(tags.before == 0)
        #expect(tags.after == partnerships.map(\.tags.count).reduce(0, +))
        #expect(tags.after > 0)
    }
}
