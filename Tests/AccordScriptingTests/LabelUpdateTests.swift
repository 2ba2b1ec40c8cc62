import AccordCore
@testable import AccordScripting
import Foundation
import Testing

/// How a report's update of the saved labels asks for the partnerships out of date.
@Suite struct LabelUpdateTests {
    @Test func anUpdateSharesTheOrganizationsAsTheCountItHasSays() throws {
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let workspace = Workspace(root: FileManager.default.temporaryDirectory, config: WorkspaceConfig())
        let update = LabelUpdate(workspace: workspace, store: store, limits: ScriptLimits())
        let organizations = try store.organizationCount()
        #expect(organizations > 1)

        let changed = try update.request(for: LabelUpdate.Plan(packs: "", partnerships: organizations - 1, all: false))
        #expect(changed.sharesOrganizations == false, "decided, not left to a count of the partnerships to classify")
        #expect(changed.filter.unclassified == true)
        #expect(changed.save)

        let every = try update.request(for: LabelUpdate.Plan(packs: "", partnerships: organizations, all: true))
        #expect(every.sharesOrganizations == true)
        #expect(every.filter.unclassified == nil)
    }
}
