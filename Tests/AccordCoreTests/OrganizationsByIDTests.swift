@testable import AccordCore
import Testing

/// A classification finds each party's organization by the bytes of its id.
@Suite struct OrganizationsByIDTests {
    @Test func anOrganizationIsFoundByItsIdTheFirstOfTwoWithOneIdAndNoneForAnUnknownId() {
        var organizations = OrganizationsByID([
            Organization(id: "roche", name: "Roche", kind: .globalPharma, country: "CH"),
            Organization(id: "한미약품", name: "한미약품", kind: .localPharma, country: "KR"),
            Organization(id: "roche", name: "Roche again", kind: .globalPharma, country: "CH"),
        ])
        organizations.add(Organization(id: "", name: "No id", kind: .other, country: "KR"))
        #expect(organizations.count == 3)
        #expect(organizations[id: "roche"]?.name == "Roche")
        #expect(organizations[id: "한미약품"]?.country == "KR")
        #expect(organizations[id: ""]?.name == "No id")
        #expect(organizations[id: "roch"] == nil && organizations[id: "roche "] == nil)
        let many = OrganizationsByID((0..<5000).map { Organization(id: "org-\($0)", name: "\($0)", kind: .biotech, country: "KR") })
        #expect((0..<5000).allSatisfy { many[id: "org-\($0)"]?.name == "\($0)" })
    }
}
