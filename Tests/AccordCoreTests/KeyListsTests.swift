import Testing
@testable import AccordCore

@Suite struct KeyListsTests {
    private func keys(_ lists: KeyLists, _ i: Int) -> [String] { lists[i].map { lists.keys.text(Int($0)) } }

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

    /// One key for each partnership, by its number among texts, as a frame reads forms and statuses.
    private func one(_ values: [String?]) -> KeyLists {
        var texts = ByteKeys()
        let numbers = values.map { $0.map { texts.number($0) } ?? -1 }
        return KeyLists(one: numbers, of: texts.texts)
    }

    @Test func oneKeyEach() {
        let forms = one(["mou", "license", "mou", nil])
        #expect((0..<4).map { keys(forms, $0) } == [["mou"], ["license"], ["mou"], []])
    }

    @Test func listsWithoutAKeyKeepTheOthers() {
        var builder = KeyLists.Builder()
        for (key, partnership) in [("KR", 0), ("US", 0), ("KR", 1), ("JP", 2)] { builder.add(key, to: partnership) }
        let abroad = builder.lists(count: 4).without("KR")
        #expect((0..<4).map { keys(abroad, $0) } == [["US"], [], ["JP"], []])
        #expect(abroad.names == ["US", "JP"])
        #expect(builder.lists(count: 4).without("FR").names == ["KR", "US", "JP"])
    }

    @Test func aKeyForThoseWithNone() {
        var builder = KeyLists.Builder()
        for (key, partnership) in [("rnd", 1), ("export", 1), ("rnd", 3), ("rnd", 1)] { builder.add(key, to: partnership) }
        let purposes = builder.lists(count: 4).orWhenEmpty("unclassified")
        #expect((0..<4).map { keys(purposes, $0) } == [["unclassified"], ["rnd", "export"], ["unclassified"], ["rnd"]])
        // Each key once, in the order first added.
        #expect(purposes.names == ["unclassified", "rnd", "export"])
        #expect(one(["unclassified", "x"]).orWhenEmpty("unclassified").names == ["unclassified", "x"])
    }

    @Test func keysAddedByNumberAreThoseAddedByText() {
        var source = KeyLists.Builder()
        for (key, partnership) in [("KR", 0), ("JP", 0), ("KR", 1)] { source.add(key, to: partnership) }
        let from = source.lists(count: 2)
        var builder = KeyLists.Builder(), seen = [Int32](repeating: -1, count: from.keys.count)
        let us = builder.add("US", to: 0)
        for i in 0..<2 { for k in from[i] { builder.add(k, of: from.keys, seen: &seen, to: i) } }
        builder.add(number: us, to: 1)
        let lists = builder.lists(count: 2)
        #expect(lists.names == ["US", "KR", "JP"])
        #expect((0..<2).map { keys(lists, $0) } == [["US", "KR", "JP"], ["KR", "US"]])
        #expect(seen == [1, 2])
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

private extension KeyLists {
    /// Every key, as text.
    var names: [String] { keys.all }
}
