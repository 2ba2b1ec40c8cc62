import Testing
@testable import AccordCore

@Suite struct PlaceNamesTests {
    @Test func everyCountryCodeAndGroupHasAName() {
        #expect(Set(PlaceNames.countries.keys) == Codes.countries)
        #expect(Set(PlaceNames.groups.keys) == Set(Territory.groups.keys))
        #expect(PlaceNames.countries.values.allSatisfy { !$0.isEmpty && !$0.contains(",") })
    }

    @Test func readersSeeCommonNames() {
        #expect(PlaceNames.territory("KR") == "South Korea")
        #expect(PlaceNames.territory("LV") == "Latvia")
        #expect(PlaceNames.territory("VN") == "Vietnam")
        #expect(PlaceNames.territory("ASEAN") == "ASEAN")
        #expect(PlaceNames.territory("GLOBAL") == "Worldwide")
        #expect(PlaceNames.territory("XX") == "XX")
    }
}
