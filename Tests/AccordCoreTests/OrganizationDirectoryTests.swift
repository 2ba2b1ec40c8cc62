@testable import AccordCore
import Testing

/// The frames and large listings find each organization's country and name by its id's bytes.
@Suite struct OrganizationDirectoryTests {
    @Test func anOrganizationsCountryAndNameAreFoundByItsIdAndNoneForAnUnknownId() throws {
        let store = try Store.inMemory()
        try store.upsert(Dataset(organizations: [
            Organization(id: "roche", name: "Roche", kind: .globalPharma, country: "CH"),
            Organization(id: "roche-korea", name: "Roche Korea", kind: .globalPharma, country: "KR", parent: "roche"),
            Organization(id: "한미약품", name: "한미약품", kind: .localPharma, country: "KR"),
        ]))
        let countries = try store.reading { db in try OrganizationDirectory(db, names: false) }
        let directory = try store.organizationDirectory()
        for read in [countries, directory] {
            #expect(read.country(of: "roche") == "CH")
            #expect(read.country(of: "roche-korea") == "KR")
            #expect(read.country(of: "한미약품") == "KR")
            #expect(read.country(of: "roch") == nil)
        }
        #expect(directory.name(of: "roche-korea") == "Roche Korea")
        #expect(directory.name(of: "한미약품") == "한미약품")
        #expect(directory.name(of: "roch") == nil)
        #expect(countries.name(of: "roche") == nil, "names not read")
    }
}
