import Foundation
import Testing
@testable import AccordCore
import ToolSupport

/// The import's byte-level shortcuts against the code they replaced, on random
/// text: splitting cells, finding separators, naming fields, binding values.
@Suite struct ImportFastPathTests {
    /// Cells of letters, separators, escapes, spaces, accents, combining marks and emoji.
    private func randomCell(_ random: inout SeededRandom) -> String {
        let pieces = ["a", "b", "Z", "7", ";", "|", ":", "=", "\\", " ", "\t", "é", "\u{301}", "\u{A0}", "한", "😀", "\r\n", "-"]
        return (0..<random.next(in: 0...24)).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
    }

    @Test func splittingOnBytesGivesTheOldSplitOfCharacters() {
        var random = SeededRandom(seed: 20)
        for _ in 0..<20_000 {
            let cell = randomCell(&random)
            for separator: Character in [";", "|"] {
                #expect(CSVCells.split(cell, on: separator) == oldSplit(cell, on: separator), "\(cell.debugDescription)")
            }
        }
    }

    @Test func findingASeparatorInBytesFindsTheCharacterTheOldSearchFound() {
        var random = SeededRandom(seed: 4)
        for _ in 0..<20_000 {
            let cell = randomCell(&random)
            #expect(cell.lastIndexOfASCII(UInt8(ascii: ":")) == cell.lastIndex(of: ":"), "\(cell.debugDescription)")
            #expect(cell.firstIndexOfASCII(UInt8(ascii: "=")) == cell.firstIndex(of: "="), "\(cell.debugDescription)")
            #expect(cell.containsByte(UInt8(ascii: "\\")) == cell.utf8.contains(UInt8(ascii: "\\")))
        }
    }

    @Test func aStringsBytesReadWhereTheyLieAreItsUTF8AndItsTrimmingAndNULsAsBefore() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let cell = randomCell(&random) + (random.next(in: 0...3) == 0 ? "\u{0}" : "")
            // A substring's copy and a string bridged from Foundation, besides the native one.
            for text in [cell, String(cell.dropFirst(0)), String(NSString(string: cell))] {
                #expect(text.withBytes { Array($0) } == Array(text.utf8))
                #expect(text.containsByte(0) == text.utf8.contains(0))
                #expect(text.trimmed == Self.trimmedByCharacters(text), "\(text.debugDescription)")
            }
        }
    }

    /// `trimmed` as it was written before it looked at bytes.
    private static func trimmedByCharacters(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = text.lastIndex(where: { !$0.isWhitespace })!
        return String(text[first...last])
    }

    @Test func fieldPathsAreSpelledAsMessagesSpelledThem() {
        let parties = FieldPath.record.appending("parties")
        #expect(FieldPath.record.appending("id").description == "id")
        #expect(parties.item(2).description == "parties[2]")
        #expect(parties.item(2).appending("role").description == "parties[2].role")
        #expect(FieldPath.record.appending("figures").appending("participants").description == "figures.participants")
        #expect(parties.item(2).appending("role").appending("x").description == "parties[2].role.x")
        #expect(parties.item(2).appending("role").item(3).description == "parties[2].role[3]")
    }

    @Test func valuesBoundOneByOneReadBackAsWritten() throws {
        let store = try Store.inMemory()
        var p = Partnership(id: "p-1", title: "Ünïcode — 한국 😀", summary: "", form: .license, status: .active,
                            signed: PartialDate("2020-02"), durationMonths: 0,
                            parties: [Party(organization: "o-1", role: .licensor)], territories: ["KR", "ASEAN"],
                            products: [Product(name: "X", kind: .drug, indication: nil, therapeuticArea: "")],
                            financials: [FinancialTerm(type: .upfront, amount: 1.5e-6, currency: "USD", wording: "a;b"),
                                         FinancialTerm(type: .milestone)],
                            figures: [.participants: 12, .editions: 0], tags: ["t"], labels: ["rnd"], sources: ["s-1"])
        p.end = PartialDate("2021")
        let d = Dataset(sources: [Source(id: "s-1", title: "S", publisher: "", url: nil)],
                        organizations: [Organization(id: "o-1", name: "O", aliases: ["", "Ö"], kind: .biotech, country: "KR",
                                                     sources: ["s-1"])],
                        partnerships: [p])
        try store.upsert(d)
        #expect(try store.dataset() == d)
    }

    @Test func datesReadFromBytesAsTheOldParserReadThem() {
        var random = SeededRandom(seed: 2019)
        let pieces = ["0", "1", "2", "9", "-", "00", "12", "31", "29", "2019", "2024", "0000", "٣", "\u{301}", " ", "x"]
        for _ in 0..<20_000 {
            let text = (0..<random.next(in: 0...6)).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
            #expect(PartialDate(text) == oldDate(text), "\(text.debugDescription)")
        }
        for text in ["2019", "2019-06", "2020-02-29", "2019-02-29", "2019-13", "0000", "2019-6", "２０１９"] {
            #expect(PartialDate(text) == oldDate(text), "\(text)")
        }
    }

    @Test func idsAreCheckedOnBytesAsTheOldCheckDid() {
        var random = SeededRandom(seed: 99)
        let pieces = ["a", "z", "0", "9", "-", "--", "A", "é", "_", " ", "ab-12"]
        for _ in 0..<20_000 {
            let text = (0..<random.next(in: 0...5)).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
            let old = !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
                && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            #expect(Slug.isValid(text) == old, "\(text.debugDescription)")
        }
    }

    /// The date parser before it read bytes: the oracle.
    private func oldDate(_ text: String) -> PartialDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]) else { return nil }
        return PartialDate(year: year, month: parts.count > 1 ? Int(parts[1]) : nil, day: parts.count > 2 ? Int(parts[2]) : nil)
    }

    /// The splitter before it read bytes through a buffer: the oracle.
    private func oldSplit(_ text: String, on separator: Character) -> [String] {
        let sep = separator.asciiValue!, backslash = UInt8(ascii: "\\")
        let utf8 = text.utf8
        var items: [String] = [], start = utf8.startIndex, i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == backslash {
                i = utf8.index(after: i)
                if i == utf8.endIndex { break }
            } else if byte == sep {
                items.append(String(text[start..<i]))
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        items.append(start == utf8.startIndex ? text : String(text[start...]))
        return items
    }
}
