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

@Suite struct DisplayNamesTests {
    @Test func everyVocabularyValueHasWordsForReaders() {
        func check<V: DisplayNamed>(_ type: V.Type) {
            for value in V.allCases {
                #expect(!value.displayName.isEmpty && !value.displayName.contains("_"), "\(value.rawValue)")
                #expect(value.displayName.first?.isUppercase == true, "\(value.rawValue)")
            }
        }
        check(OrganizationKind.self)
        check(PartnershipForm.self)
        check(PartnershipStatus.self)
        check(PartyRole.self)
        check(ProductKind.self)
        check(FinancialTermType.self)
    }

    @Test func codesReadAsWords() {
        #expect(PartnershipForm.displayName(of: "co_development") == "Co-development")
        #expect(PartnershipForm.displayName(of: "mou") == "MOU")
        #expect(OrganizationKind.displayName(of: "government_agency") == "Government agency")
        #expect(PartyRole.displayName(of: "government_counterpart") == "Government counterpart")
        #expect(PartnershipForm.displayName(of: "nonsense") == "nonsense")
    }
}
