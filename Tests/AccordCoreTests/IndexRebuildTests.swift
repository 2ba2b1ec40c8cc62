@testable import AccordCore
import Testing

/// When a large import drops the indexes it builds again at the end.
@Suite struct IndexRebuildTests {
    @Test func intoADatabaseWithoutPartnershipsTheIndexesGoAtOnceAndOnlyOnce() {
        var rebuild = IndexRebuild(holding: 0)
        #expect(rebuild.dropsAtOnce)
        #expect((0..<5_000).allSatisfy { _ in !rebuild.wrote() })
    }

    @Test func intoADatabaseWithPartnershipsTheyGoOnceAThousandthOfThemAreWritten() {
        for (held, threshold) in [(1, 1_000), (500_000, 1_000), (2_000_000, 2_000)] {
            var rebuild = IndexRebuild(holding: held)
            #expect(!rebuild.dropsAtOnce)
            let drops = (1...3 * threshold).filter { _ in rebuild.wrote() }
            #expect(drops == [threshold], "\(held)")
        }
    }
}
