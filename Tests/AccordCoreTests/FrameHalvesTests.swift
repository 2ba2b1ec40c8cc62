@testable import AccordCore
import Foundation
import Testing
import ToolSupport

/// A large frame reads its lists in two halves of the id range, on two threads, from two views
/// of the same data.
@Suite struct FrameHalvesTests {
    private static let sampleFiles = ["sources", "organizations", "partnerships"].map {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/before-clustering-sample/\($0).yaml").path
    }

    private static func inKorea(_ filter: PartnershipFilter) -> PartnershipFilter {
        var filter = filter
        filter.home = "KR"
        return filter
    }

    @Test(arguments: [PartnershipFilter(), PartnershipFilter(period: try! Period.parse("2019")), PartnershipFilter(country: "KR"),
                      inKorea(PartnershipFilter()), inKorea(PartnershipFilter(period: try! Period.parse("2019")))])
    func aFrameReadInHalvesGroupsAsOneReadWholeAndAsTheDatabaseDoes(_ filter: PartnershipFilter) throws {
        try withTemporaryDirectory { folder in
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.importFiles(Self.sampleFiles)
            for reading in [nil, BatchReading.ranges, .lookups] {
                let (halves, whole) = (PartnershipFrames(store, splitFrom: 2, reading: reading),
                                       PartnershipFrames(store, splitFrom: .max, reading: reading))
                #expect(try halves.frame(filter).ids.count >= 2)
                for dimension in PartnershipDimension.allCases {
                    let expected = try store.groups(filter, by: dimension, home: filter.home)
                    #expect(try whole.frame(filter).groups(by: dimension) == expected, "\(dimension), \(String(describing: reading))")
                    #expect(try halves.frame(filter).groups(by: dimension) == expected, "\(dimension), \(String(describing: reading))")
                    // A frame kept longer than the frames that made it still reads.
                    #expect(try PartnershipFrames(store, splitFrom: 2, reading: reading).frame(filter).distinctCount(of: dimension)
                                == expected.keyed.count, "\(dimension), counted without the groups")
                }
            }
        }
    }

    /// Scanning each part's key range passes over the partnerships between the frame's; looking
    /// them up reads only the frame's. Both group as the database does, on random data and filters.
    @Test(arguments: [1, 2] as [UInt64])
    func framesReadByRangesAndByLookupsGroupAsTheDatabaseDoes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let store = try SequentialReadTests.randomStore(count: 200, &random)
        for _ in 0..<25 {
            let filter = SequentialReadTests.randomFilter(&random)
            for reading in [BatchReading.ranges, .lookups] {
                let frames = PartnershipFrames(store, splitFrom: [2, .max][random.next(in: 0...1)], reading: reading)
                for dimension in PartnershipDimension.allCases {
                    #expect(try frames.frame(filter).groups(by: dimension) == store.groups(filter, by: dimension, home: filter.home),
                            "\(filter), \(dimension), \(reading)")
                }
            }
        }
    }

    @Test func aFrameListsItsPartnershipsInTheOrderTheDatabaseGivesThem() throws {
        let store = try Store.inMemory()
        // The same first day at three precisions, ids against that order, and the undated.
        let dated = [("c", "2019"), ("b", "2019-01"), ("a", "2019-01-01"), ("e", "2018-12-31"), ("d", "2019-01-01"), ("f", nil), ("0", nil)]
        try store.upsert(Dataset(partnerships: dated.map { id, date in
            var p = Partnership(id: id, title: id, form: .mou, status: .signed)
            p.signed = date.flatMap(PartialDate.init)
            return p
        }))
        for filter in [PartnershipFilter(), PartnershipFilter(period: .year(2019)), PartnershipFilter(limit: 3)] {
            #expect(try PartnershipFrames(store).frame(filter).ids == store.partnershipIDs(filter), "\(filter)")
        }
        #expect(try PartnershipFrames(store).frame(PartnershipFilter()).ids == ["e", "c", "b", "a", "d", "0", "f"])
    }

    @Test func theCountriesOfNamedAndUnnamedPartiesAreReadInOnePassAndGroupAsTheDatabaseDoes() throws {
        try withTemporaryDirectory { folder in
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.upsert(richDataset)
            var home = PartnershipFilter()
            home.home = "KR"
            for filter in [PartnershipFilter(), home] {
                let (halves, whole) = (PartnershipFrames(store, splitFrom: 2), PartnershipFrames(store, splitFrom: .max))
                for dimension in [PartnershipDimension.organization, .country, .partnerCountry] {
                    let expected = try store.groups(filter, by: dimension, home: filter.home)
                    #expect(try whole.frame(filter).groups(by: dimension) == expected, "\(dimension)")
                    #expect(try halves.frame(filter).groups(by: dimension) == expected, "\(dimension)")
                }
                // Grindeks (LV) and DKSH (CH) sign with unnamed associations in Korea, and with regulators of no country.
                let korea = try #require(try whole.frame(filter).groups(by: .country).keyed.first { $0.0 == "KR" })
                #expect(korea.1.contains("grindeks-mou"))
            }
        }
    }

    @Test func aFrameReadAfterAWriteShowsTheDataAsItWasInBothHalves() throws {
        try withTemporaryDirectory { folder in
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.importFiles(Self.sampleFiles)
            let before = try store.groups(PartnershipFilter(), by: .organization, home: nil)
            let frames = PartnershipFrames(store, splitFrom: 2)
            let frame = try frames.frame(PartnershipFilter())
            // The last id is in the second half, the one a second view would read.
            let lastID = try #require(frame.ids.max())
            var last = try #require(try store.partnership(id: lastID))
            last.parties = [Party(organization: "khidi", role: .signatory)]
            try store.upsert(Dataset(partnerships: [last]))
            #expect(try store.groups(PartnershipFilter(), by: .organization, home: nil) != before)
            #expect(try frame.groups(by: .organization) == before)
        }
    }

    @Test func aSecondViewOfASnapshotIsMadeOnlyWhileTheDataIsUnchanged() throws {
        try withTemporaryDirectory { folder in
            let store = try Store(path: folder.appendingPathComponent("accord.db").path)
            try store.importFiles(Self.sampleFiles)
            let view = try store.snapshot()
            let twin = try #require(try view.twin())
            #expect(try twin.read(Store.revision) == view.read(Store.revision))
            var first = try #require(try store.partnerships().first)
            first.title += " (renamed)"
            try store.upsert(Dataset(partnerships: [first]))
            #expect(try view.twin() == nil)
            let memory = try Store.inMemory()
            #expect(try memory.snapshot().twin() == nil, "a store in memory is read by one thread at a time")
        }
    }
}
