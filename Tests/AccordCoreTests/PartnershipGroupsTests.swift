@testable import AccordCore
import Testing

/// What a ranking of groups keeps, and the rest it lumps together.
@Suite struct PartnershipGroupsTests {
    /// Seven keys over partnerships p0…p9, counted 5, 4, 4, 4, 2, 1 and 1, as a frame's groups
    /// name them (by position in one list) or as ids of their own.
    private static let ids = (0..<10).map { "p\($0)" }
    private static let members: [(String, [Int32])] = [
        ("a", [0, 1, 2, 3, 4]), ("b", [1, 2, 5, 6]), ("c", [0, 5, 7, 8]), ("d", [2, 3, 8, 9]),
        ("e", [4, 9]), ("f", [6]), ("g", [7]),
    ]

    private static func groups(sharing: Bool) -> (PartnershipGroups, all: PartnershipIDs) {
        let list = PartnershipIDList(ids)
        let make = { (positions: [Int32]) in
            sharing ? PartnershipIDs(list, at: positions[...]) : PartnershipIDs(positions.map { ids[Int($0)] })
        }
        return (PartnershipGroups(keyed: members.map { ($0.0, make($0.1)) }, keyless: []),
                sharing ? PartnershipIDs(list, at: nil) : PartnershipIDs(ids))
    }

    @Test func aRankingKeepsTheGroupsAsLargeAsTheTopthAndCountsTheOthers() {
        let (groups, _) = Self.groups(sharing: true)
        // The second largest is counted 4, as are two more: all four stay.
        let (two, hiddenOfTwo) = groups.leading(2)
        #expect(two.keyed.map(\.key) == ["a", "b", "c", "d"])
        #expect(hiddenOfTwo == 3)
        #expect(two.keyed[1].ids == groups.keyed[1].ids)
        let (one, hiddenOfOne) = groups.leading(1)
        #expect(one.keyed.map(\.key) == ["a"])
        #expect(hiddenOfOne == 6)
        // Seven keys are no more than twice four: all stay, as a ranking of four sorts them all.
        let (four, hiddenOfFour) = groups.leading(4)
        #expect(four == groups)
        #expect(hiddenOfFour == 0)
    }

    @Test(arguments: [true, false])
    func theRestAreThePartnershipsWithAKeyNotKeptInTheirOrder(sharing: Bool) {
        let (groups, all) = Self.groups(sharing: sharing)
        #expect(Array(groups.partnerships(withKeyOutside: ["a", "b", "c", "d"], of: all)) == ["p4", "p6", "p7", "p9"])
        #expect(Array(groups.partnerships(withKeyOutside: ["a", "b", "c", "d", "e", "f", "g"], of: all)).isEmpty)
        #expect(Array(groups.partnerships(withKeyOutside: [], of: all)) == Self.ids)
        // A frame's rest names its partnerships from the frame's list, as its groups do.
        #expect((groups.partnerships(withKeyOutside: ["a"], of: all).shared != nil) == sharing)
    }
}
