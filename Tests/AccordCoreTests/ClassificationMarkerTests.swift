import Foundation
import Testing
@testable import AccordCore

/// What the store knows of saved labels going stale: which partnerships are new or
/// changed since a classification run saved theirs.
@Suite struct ClassificationMarkerTests {
    let store: Store
    let dksh = "dksh-hanmi-sea-export-2013", khidi = "khidi-program-2019", grindeks = "grindeks-mou"
    var all: [String] { [dksh, grindeks, khidi] }

    init() throws {
        store = try Store.inMemory()
        try store.upsert(richDataset)
    }

    func run(_ id: String, packs: String = "standard 1.0.0 sha256:ab12") -> ClassificationRun {
        let started = try! Date("2026-11-22T03:10:00Z", strategy: .iso8601)
        return ClassificationRun(id: id, started: started, finished: started, packs: packs, partnerships: 0, labels: 0)
    }

    func label(_ name: String, run: String) -> AssignedLabel {
        AssignedLabel(label: name, isPrimary: true, origin: .rule, rule: "standard.\(name)", pack: "standard",
                      packVersion: "1.0.0", packDigest: "sha256:ab12", runID: run)
    }

    func changed(_ unclassified: Bool = true) throws -> [String] {
        var filter = PartnershipFilter()
        filter.unclassified = unclassified
        return try store.partnerships(filter).map(\.id).sorted()
    }

    @Test func aPartnershipIsChangedFromItsImportUntilARunClassifiesIt() throws {
        #expect(try store.classificationState().newest == nil)
        #expect(try store.classificationState().changed == 3)
        #expect(try changed() == all)

        try store.saveClassification(run("r1"), labels: [dksh: [label("export", run: "r1")], khidi: [], grindeks: []])
        #expect(try store.classificationState().newest?.id == "r1")
        #expect(try store.classificationState().changed == 0)

        // Written again unchanged, nothing changed; with another value, in the record or
        // in one of its lists, it changed and the others stay classified.
        try store.upsert(richDataset)
        #expect(try changed() == [])
        var program = richDataset.partnerships.first { $0.id == khidi }!
        program.parties[0].role = .host
        try store.upsert(Dataset(partnerships: [program]))
        #expect(try changed() == [khidi])
        #expect(try changed(false) == [dksh, grindeks])

        try store.saveClassification(run("r2"), labels: [khidi: [label("training", run: "r2")]])
        #expect(try store.classificationState() == (newest: run("r2"), changed: 0))
    }

