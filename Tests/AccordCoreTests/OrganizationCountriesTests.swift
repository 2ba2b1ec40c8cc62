@testable import AccordCore
import Testing

/// The frames find each organization's country by its id's bytes.
@Suite struct OrganizationCountriesTests {
    @Test func anOrganizationsCountryIsFoundByItsIdAndNoneForAnUnknownId() throws {
        let store = try Store.inMemory()
        try store.upsert(Dataset(organizations: [
            Organization(id: "roche", name: "Roche", kind: .globalPharma, country: "CH"),
            Organization(id: "roche-korea", name: "Roche Korea", kind: .globalPharma, country: "KR", parent: "roche"),
            Organization(id: "한미약품", name: "한미약품", kind: .localPharma, country: "KR"),
        ]))
        let countries = try store.reading { db in try OrganizationCountries(db) }
        #expect(countries.country(of: "roche") == "CH")
        #expect(countries.country(of: "roche-korea") == "KR")
        #expect(countries.country(of: "한미약품") == "KR")
        #expect(countries.country(of: "roch") == nil)
    }
}
