@testable import AccordReports
import Testing
import ToolSupport

/// A date as a report writes it, read from its bytes, against the reading by characters it replaced.
@Suite struct CalendarDateTests {
    /// The reading by characters: parts split at `-`, four digits then two and two, ASCII digits only.
    private static func byCharacters(_ text: String) -> (Int, Int?, Int?)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), year >= 1 else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]) : nil
        if let month, !(1...12).contains(month) { return nil }
        if let day, let month, !(1...CalendarDate.days(in: month, of: year)).contains(day) { return nil }
        return (year, month, day)
    }

    private static func same(_ text: String) -> Bool {
        let read = CalendarDate(text), expected = byCharacters(text)
        return read?.year == expected?.0 && read?.month == expected?.1 && read?.day == expected?.2
    }

    @Test func datesOfEveryFormAndTheirNearMissesAreReadAsByCharacters() {
        let texts = ["2019", "2019-06", "2019-06-30", "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "0000",
                     "0001-01-01", "2019-00", "2019-13", "2019-06-31", "2019-06-00", "2019-6-30", "2019-06-", "-2019",
                     "201", "20190", "2019/06/30", "２０１９", "2019-0٦", "2019-06-3\u{301}", "", "2019-06-30 ", "9999-12-31"]
        for text in texts { #expect(Self.same(text), "\(text)") }
        let read = CalendarDate("2019-06-30")
        #expect(read?.year == 2019 && read?.month == 6 && read?.day == 30)
    }

    @Test func randomTextsOfDigitsAndDashesAreReadAsByCharacters() {
        var random = SeededRandom(seed: 20_261_207)
        let pieces = ["0", "1", "2", "9", "3", "-", "a", " ", "٣", "\u{301}", "é"]
        var read = 0
        for _ in 0..<20_000 {
            let length = [4, 7, 10, Int(random.next() % 12)][Int(random.next() % 4)]
            let text = (0..<length).map { _ in
                // Mostly digits where a date has them and dashes where it has those.
                random.next() % 4 == 0 ? pieces[Int(random.next() % UInt64(pieces.count))] : "2"
            }.joined()
            #expect(Self.same(text), "\(text)")
            if CalendarDate(text) != nil { read += 1 }
        }
        #expect(read > 100) // enough valid dates among them to mean something
    }
}
