import Testing
@testable import AccordCore

@Suite struct PartnershipIDsTests {
    private let list = PartnershipIDList(["p1", "p2", "p3", "p4"])

    @Test func chosenPositionsReadTheirIdsInTheOrderChosen() {
        let flat: [Int32] = [9, 3, 0, 2, 9]
        let ids = PartnershipIDs(list, at: flat[1..<4])
        #expect(Array(ids) == ["p4", "p1", "p3"])
        #expect(ids.count == 3)
        #expect(ids[2] == "p3")
    }

    @Test func aWholeListAndTheSameIdsByPositionAreEqual() {
        #expect(PartnershipIDs(list, at: [0, 1, 2, 3][...]) == PartnershipIDs(list.ids))
        #expect(PartnershipIDs(list, at: [1][...]) == ["p2"])
        #expect(PartnershipIDs(list, at: [1][...]) != ["p1"])
        #expect(PartnershipIDs(list, at: [][...]).isEmpty)
    }

    @Test func idsChosenFromAListShareItAndIdsOfTheirOwnDoNot() {
        #expect(PartnershipIDs(list, at: [1][...]).shared === list)
        #expect(PartnershipIDs(list, at: nil).shared === list)
        #expect(Array(PartnershipIDs(list, at: nil)) == list.ids)
        #expect(PartnershipIDs(list.ids).shared == nil)
    }
}
