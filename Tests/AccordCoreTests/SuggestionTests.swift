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

    @Test func knownVariantsComeBeforeEditDistance() {
        let roles = PartyRole.allCases.map(\.rawValue), kinds = OrganizationKind.allCases.map(\.rawValue)
        #expect(Suggestion.hint(for: "licenser", in: roles) == " (did you mean 'licensor'?)")
        #expect(Suggestion.hint(for: "Licencee", in: roles) == " (did you mean 'licensee'?)")
        #expect(Suggestion.hint(for: "pharma", in: kinds) == " (did you mean 'global_pharma' or 'local_pharma'?)")
        #expect(Suggestion.hint(for: "JV", in: PartnershipForm.allCases.map(\.rawValue)) == " (did you mean 'joint_venture'?)")
        #expect(Suggestion.knownVariants(of: "UK", in: Codes.countries) == ["GB"])
        #expect(Suggestion.knownVariants(of: "won", in: Codes.currencies) == ["KRW"])
        // A variant is offered only where it is a candidate.
        #expect(Suggestion.hint(for: "uk", in: ["title", "summary"]) == "")
    }

    @Test func importSuggestsKnownVariantsForValuesAndCodes() {
        let text = variant(("role: exporter", "role: licenser"), ("country: KR\n    parent: dksh", "country: UK\n    parent: dksh"),
                           ("kind: local_pharma", "kind: pharma"))
        #expect(issues("deals.yaml", text).map(\.description) == [
            "deals.yaml:14: organization 'dksh-korea' field 'country': 'UK' is not an ISO 3166-1 alpha-2 code (did you mean 'GB'?)",
            "deals.yaml:19: organization 'hanmi' field 'kind': unknown value 'pharma' (did you mean 'global_pharma' or 'local_pharma'?)",
            "deals.yaml:28: partnership 'dksh-hanmi-2013' field 'parties[2].role': unknown value 'licenser' (did you mean 'licensor'?)",
        ])
    }

    @Test func isCaseInsensitiveAndBreaksTiesAlphabetically() {
        #expect(Suggestion.nearest(to: "TITLE", in: ["title"]) == "title")
        #expect(Suggestion.nearest(to: "cat", in: ["cut", "bat"]) == "bat")
    }
}
