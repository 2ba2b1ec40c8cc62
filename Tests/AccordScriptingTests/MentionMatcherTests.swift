@testable import AccordScripting
import CAccordWords
import Testing
import ToolSupport

/// The automaton behind compiled `mentions` (matcher.c), against its definition: a needle
/// occurs where the normalised text contains it.
@Suite struct MentionMatcherTests {
    /// The text as the DSL searches it: lower case, runs of non-word bytes one space, a space in front.
    private static func normalised(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [32]
        var inSpace = true
        for b in text {
            let word = (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b >= 0x80
            if word {
                out.append(b >= 65 && b <= 90 ? b + 32 : b)
                inSpace = false
            } else if !inSpace {
                out.append(32)
                inSpace = true
            }
        }
        return out
    }

    private static func contains(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= text.count else { return false }
        return (0...(text.count - needle.count)).contains { text[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The needles `matcher.c` finds in `text`.
    private static func found(_ needles: [[UInt8]], in text: [UInt8]) -> [Bool] {
        let copies = needles.map { needle -> UnsafePointer<CChar>? in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(needle.count, 1))
            for (i, b) in needle.enumerated() { copy[i] = CChar(bitPattern: b) }
            return UnsafePointer(copy)
        }
        defer { copies.forEach { UnsafeMutablePointer(mutating: $0!).deallocate() } }
        let matcher = accord_matcher_new(copies, needles.map(\.count), needles.count)!
        defer { accord_matcher_free(matcher) }
        var bits = [UInt64](repeating: 0, count: (needles.count + 63) / 64)
        text.withUnsafeBytes { raw in
            accord_matcher_scan(matcher, raw.bindMemory(to: CChar.self).baseAddress, text.count, &bits)
        }
        return needles.indices.map { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
    }

    @Test func findsWordsAtWordStartsOnly() {
        let needles = [" export", " trial", " r d", " market entry", " 한국"].map { Array($0.utf8) }
        let text = Array("Industrial EXPORTS: R&D; market-entry to 한국어".utf8)
        #expect(Self.found(needles, in: text) == [true, false, true, true, true])
    }

    @Test func aRunOfBytesOutsideWordsReadsAsOneSpaceInsideAPhrase() {
        let needles = [" clinical trial", " trial", " clinical  trial"].map { Array($0.utf8) }
        #expect(Self.found(needles, in: Array("Clinical -- \n\t trial".utf8)) == [true, true, false])
        #expect(Self.found(needles, in: Array("clinicaltrial".utf8)) == [false, false, false])
        #expect(Self.found(needles, in: Array("  trial".utf8)) == [false, true, false])
    }

    @Test func agreesWithTheDefinitionOnRandomTextsAndManyNeedles() {
        var random = SeededRandom(seed: 2026)
        let pieces = ["a", "b", "e", "ab", "ba", "Ex", "é", "한", "7", " ", "  ", "-", ", ", ".", "&", "\t"].map { Array($0.utf8) }
        for _ in 0..<400 {
            let text = (0..<random.below(40)).flatMap { _ in random.pick(pieces) }
            let norm = Self.normalised(text)
            // Needles: pieces of the normalised text starting at a space, or made up; some repeated.
            let needles: [[UInt8]] = (0..<random.int(1...90)).map { _ in
                if random.chance(0.6), norm.count > 2 {
                    let starts = norm.indices.filter { norm[$0] == 32 && $0 + 1 < norm.count }
                    let from = random.pick(starts)
                    return Array(norm[from..<min(norm.count, from + random.int(2...7))])
                }
                return [32] + Self.normalised(random.pick(pieces) + random.pick(pieces)).dropFirst()
            }.filter { $0.count >= 2 }
            guard !needles.isEmpty else { continue }
            let want = needles.map { Self.contains(norm, $0) }
            #expect(Self.found(needles, in: text) == want, "text \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func aFieldReadPartByPartFindsWhatItsPartsJoinedBySeparatorsHold() {
        var random = SeededRandom(seed: 2027)
        let pieces = ["a", "b", "ab", "Ex", "é", "한", " ", "-", "|", ""]
        let needles = [" a b", " ab", " b ex", " ex", " 한 a", " é", " a"].map { Array($0.utf8) }
        let matcher = MentionMatcher(needles: needles)
        for _ in 0..<2000 {
            let parts = (0..<random.below(5)).map { _ in (0..<random.below(4)).map { _ in random.pick(pieces) }.joined() }
            var joined: [UInt8] = []
            for part in parts {
                if !joined.isEmpty { joined.append(UInt8(ascii: "|")) }
                joined += Array(part.utf8)
            }
            // What `accord_matcher_scan` finds in the parts joined.
            let whole = Self.found(needles, in: joined).enumerated().reduce(into: [UInt64](repeating: 0, count: matcher.words)) {
                if $1.element { $0[$1.offset >> 6] |= 1 << UInt64($1.offset & 63) }
            }
            var inParts = [UInt64](repeating: 0, count: matcher.words)
            inParts.withUnsafeMutableBufferPointer { bits in
                var reading = FieldReading(matcher: matcher, into: bits.baseAddress!)
                for part in parts { reading.read(part) }
            }
            #expect(inParts == whole, "\(parts)")
        }
    }
}