    @Test func anOrganizationWrittenAgainChangesItsPartnerships() throws {
        try store.saveClassification(run("r1"), labels: Dictionary(uniqueKeysWithValues: all.map { ($0, []) }))
        var hanmi = richDataset.organizations.first { $0.id == "hanmi" }!
        hanmi.kind = .globalPharma
        try store.upsert(Dataset(organizations: [hanmi]))
        #expect(try changed() == [dksh])

        // The same through an import of files, as `accord import` writes: unchanged, then changed.
        try store.saveClassification(run("r2"), labels: [dksh: []])
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("orgs.yaml")
            for country in ["CH", "SG"] {
                try "organizations:\n  - {id: dksh, name: DKSH, kind: distributor, country: \(country), sources: [krpia]}\n"
                    .write(to: file, atomically: true, encoding: .utf8)
                try store.importFiles([file.path])
                #expect(try changed() == (country == "CH" ? [] : [grindeks]),
                        "dksh is a party to the Grindeks MOU only; DKSH Korea is another organization")
            }
        }
    }

    @Test func aRunWithOtherPacksLeavesWhatItDidNotClassifyChanged() throws {
        try store.saveClassification(run("r1"), labels: Dictionary(uniqueKeysWithValues: all.map { ($0, []) }))
        try store.saveClassification(run("r2", packs: "standard 1.1.0 sha256:ef56"), labels: [dksh: []])
        #expect(try changed() == [grindeks, khidi])
        // A batched run over everything leaves nothing changed.
        let full = try store.saveClassification(run("r3", packs: "standard 1.1.0 sha256:ef56"), filter: PartnershipFilter()) { batch in
            batch.map { ($0.id, []) }
        }
        #expect(full.partnerships == 3)
        #expect(try changed() == [])
    }

    /// What `classificationState` says, checked against a count of the partnerships not classified.
    func stateCounted() throws -> Int {
        let said = try store.classificationState().changed
        let counted = try store.reading(Store.unclassifiedCount)
        #expect(said == counted)
        return said
    }

    @Test func aRunOfEveryPartnershipLeavesThemCurrentUntilTheDataChanges() throws {
        let everything = { (id: String, packs: String) in
            try self.store.saveClassification(self.run(id, packs: packs), filter: PartnershipFilter()) { batch in batch.map { ($0.id, []) } }
        }
        #expect(try stateCounted() == 3)
        try everything("r1", "standard 1.0.0 sha256:ab12")
        #expect(try stateCounted() == 0)
        // Each change that makes partnerships stale raises the revision, and they are counted again.
        var program = richDataset.partnerships.first { $0.id == khidi }!
        program.title += " (renewed)"
        try store.upsert(Dataset(partnerships: [program]))
        #expect(try stateCounted() == 1)
        try everything("r2", "standard 1.0.0 sha256:ab12")
        try store.saveClassification(run("r3", packs: "standard 1.1.0 sha256:ef56"), labels: [dksh: []])
        #expect(try stateCounted() == 2, "a run with other packs leaves what it did not classify stale")
        try everything("r4", "standard 1.1.0 sha256:ef56")
        var hanmi = richDataset.organizations.first { $0.id == "hanmi" }!
        hanmi.kind = .globalPharma
        try store.upsert(Dataset(organizations: [hanmi]))
        #expect(try stateCounted() == 1)
        try everything("r5", "standard 1.1.0 sha256:ef56")
        _ = try store.delete([grindeks])
        #expect(try stateCounted() == 0)
        // Back as first imported: the program's title, Hanmi's kind (a party to the DKSH deal), and the MOU.
        try store.upsert(richDataset)
        #expect(try stateCounted() == 3)
    }

    @Test func labelsKnownCurrentAreNotCounted() throws {
        try store.saveClassification(run("r1"), filter: PartnershipFilter()) { batch in batch.map { ($0.id, []) } }
        // A change made behind the store's back, which raises no revision, goes unseen: nothing was counted.
        try store.writing { db in try db.execute(sql: "DELETE FROM classified WHERE partnership_id = ?", arguments: [khidi]) }
        #expect(try store.classificationState().changed == 0)
        try store.writing { db in try Store.raiseRevision(db) }
        #expect(try store.classificationState().changed == 1)
    }

    @Test func theProvenanceOfAPeriodNamesItsRunsAndCountsWhatHasNoLabel() throws {
        try store.saveClassification(run("r1"), labels: [dksh: [label("export", run: "r1")], khidi: [], grindeks: []])
        try store.saveClassification(run("r2"), labels: [khidi: []])
        let everything = try store.labelProvenance(PartnershipFilter())
        #expect(everything.runs.map(\.id) == ["r2", "r1"])
        #expect(everything.partnerships == 3)
        // The Grindeks MOU has no label; dksh has labels set by hand and saved ones; khidi has none.
        #expect(everything.unlabelled == 2)
        #expect(everything.unclassified == 0)

        var mou = richDataset.partnerships.first { $0.id == grindeks }!
        mou.title += " (signed)"
        try store.upsert(Dataset(partnerships: [mou]))
        let one = try store.labelProvenance(PartnershipFilter(ids: [grindeks, khidi]))
        #expect(one.runs.map(\.id) == ["r2"])
        #expect(one.partnerships == 2 && one.unlabelled == 2 && one.unclassified == 1)
    }

    @Test func partnershipsOfAnOlderDatabaseStartChanged() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v3.db").path
            try Migrations.createDatabase(path: path, upTo: "v3", sql: """
                INSERT INTO partnership (id, title, form, status) VALUES ('old', 'Old deal', 'license', 'signed');
                INSERT INTO classification_run (id, started, finished, packs, partnerships, labels)
                VALUES ('r0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'standard 1.0.0 sha256:ab12', 1, 1);
                INSERT INTO assigned_label (partnership_id, position, label, is_primary, origin, run_id)
                VALUES ('old', 0, 'rnd', 1, 'rule', 'r0');
                """)
            let store = try Store(path: path)
            #expect(try store.classificationState().newest?.id == "r0")
            #expect(try store.classificationState().changed == 1)
        }
    }
}
