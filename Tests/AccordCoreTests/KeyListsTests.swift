import Testing
@testable import AccordCore

@Suite struct KeyListsTests {
    private func keys(_ lists: KeyLists, _ i: Int) -> [String] { lists[i].map { lists.names[Int($0)] } }

    @Test func keysGivenInAnyOrderAreEachPartnershipsOnceInTheOrderGiven() {
        var builder = KeyLists.Builder()
        for (key, partnership) in [("KR", 2), ("US", 0), ("KR", 0), ("US", 0), ("JP", 2), ("KR", 2), ("US", 3)] {
            builder.add(key, to: partnership)
        }
        let lists = builder.lists(count: 5)
        #expect(lists.count == 5)
        #expect((0..<5).map { keys(lists, $0) } == [["US", "KR"], [], ["KR", "JP"], ["US"], []])
        #expect(lists.names == ["KR", "US", "JP"])
    }

    @Test func oneKeyEachAndMappedKeys() {
        let forms = KeyLists(one: ["mou", "license", "mou"])
        #expect((0..<3).map { keys(forms, $0) } == [["mou"], ["license"], ["mou"]])
        let mapped = forms.map { $0 == ["mou"] ? ["mou", "agreement", "mou"] : [] }
        #expect((0..<3).map { keys(mapped, $0) } == [["mou", "agreement"], [], ["mou", "agreement"]])
    }

    @Test func noPartnershipsNoKeys() {
        #expect(KeyLists.Builder().lists(count: 0).count == 0)
    }
}
