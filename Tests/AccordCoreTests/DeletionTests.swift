import Foundation
import Testing
@testable import AccordCore

@Suite struct DeletionTests {
    let store: Store

    init() throws {
        store = try Store.inMemory()
        try store.importTexts([("base.yaml", baseYAML)])
    }

    /// `baseYAML` with a second partnership citing both sources, and an organization citing one.
    static let cited = baseYAML + """
          - id: hanmi-press-2014
            title: Hanmi in the press
            form: other
            parties:
              - {org: hanmi, role: collaborator}
            sources: [krpia, press]
        """

    @Test func deletingAPartnershipTakesItsListsAndSavedLabelsAndRaisesTheRevision() throws {
        let run = ClassificationRun(id: "r1", started: Date(), finished: Date(), packs: "standard 1.0.0", partnerships: 1, labels: 1)
        try store.saveClassification(run, labels: ["dksh-hanmi-2013": [AssignedLabel(label: "export", isPrimary: true, origin: .manual,
                                                                                       runID: "r1")]])
        let revision = try store.revision()
        let deletion = try store.delete(["dksh-hanmi-2013"])
        #expect(deletion.steps == [.delete(RecordRef(.partnership, "dksh-hanmi-2013"))])
        #expect(try store.partnership(id: "dksh-hanmi-2013") == nil)
        let rows = try store.rowCounts()
        #expect(rows["party"] == 0 && rows["partnership_source"] == 0 && rows["assigned_label"] == 0)
        #expect(rows["organization"] == 3 && rows["source"] == 2)
        #expect(try store.revision() > revision)
    }

    @Test func unknownIdsAreRefusedAndNothingIsDeleted() throws {
        let (before, revision) = (try store.dataset(), try store.revision())
        let refused = try #require(throws: DeletionRefused.self) { try store.delete(["press", "nope", "gone"]) }
        #expect(refused.unknown == ["nope", "gone"])
        #expect(refused.lines == ["no record has the id 'nope'", "no record has the id 'gone'"])
        let wrongKind = try #require(throws: DeletionRefused.self) { try store.delete(["press"], kind: .organization) }
        #expect(wrongKind.lines == ["no organization has the id 'press'"])
        let many = (1...25).map { "gone-\($0)" }
        let manyRefused = try #require(throws: DeletionRefused.self) { try store.delete(many) }
        #expect(manyRefused.lines(placing: { "ids.txt:\($0.dropFirst(5))" }) == many.prefix(10).map { "no record has the id '\($0)' (ids.txt:\($0.dropFirst(5)))" }
                + ["and 15 more ids that name no record"])
        #expect(try store.dataset() == before)
        #expect(try store.revision() == revision)
    }

    @Test func anIdNamingRecordsOfTwoKindsNeedsItsKind() throws {
        try store.importTexts([("more.yaml", """
            partnerships:
              - {id: press, title: A press partnership, form: other, parties: [{org: hanmi, role: collaborator}], sources: [krpia]}
            """)])
        let ambiguous = try #require(throws: AmbiguousIDs.self) { try store.delete(["press"]) }
        #expect(ambiguous.description == "'press' names a source and a partnership")
        try store.delete(["press"], kind: .partnership)
        #expect(try store.partnership(id: "press") == nil)
        #expect(try store.sources().map(\.id) == ["krpia", "press"])
    }

    @Test func aRecordStillNamedOrCitedIsRefusedWithWhatNamesIt() throws {
        let before = try store.dataset()
        let group = try #require(throws: DeletionRefused.self) { try store.delete(["dksh", "hanmi"]) }
        #expect(group.lines == ["organization 'hanmi' is named by partnership 'dksh-hanmi-2013' (parties)",
                                "organization 'dksh' is named by organization 'dksh-korea' (parent)"])
        let source = try #require(throws: DeletionRefused.self) { try store.delete(["krpia"]) }
        #expect(source.references == [RecordReference(from: RecordRef(.partnership, "dksh-hanmi-2013"),
                                                      to: RecordRef(.source, "krpia"), field: "sources")])
        #expect(try store.dataset() == before)
        // Deleted together, nothing that stays names them.
        try store.delete(["hanmi", "dksh-hanmi-2013", "krpia"])
        #expect(try store.counts() == Store.Counts(sources: 1, organizations: 2, partnerships: 0))
    }

    @Test func manyReferencesAreCountedBeyondTheFirstTen() throws {
        let deals = (1...12).map { "  - {id: deal-\(String(format: "%02d", $0)), title: Deal, form: mou, parties: [{org: hanmi, role: signatory}], sources: [press]}" }
        try store.importTexts([("deals.yaml", "partnerships:\n" + deals.joined(separator: "\n") + "\n")])
        let refused = try #require(throws: DeletionRefused.self) { try store.delete(["press"]) }
        #expect(refused.lines == ["source 'press' is cited by " + (1...10).map { "partnership 'deal-\(String(format: "%02d", $0))' (sources)" }
            .joined(separator: ", ") + ", and 2 more"])
    }

    @Test func cascadeDeletesThePartnershipsNamingAnOrganizationAndLeavesSubsidiariesWithoutAParent() throws {
        let deletion = try store.delete(["dksh", "hanmi"], cascade: true)
        #expect(deletion.steps == [
            .delete(RecordRef(.organization, "dksh")), .delete(RecordRef(.organization, "hanmi")),
            .deletePartnershipNaming(partnership: "dksh-hanmi-2013", organizations: ["hanmi"]),
            .clearParent(organization: "dksh-korea", parent: "dksh"),
        ])
        #expect(try store.organizations().map(\.id) == ["dksh-korea"])
        #expect(try store.organization(id: "dksh-korea")?.parent == nil)
        #expect(try store.partnerships().isEmpty)
    }

    @Test func cascadeOnASourceDeletesWhatCitesNothingElseAndUncitesTheRest() throws {
        try store.importTexts([("cited.yaml", Self.cited)])
        let deletion = try store.delete(["krpia"], cascade: true)
        #expect(deletion.steps == [
            .delete(RecordRef(.source, "krpia")),
            .deletePartnershipCiting(partnership: "dksh-hanmi-2013", sources: ["krpia"]),
            .removeCitations(RecordRef(.partnership, "hanmi-press-2014"), sources: ["krpia"]),
        ])
        #expect(try store.partnerships().map(\.id) == ["hanmi-press-2014"])
        #expect(try store.partnership(id: "hanmi-press-2014")?.sources == ["press"])
    }

    @Test func aRecordChangedByADeletionIsUpdatedByTheNextImportOfItsOldForm() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("cited.yaml")
            try Self.cited.write(to: file, atomically: true, encoding: .utf8)
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles([file.path])
            try store.delete(["press"], cascade: true)
            let counts = try store.importFiles([file.path])
            #expect(counts.sources.added == 1 && counts.partnerships.updated == 1 && counts.partnerships.unchanged == 1)
            #expect(try store.partnership(id: "hanmi-press-2014")?.sources == ["krpia", "press"])
        }
    }

    @Test func aDryRunSaysWhatWouldChangeAndChangesNothing() throws {
        try store.importTexts([("cited.yaml", Self.cited)])
        let (before, revision) = (try store.dataset(), try store.revision())
        let dry = try store.delete(["dksh", "press"], cascade: true, dryRun: true)
        #expect(dry.deleted == [RecordRef(.organization, "dksh"), RecordRef(.source, "press")])
        #expect(try store.dataset() == before)
        #expect(try store.revision() == revision)
        #expect(try store.delete(["dksh", "press"], cascade: true) == dry)
        #expect(try store.dataset() != before)
    }
}
