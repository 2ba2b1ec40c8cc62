import Foundation
import Testing
@testable import AccordCore

/// Quoting as RFC 4180 has it: what is valid keeps every character, and what is
/// not is a problem naming the line and the column, never a guess.
@Suite struct CSVQuotingTests {
    let known = KnownIDs(sources: ["press"], organizations: ["acme", "bolt"])
    let header = "id,title,form,parties,sources"

    func row(_ id: String, title: String) -> String { "\(id),\(title),license,acme:licensor;bolt:licensee,press" }

    @Test func anUnclosedQuoteIsAProblemAndDoesNotSwallowTheNextRow() {
        let text = [header, row("first", title: "\"An unclosed title"), row("second", title: "Second")].joined(separator: "\n") + "\n"
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.description) == [
            "deals.csv:2: row 1 field 'title': the quote that opens the cell on line 2 is never closed",
        ])
    }

    @Test func aQuoteInsideAQuotedCellMustBeDoubled() {
        let text = [header, row("quoted", title: "\"Title \"quoted\" inside\"")].joined(separator: "\n") + "\n"
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.description) == [
            "deals.csv:2: partnership 'quoted' field 'title': text after the closing quote of a cell: "
                + "double each quote inside a quoted cell (\"say \"\"yes\"\"\")",
        ])
    }

    @Test func aQuoteOpenedOnOneLineAndEndedBadlyOnAnotherNamesBoth() {
        let text = [header, row("first", title: "\"Unclosed"), row("second", title: "\"Second\"")].joined(separator: "\n") + "\n"
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message.hasPrefix("text after the closing quote of a cell that opens on line 2") == true)
    }

    @Test func aQuoteInsideAnUnquotedCellIsAProblemWithItsLine() {
        let text = [header, row("a", title: "Fine"), row("b", title: "A 12\" screen"), row("c", title: "Fine too")]
            .joined(separator: "\n") + "\n"
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.description) == [
            "deals.csv:3: partnership 'b' field 'title': a quote inside a cell that does not start with one: "
                + "put the whole cell in quotes and double each quote inside it (\"say \"\"yes\"\"\")",
        ])
    }

    @Test func validQuotingKeepsEveryCharacter() throws {
        let titles = ["\"Title \"\"quoted\"\" inside\"", "\"comma, and\nline\"", "\"\"\"\"", "plain 'single' quotes", "\"é, 한국\""]
        let text = [header] + titles.enumerated().map { row("deal-\($0.offset)", title: $0.element) }
        let dataset = try DataImporter.read(texts: [("deals.csv", text.joined(separator: "\r\n"))], known: known)
        #expect(dataset.partnerships.map(\.title) == ["Title \"quoted\" inside", "comma, and\nline", "\"", "plain 'single' quotes", "é, 한국"])
    }

    @Test func carriageReturnLineEndsKeepLineNumbers() {
        let text = [header, row("a", title: "\"two\rlines\""), row("b", title: "B"), "c,,licence,acme:licensor,press"]
            .joined(separator: "\r")
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.line) == [5, 5])
        #expect(found.map(\.field) == ["title", "form"])
    }
}
