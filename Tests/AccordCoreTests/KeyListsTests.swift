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

    @Test func thousandsOfKeysAreEachFoundAgainByTheirBytes() {
        var builder = KeyLists.Builder()
        for round in 0..<3 {
            for k in 0..<5_000 { builder.add("organization-\(k)", to: round * 5_000 + k) }
        }
        let lists = builder.lists(count: 15_000)
        #expect(lists.names.count == 5_000)
        #expect(lists.names.prefix(2) == ["organization-0", "organization-1"])
        #expect((0..<15_000).allSatisfy { keys(lists, $0) == ["organization-\($0 % 5_000)"] })
        var empty = KeyLists.Builder()
        empty.add("", to: 0)
        empty.add("", to: 1)
        #expect(empty.lists(count: 2).names == [""])
    }

    @Test func keysOfTwoHalvesJoinInTheOrderFirstGiven() {
        var first = KeyLists.Builder(), second = KeyLists.Builder()
        first.add("KR", to: 0)
        second.add("JP", to: 2)
        second.add("KR", to: 1)
        second.add("US", to: 2)
        first.add(contentsOf: second)
        let lists = first.lists(count: 3)
        #expect(lists.names == ["KR", "JP", "US"])
        #expect((0..<3).map { keys(lists, $0) } == [["KR"], ["KR"], ["JP", "US"]])
    }

    @Test func keysAreTheirBytesAsSQLiteGroupsThem() {
        // "é" composed and decomposed read alike but are different text to SQLite's GROUP BY.
        var builder = KeyLists.Builder()
        builder.add("caf\u{E9}", to: 0)
        builder.add("cafe\u{301}", to: 1)
        #expect(builder.lists(count: 2).names.map { Array($0.utf8) } == [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8)])
    }
}
