import Foundation
import GRDB
import Testing
@testable import AccordCore
import ToolSupport

/// Reading in sequence (`PartnershipScan`) against looking each partnership up, on random
/// stores, filters and batch sizes: the same partnerships, in the same batches.
@Suite struct SequentialReadTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func scansGiveTheBatchesLookupsGiveForRandomFiltersAndSizes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let store = try Self.randomStore(count: 300, &random)
        for round in 0..<40 {
            let filter = round < 4 ? PartnershipFilter() : Self.randomFilter(&random)
            let size = [1, 7, 100, 150, 299, 300, 301, 1000][random.next(in: 0...7)]
            let looked = try Self.batches(store, filter, size: size, .lookups)
            #expect(try Self.batches(store, filter, size: size, .ranges) == looked, "\(filter), size \(size)")
            #expect(try Self.batches(store, filter, size: size, nil) == looked, "\(filter), size \(size)")
            #expect(looked.dropLast().allSatisfy { $0.count == size })
        }
    }

    @Test func everyPartnershipIsScannedWhenNoFilterIsSetAndLookedUpWhenMatchesLieFarApart() throws {
        var random = SeededRandom(seed: 7)
        let store = try Self.randomStore(count: 80, &random)
        let all = try store.dataset().partnerships
        #expect(all.contains { $0.parties.isEmpty && $0.territories.isEmpty && $0.figures.isEmpty && $0.sources.isEmpty })
        func reading(_ filter: PartnershipFilter, _ order: BatchOrder = .stored) throws -> (BatchReading, [String]) {
            let (how, keys) = try store.reading { db in try BatchReading.choose(filter, order: order, forcing: nil, db) }
            return (how, keys.map(\.id))
        }
        #expect(try reading(PartnershipFilter()).0 == .scan)
        #expect(try reading(PartnershipFilter(), .filing).0 == .lookups)
        let days = Dictionary(grouping: all) { PartnershipKey($0).filed }
        let alone = try #require(all.first { days[PartnershipKey($0).filed]!.count == 1 }).id
        #expect(try reading(PartnershipFilter(ids: [alone])) == (.ranges, [alone]), "alone on its filing day")
        let most = all.dropFirst(10).sorted { PartnershipKey($0) < PartnershipKey($1) }.map(\.id)
        #expect(try reading(PartnershipFilter(ids: most.shuffled())) == (.ranges, most))
        let inOrder = all.sorted { PartnershipKey($0) < PartnershipKey($1) }
        #expect(try reading(PartnershipFilter(ids: [inOrder.first!.id, inOrder.last!.id])).0 == .lookups, "two far apart")
        var scanned: [Partnership] = []
        try store.forEachBatch(order: .stored, size: 30) { scanned += $0 }
        #expect(scanned == all.sorted { PartnershipKey($0) < PartnershipKey($1) })
    }

    @Test func aPeriodsPartnershipsAreReadByRangesHoweverFewOfAllTheyAre() throws {
        var random = SeededRandom(seed: 5)
        let store = try Self.randomStore(count: 300, &random)
        let year = PartnershipFilter(period: .year(2019))
        let (how, keys) = try store.reading { db in try BatchReading.choose(year, order: .stored, forcing: nil, db) }
        #expect(keys.count * BatchReading.denseShare < 300)
        #expect(how == .ranges)
        #expect(try Self.batches(store, year, size: 7, nil) == Self.batches(store, year, size: 7, .lookups))
    }

    @Test(arguments: [BatchReading.scan, .ranges, .lookups])
    func listsLeftOutAreEmptyAndTheRestAsRead(_ reading: BatchReading) throws {
        var random = SeededRandom(seed: 11)
        let store = try Self.randomStore(count: 120, &random)
        let skipped: Set<Partnership.List> = [.sources, .people, .related]
        let whole = try Self.batches(store, PartnershipFilter(), size: 50, reading)
        #expect(whole.joined().contains { !$0.sources.isEmpty })
        let read = try Self.batches(store, PartnershipFilter(), size: 50, reading, without: skipped)
        #expect(read == whole.map { $0.map { var p = $0; (p.sources, p.people, p.related) = ([], [], []); return p } })
    }

    @Test func aSpanOfKeysReadsTheRowsARangeOfRowValuesSelects() throws {
        var random = SeededRandom(seed: 13)
        let store = try Self.randomStore(count: 200, &random)
        try store.reading { db in
            let keys = try db.rows("SELECT filed, id FROM partnership ORDER BY filed, id") { PartnershipKey(filed: try $0[0], id: try $0[1]) }
            func read(_ table: String, _ day: String, _ id: String, _ conditions: [SQLQuery]) throws -> [String] {
                var out: [String] = []
                for condition in conditions {
                    try db.forEachRow("SELECT t.\(sql: id) FROM \(sql: table) t WHERE \(condition) ORDER BY t.\(sql: day), t.\(sql: id)") {
                        out.append(try $0[0])
                    }
                }
                return out
            }
            for _ in 0..<60 {
                let (a, b) = (random.next(in: 0...(keys.count - 1)), random.next(in: 0...(keys.count - 1)))
                let (first, last) = (keys[min(a, b)], keys[max(a, b)])
                let tag = try read("tag", "filed", "partnership_id", [
                    "(t.filed, t.partnership_id) >= (\(first.filed), \(first.id)) AND (t.filed, t.partnership_id) <= (\(last.filed), \(last.id))"])
                #expect(try read("tag", "filed", "partnership_id", PartnershipScan.KeySpan(first: first, last: last).conditions()) == tag)
                let before = try read("partnership", "filed", "id", [
                    "(t.filed, t.id) >= (\(first.filed), \(first.id)) AND (t.filed, t.id) < (\(last.filed), \(last.id))"])
                #expect(try read("partnership", "filed", "id",
                                 PartnershipScan.KeySpan(from: first, before: last).conditions(day: "t.filed", id: "t.id")) == before)
                #expect(try read("partnership", "filed", "id",
                                 PartnershipScan.KeySpan(from: first, before: nil).conditions(day: "t.filed", id: "t.id"))
                        == keys.filter { !($0 < first) }.map(\.id))
                #expect(try read("partnership", "filed", "id", PartnershipScan.KeySpan(after: first).conditions(day: "t.filed", id: "t.id"))
                        == keys.filter { first < $0 }.map(\.id))
            }
            #expect(keys.contains { k in keys.filter { $0.filed == k.filed }.count > 3 }, "days with several partnerships")
        }
    }

    @Test func aKeyWalkFindsEachRowsPartnershipWhereIdsArePrefixesOfOthers() throws {
        let queue = try DatabaseQueue()
        let rows: [(filed: Int, id: String)] = [(1, "a"), (1, "a"), (1, "a-1"), (1, "a-10"), (1, "ab"), (1, "ab"), (2, "a"),
                                                (2, "b"), (2, "é"), (3, ""), (3, "z")]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (filed INTEGER, partnership_id TEXT, position INTEGER)")
            for (i, row) in rows.enumerated() {
                try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?)", arguments: [row.filed, row.id, i])
            }
        }
        // Every other partnership, and some with no rows.
        let keys = [(1, "a"), (1, "a-10"), (1, "a-2"), (2, "a"), (2, "é"), (3, "z"), (4, "z")].map { PartnershipKey(filed: $0.0, id: $0.1) }
        let expected = rows.map { row in keys.firstIndex { $0.filed == row.filed && $0.id == row.id } }
        try queue.read { db in
            var walk = PartnershipScan.KeyWalk(keys)
            var owners: [Int?] = []
            try db.forEachRow("SELECT filed, partnership_id FROM t ORDER BY filed, partnership_id, position") { row in
                owners.append(try walk.owner(of: row, id: 1, day: 0))
            }
            #expect(owners == expected)
            // Rows that hold their values as Swift strings compare as SQLite does.
            var other = PartnershipScan.KeyWalk(keys)
            let fetched = try Row.fetchAll(db, sql: "SELECT filed, partnership_id FROM t ORDER BY filed, partnership_id, position")
            #expect(try fetched.map { try other.owner(of: $0, id: 1, day: 0) } == expected)
        }
    }

    private static func batches(_ store: Store, _ filter: PartnershipFilter, size: Int, _ reading: BatchReading?,
                                without skipped: Set<Partnership.List> = []) throws -> [[Partnership]] {
        var out: [[Partnership]] = []
        try Store.batches(try store.snapshot(), filter, order: .stored, size: size, without: skipped, reading: reading) { out.append($0) }
        return out
    }

    private static let organizations = [
        Organization(id: "acme", name: "Acme", kind: .globalPharma, country: "US"),
        Organization(id: "acme-kr", name: "Acme Korea", kind: .globalPharma, country: "KR", parent: "acme"),
        Organization(id: "hanmi", name: "Hanmi", kind: .localPharma, country: "KR"),
        Organization(id: "grindeks", name: "Grindeks", kind: .localPharma, country: "LV"),
        Organization(id: "khidi", name: "KHIDI", kind: .governmentAgency, country: "KR"),
    ]

    /// A store of `randomPartnerships`.
    static func randomStore(count: Int, _ random: inout SeededRandom) throws -> Store {
        let store = try Store.inMemory()
        try store.upsert(dataset(randomPartnerships(count: count, &random)))
        return store
    }

    /// The sources and organizations `randomPartnerships` cite, and `partnerships`.
    static func dataset(_ partnerships: [Partnership]) -> Dataset {
        Dataset(sources: [Source(id: "krpia", title: "KRPIA"), Source(id: "press", title: "Press")],
                organizations: organizations, partnerships: partnerships)
    }

    /// `count` partnerships with random lists, a fifth of them with none at all, and ids
    /// of different lengths, so that id order is not the order they were written in.
    static func randomPartnerships(count: Int, _ random: inout SeededRandom) -> [Partnership] {
        var ids: Set<String> = []
        while ids.count < count { ids.insert("p\(random.next(in: 0...99_999))-\(["a", "b", "zz"][random.next(in: 0...2)])") }
        return ids.sorted().shuffled(using: &random).map { id in  // a set's order changes from run to run
            var p = Partnership(id: id, title: "Partnership \(id)", form: PartnershipForm.allCases.randomElement(using: &random)!,
                                status: PartnershipStatus.allCases.randomElement(using: &random)!)
            if random.next(in: 0...4) > 0 { p.signed = date("\(random.next(in: 2018...2021))-0\(random.next(in: 1...9))") }
            guard random.next(in: 0...4) > 0 else { return p }
            func some<T>(_ make: (inout SeededRandom) -> T) -> [T] { (0..<random.next(in: 0...3)).map { _ in make(&random) } }
            p.parties = some { r in Party(organization: organizations.randomElement(using: &r)!.id, role: PartyRole.allCases.randomElement(using: &r)!) }
            p.territories = some { r in ["KR", "TH", "ASEAN", "LV", "GLOBAL"].randomElement(using: &r)! }
            p.products = some { r in Product(name: "drug \(r.next(in: 1...9))", kind: ProductKind.allCases.randomElement(using: &r)!) }
            p.financials = some { r in FinancialTerm(type: FinancialTermType.allCases.randomElement(using: &r)!, amount: Double(r.next(in: 1...99))) }
            for key in some({ r in FigureKey.allCases.randomElement(using: &r)! }) { p.figures[key] = Quantity(random.next(in: 1...50)) }
            p.tags = some { r in ["oncology", "Export", "rare"].randomElement(using: &r)! }
            p.labels = some { r in ["licensing", "distribution"].randomElement(using: &r)! }
            p.sources = some { r in ["press", "krpia"].randomElement(using: &r)! }
            return p
        }
    }

    /// None, one or two conditions, and now and then some ids or a limit.
    static func randomFilter(_ random: inout SeededRandom) -> PartnershipFilter {
        var filter = PartnershipFilter()
        for _ in 0..<random.next(in: 0...2) {
            switch random.next(in: 0...10) {
            case 0: filter.period = .year(random.next(in: 2018...2021))
            case 1: filter.party = organizations.randomElement(using: &random)!.id
            case 2: filter.country = ["KR", "LV"].randomElement(using: &random)!
            case 3: filter.form = PartnershipForm.allCases.randomElement(using: &random)!
            case 4: filter.kind = OrganizationKind.allCases.randomElement(using: &random)!
            case 5: filter.territory = ["TH", "KR"].randomElement(using: &random)!
            case 6: filter.tag = "export"
            case 7: filter.label = "licensing"
            case 8: filter.undated = Bool.random(using: &random)
            case 9: filter.limit = random.next(in: 0...200)
            default: filter.ids = (0..<random.next(in: 0...40)).map { _ in "p\(random.next(in: 0...99_999))-a" }
            }
        }
        return filter
    }
}
