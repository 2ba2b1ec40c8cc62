@testable import AccordReports
import Testing

@Suite struct SheetNameTests {
    @Test("A title too long for Excel is cut to 31 characters, between words where it can")
    func longTitlesAreCut() {
        var names = SheetNames()
        #expect(names.name(for: "Partnerships by therapeutic area and by quarter", fallback: "t") == "Partnerships by therapeutic")
        #expect(names.name(for: "Partnerships by therapeutic-area-and-by-quarter", fallback: "t") == "Partnerships by therapeutic-are")
        #expect(names.name(for: "Partnerships by therapeutic area, by year", fallback: "t") == "Partnerships by therapeutic (2)")
        let korean = names.name(for: String(repeating: "한국제약바이오협회", count: 5), fallback: "t")
        #expect(korean.unicodeScalars.count <= 31)
        #expect(korean.allSatisfy { "한국제약바이오협회".contains($0) })
    }

    @Test("Characters Excel forbids in a sheet name become spaces, and apostrophes leave the ends")
    func forbiddenCharactersGo() {
        var names = SheetNames()
        #expect(names.name(for: "R&D [2019]: who/what?*\\", fallback: "t") == "R&D 2019 who what")
        #expect(names.name(for: "'quoted'", fallback: "t") == "quoted")
        #expect(names.name(for: "line\nbreak\ttab", fallback: "t") == "line break tab")
    }

    @Test("Names are unique whatever their case, numbered from 2, and still at most 31 characters")
    func namesAreUnique() {
        var names = SheetNames(reserving: ["Partnerships", "About"])
        #expect(names.name(for: "By form", fallback: "t") == "By form")
        #expect(names.name(for: "BY FORM", fallback: "t") == "BY FORM (2)")
        #expect(names.name(for: "by form", fallback: "t") == "by form (3)")
        #expect(names.name(for: "partnerships", fallback: "t") == "partnerships (2)")
        #expect(names.name(for: "about", fallback: "t") == "about (2)")
        let long = String(repeating: "x", count: 40)
        #expect(names.name(for: long, fallback: "t") == String(repeating: "x", count: 31))
        #expect(names.name(for: long, fallback: "t") == String(repeating: "x", count: 27) + " (2)")
    }

    @Test("History is Excel's own sheet, and a title with nothing left takes the fallback")
    func historyAndEmpty() {
        var names = SheetNames()
        #expect(names.name(for: "History", fallback: "t") == "History (2)")
        #expect(names.name(for: "[]:*?", fallback: "by-form") == "by-form")
        #expect(names.name(for: "", fallback: "by-form") == "by-form (2)")
    }
}
