@testable import AccordCore
import Testing

@Suite struct ByteKeysTests {
    @Test func textsAreNumberedInTheOrderFirstGivenAndFoundAgainByTheirBytes() {
        var keys = ByteKeys()
        let texts = (0..<10_000).map { "partnership-\($0 % 7)-\($0)" } + ["", "서울", "a\u{0}b", "a"]
        for (i, text) in texts.enumerated() { #expect(keys.number(text) == Int32(i)) }
        #expect(keys.count == texts.count)
        for (i, text) in texts.enumerated().reversed() {
            #expect(keys.number(text) == Int32(i), "the same number when given again")
            var copy = text
            #expect(copy.withUTF8 { keys.existingNumber($0) } == Int32(i))
            #expect(keys.texts.text(i) == text)
        }
        #expect(keys.count == texts.count)
    }

    @Test func aTextNeverGivenHasNoNumber() {
        var keys = ByteKeys()
        for i in 0..<1_000 { _ = keys.number("id-\(i)") }
        for text in ["id-1000", "id-", "ID-1", "id-1 ", ""] {
            var text = text
            #expect(text.withUTF8 { keys.existingNumber($0) } == nil, "\(text)")
        }
    }

    @Test func theTextsWithoutTheirTableAreInTheOrderGivenAndSortAsTheirBytes() {
        var keys = ByteKeys()
        let texts = ["b", "ab", "", "a", "\u{E9}", "e\u{301}", "B", "abc", "a\u{0}"]
        for text in texts { _ = keys.number(text) }
        let kept = keys.texts
        #expect(kept.count == texts.count)
        #expect((0..<kept.count).map(kept.text) == texts)
        // SQLite orders text by its bytes (memcmp, then length): so does `precedes`.
        let sorted = (0..<kept.count).sorted(by: kept.precedes).map(kept.text)
        #expect(sorted == texts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(sorted == ["", "B", "a", "a\u{0}", "ab", "abc", "b", "e\u{301}", "\u{E9}"])
    }
}
