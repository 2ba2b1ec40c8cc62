import Testing
@testable import AccordCore

@Suite struct SuggestionTests {
    @Test func suggestsTheNearestCandidate() {
        #expect(Suggestion.nearest(to: "licence", in: PartnershipForm.allCases.map(\.rawValue)) == "license")
        #expect(Suggestion.nearest(to: "titel", in: ["title", "summary"]) == "title")
        #expect(Suggestion.hint(for: "titel", in: ["title"]) == " (did you mean 'title'?)")
    }

    @Test func ignoresCandidatesTooFarAway() {
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["title", "summary"]) == nil)
        #expect(Suggestion.hint(for: "zzzzzz", in: ["title"]) == "")
    }

    @Test func countsASwapAsOneEdit() {
        #expect(Suggestion.distance("form", "from") == 1)
        #expect(Suggestion.distance("", "abc") == 3)
    }

    @Test func isCaseInsensitiveAndBreaksTiesAlphabetically() {
        #expect(Suggestion.nearest(to: "TITLE", in: ["title"]) == "title")
        #expect(Suggestion.nearest(to: "cat", in: ["cut", "bat"]) == "bat")
    }
}
