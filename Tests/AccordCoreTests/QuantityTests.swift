import Testing
@testable import AccordCore

@Suite struct QuantityTests {
    @Test(arguments: [("100", Quantity(100)), ("~62", Quantity(62, .about)), (">100", Quantity(100, .moreThan)),
                      ("100+", Quantity(100, .moreThan)), (">=5", Quantity(5, .atLeast)), ("≥ 5", Quantity(5, .atLeast)),
                      ("<=2", Quantity(2, .upTo)), ("≤2", Quantity(2, .upTo))])
    func aCellsMarkGivesTheQualifier(_ text: String, _ expected: Quantity) {
        let context = RecordContext(file: "f", kind: .partnership, fallbackLabel: .row(1))
        #expect(context.quantity(text, path: .record, line: 1) == expected)
        #expect(context.issues.isEmpty)
    }

    @Test func reportsShowTheQualifiersMark() {
        #expect([Quantity(100), Quantity(62, .about), Quantity(100, .moreThan), Quantity(100, .atLeast), Quantity(2, .upTo)]
            .map(\.text) == ["100", "~62", "100+", "≥ 100", "≤ 2"])
    }

    @Test func aQualifiedFigureInYAMLIsAMapping() throws {
        let d = try read("d.yaml", variant(("    sources: [krpia]", """
                figures:
                  participants: {value: 100, qualifier: more_than}
                  countries: "~7"
                  winners: 2
                sources: [krpia]
            """)))
        #expect(d.partnerships[0].figures == [.participants: Quantity(100, .moreThan), .countries: Quantity(7, .about), .winners: 2])
    }

    @Test func aBadQualifierNamesItsField() {
        let found = issues("d.yaml", variant(("    sources: [krpia]", """
                figures: {participants: {value: 100, qualifier: over}}
                sources: [krpia]
            """)))
        #expect(found.map(\.description) == [
            "d.yaml:29: partnership 'dksh-hanmi-2013' field 'figures.participants.qualifier': unknown value 'over'",
        ])
    }

    @Test func anUnnamedPartyHasADescriptionAndAKindButNoOrganization() {
        let found = issues("d.yaml", variant(("{org: hanmi, role: exporter}", "{org: hanmi, description: x, kind: other, role: exporter}")))
        #expect(found.map(\.description) == [
            "d.yaml:28: partnership 'dksh-hanmi-2013' field 'parties[2].org': a party names an organization (org) or describes one (description), not both",
        ])
        let missingKind = issues("d.yaml", variant(("{org: hanmi, role: exporter}", "{description: Korean exporters, role: exporter}")))
        #expect(missingKind.map(\.description) == ["d.yaml:28: partnership 'dksh-hanmi-2013' field 'parties[2].kind': missing required field"])
    }
}
