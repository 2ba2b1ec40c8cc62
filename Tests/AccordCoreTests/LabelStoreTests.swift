import Foundation
import GRDB
import Testing
@testable import AccordCore

@Suite struct LabelStoreTests {
    let store: Store
    let dksh = "dksh-hanmi-sea-export-2013", khidi = "khidi-program-2019", grindeks = "grindeks-mou"

    init() throws {
        store = try Store.inMemory()
        try store.upsert(richDataset)
    }

    func run(_ id: String, at time: String = "2026-11-22T03:10:00Z") -> ClassificationRun {
        let started = try! Date(time, strategy: .iso8601)
        return ClassificationRun(id: id, started: started, finished: started.addingTimeInterval(2),
                                 packs: "standard 1.0.0 sha256:ab12, team 0.2.0 sha256:cd34", partnerships: 3, labels: 2)
    }

    func rule(_ label: String, primary: Bool = false, run: String) -> AssignedLabel {
        AssignedLabel(label: label, isPrimary: primary, origin: .rule, rule: "standard.\(label)", pack: "standard",
                      packVersion: "1.0.0", packDigest: "sha256:ab12", evidence: "mentions \(label)", runID: run)
    }

    @Test func savesARunAndItsLabels() throws {
        let r = run("r1")
        let labels = [
            dksh: [AssignedLabel(label: "export", isPrimary: true, origin: .manual, runID: "r1"),
                   rule("open_innovation", run: "r1")],
            khidi: [rule("training", primary: true, run: "r1")],
        ]
        try store.saveClassification(r, labels: labels)
        #expect(try store.classificationRuns() == [r])
        #expect(try store.assignedLabels() == labels)
        #expect(try store.assignedLabels(for: [khidi, grindeks, "nope"]) == [khidi: labels[khidi]!])
        #expect(try store.assignedLabels(for: []) == [:])
        // What scripts see as p.labels: the names, for any number of ids (a long list once read every label).
        let many = [khidi, grindeks, "nope"] + (0..<2000).map { "absent-\($0)" }
        #expect(try store.savedLabelNames(for: many) == [khidi: labels[khidi]!.map(\.label)])
        #expect(try store.savedLabelNames(for: []) == [:])
        // What a report's listing shows: each label, primary or not, found by the partnerships' keys.
        let listed = try store.savedLabels(of: store.partnerships(PartnershipFilter(ids: [dksh, khidi, grindeks])))
        #expect(listed.mapValues { $0.map { $0.label + ($0.isPrimary ? " (primary)" : "") } }
                    == [dksh: ["export (primary)", "open_innovation"], khidi: ["training (primary)"]])
        #expect(try store.savedLabels(of: []).isEmpty)
        #expect(try store.rowCounts()["classification_run"] == 1 && store.rowCounts()["assigned_label"] == 3)
        // Each label names its run, rule and pack by a stamp the run's labels share: the manual label's, and each rule's.
        #expect(try store.rowCounts()["label_stamp"] == 3)
    }

    @Test func aSavedLabelWhoseStampIsMissingIsAnErrorNamingItsPartnership() throws {
        try store.saveClassification(run("r1"), labels: [khidi: [rule("training", primary: true, run: "r1")]])
        try store.writing { db in try db.execute(sql: "DELETE FROM label_stamp") }
        #expect { try store.assignedLabels() } throws: { error in
            "\(error)".contains("partnership \(khidi) cites stamp") && "\(error)".contains("label_stamp does not hold")
        }
    }

    @Test func aRunsIdEndsInEightHexDigitsWhateverItsRandomPart() throws {
        let started = try Date("2026-11-22T03:10:00Z", strategy: .iso8601)
        #expect(ClassificationRun.newID(at: started, random: 0x1a2b) == "2026-11-22T03:10:00Z-00001a2b")
        #expect(ClassificationRun.newID(at: started, random: 0) == "2026-11-22T03:10:00Z-00000000")
        #expect(ClassificationRun.newID(at: started, random: .max) == "2026-11-22T03:10:00Z-ffffffff")
        #expect(ClassificationRun.newID(at: started).count == "2026-11-22T03:10:00Z-".count + 8)
    }

    @Test func runsAreListedNewestFirst() throws {
        for (id, time) in [("old", "2026-11-20T23:00:00Z"), ("new", "2026-11-22T01:00:00Z"), ("mid", "2026-11-21T12:00:00Z")] {
            try store.saveClassification(run(id, at: time), labels: [:])
        }
        #expect(try store.classificationRuns().map(\.id) == ["new", "mid", "old"])
    }

    @Test func aRunReplacesTheLabelsOfWhatItClassifiedOnly() throws {
        try store.saveClassification(run("r1"), labels: [dksh: [rule("export", primary: true, run: "r1")],
                                                         khidi: [rule("training", primary: true, run: "r1")]])
        let second = [rule("rnd", primary: true, run: "r2"), rule("export", run: "r2")]
        try store.saveClassification(run("r2", at: "2026-11-23T00:00:00Z"), labels: [dksh: second])
        #expect(try store.assignedLabels() == [dksh: second, khidi: [rule("training", primary: true, run: "r1")]])

        try store.saveClassification(run("r3", at: "2026-11-24T00:00:00Z"), labels: [khidi: []])
        #expect(try store.assignedLabels() == [dksh: second])
        #expect(try store.classificationRuns().map(\.id) == ["r3", "r2", "r1"])
    }

    @Test func anUnknownPartnershipChangesNothing() throws {
        let labels = [dksh: [rule("export", primary: true, run: "r1")]]
        try store.saveClassification(run("r1"), labels: labels)
        let rows = try store.rowCounts()
        #expect(throws: (any Error).self) {
            try store.saveClassification(run("r2"), labels: [dksh: [], "no-such-deal": [rule("rnd", run: "r2")]])
        }
        #expect(throws: (any Error).self, "a run id is saved once") {
            try store.saveClassification(run("r1"), labels: [dksh: []])
        }
        #expect(try store.assignedLabels() == labels)
        #expect(try store.classificationRuns() == [run("r1")])
        #expect(try store.rowCounts() == rows)
    }

    /// A batched run, as `classify --save` makes it: labels may come a batch late, or after the
    /// last batch; only what the run returns is replaced, and a failure saves nothing.
    @Test func aBatchedRunSavesLabelsReturnedLateAndReplacesWhatItClassified() throws {
        try store.saveClassification(run("r1"), labels: [dksh: [rule("export", primary: true, run: "r1")],
                                                         khidi: [rule("training", primary: true, run: "r1")]])
        func labels(_ batch: [Partnership], run: String) -> BatchLabels {
            batch.map { ($0.id, $0.id == grindeks ? [] : [rule("rnd", primary: true, run: run)]) }
        }
        // One partnership a batch, each batch's labels returned with the next one's.
        func late(_ filter: PartnershipFilter, run id: String) throws -> ClassificationRun {
            var previous: [Partnership] = []
            return try store.saveClassification(run(id), filter: filter, size: 1, { batch in
                defer { previous = batch }
                return labels(previous, run: id)
            }, remaining: { labels(previous, run: id) })
        }
        let some = try late(PartnershipFilter(ids: [dksh, grindeks]), run: "r2")
        #expect((some.partnerships, some.labels) == (2, 1))
        #expect(try store.rowCounts()["label_stamp"] == 3, "r1's two stamps stay beside r2's one")
        #expect(try store.assignedLabels() == [dksh: [rule("rnd", primary: true, run: "r2")],
                                               khidi: [rule("training", primary: true, run: "r1")]])

        let rows = try store.rowCounts()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            var seen = 0
            try store.saveClassification(run("r3"), filter: PartnershipFilter(), size: 1) { batch in
                seen += 1
                if seen == 3 { throw Stop() }
                return labels(batch, run: "r3")
            }
        }
        #expect(try store.rowCounts() == rows)

        let all = try late(PartnershipFilter(), run: "r4")
        #expect((all.partnerships, all.labels) == (3, 2))
        #expect(try store.assignedLabels() == [dksh: [rule("rnd", primary: true, run: "r4")],
                                               khidi: [rule("rnd", primary: true, run: "r4")]])
        #expect(try store.classificationRuns().map(\.id) == ["r4", "r2", "r1"])
        // The run of every partnership replaced every label, and the stamps of the runs before with its own.
        #expect(try store.rowCounts()["label_stamp"] == 1)
    }

    /// A classifier returns a batch's labels in the batch's order, and they are matched by
    /// position; labels in another order go to the partnerships their ids name all the same.
    @Test(arguments: [false, true])
    func aBatchsLabelsGoToThePartnershipsTheyNameInAnyOrder(reversed: Bool) throws {
        var orders: [[String]] = []
        let saved = try store.saveClassification(run("r1"), filter: PartnershipFilter(), size: 3) { batch in
            orders.append(batch.map(\.id))
            let labels: BatchLabels = batch.map { ($0.id, [rule("of-\($0.id)", primary: true, run: "r1")]) }
            return reversed ? labels.reversed() : labels
        }
        #expect(orders.map(\.count) == [3])
        #expect(saved.labels == 3)
        #expect(try store.assignedLabels() == Dictionary(uniqueKeysWithValues: [dksh, khidi, grindeks].map {
            ($0, [rule("of-\($0)", primary: true, run: "r1")])
        }))
    }
    /// Each batch's labels are staged in a short write; a classification that waits for another
    /// connection's write lock past the busy timeout gives up, saves nothing, and its staged
    /// tables go with the next run.
    @Test func aClassificationThatWaitsPastTheBusyTimeoutSavesNothing() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("accord.db").path
            let file = try Store(path: path, busyTimeout: 0.5)
            try file.upsert(richDataset)
            // Another connection takes the write lock when told to, and keeps it until told to let go. It waits
            // for the lock while a batch's labels are being staged, which holds it for a moment.
            var waiting = Configuration()
            waiting.busyMode = .timeout(30)
            let holder = try DatabaseQueue(path: path, configuration: waiting)
            let take = DispatchSemaphore(value: 0), locked = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                take.wait()
                try? holder.inDatabase { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.signal()
                    release.wait()
                    try db.execute(sql: "ROLLBACK")
                }
                done.signal()
            }
            var batches = 0
            #expect(throws: DatabaseBusy.self) {
                try file.saveClassification(run("r1"), filter: PartnershipFilter(), size: 1) { batch in
                    batches += 1
                    if batches == 2 {
                        take.signal()
                        // Never forever: a lock not taken fails the test rather than stopping the run.
                        #expect(locked.wait(timeout: .now() + 60) == .success, "the other connection took the write lock")
                    }
                    return batch.map { ($0.id, [rule("rnd", primary: true, run: "r1")]) }
                }
            }
            release.signal()
            done.wait()
            #expect(batches >= 2, "the lock was taken while classifying")
            #expect(try file.classificationRuns().isEmpty)
            #expect(try file.assignedLabels().isEmpty)

            let saved = try file.saveClassification(run("r2"), filter: PartnershipFilter(), size: 1) { batch in
                batch.map { ($0.id, [rule("rnd", primary: true, run: "r2")]) }
            }
            #expect(saved.labels == 3)
            #expect(try stagedTables(file).isEmpty)
        }
    }

    /// An import between two batches changes the data the labels came from: the next batch finds
    /// it, and nothing is saved.
    @Test func dataChangedWhileClassifyingSavesNothing() throws {
        try store.saveClassification(run("r1"), labels: [dksh: [rule("export", primary: true, run: "r1")]])
        let labels = try store.assignedLabels(), classified = try store.classificationState()
        var batches = 0
        #expect(throws: DataChanged.self) {
            try store.saveClassification(run("r2"), filter: PartnershipFilter(), size: 1) { batch in
                batches += 1
                if batches == 2 {
                    var changed = richDataset
                    changed.partnerships[0].title += " (revised)"
                    try store.upsert(changed)
                }
                return batch.map { ($0.id, [rule("rnd", primary: true, run: "r2")]) }
            }
        }
        #expect(batches == 2, "the next batch found the data changed")
        #expect(try store.assignedLabels() == labels)
        #expect(try store.classificationRuns().map(\.id) == ["r1"])
        #expect(try store.classificationState().changed == classified.changed + 1)
        #expect(try stagedTables(store).isEmpty)
    }

    /// Staging writes its rows without foreign keys; the store checks them again after a run
    /// that saved and after one that failed.
    @Test func theStoreChecksForeignKeysAgainAfterARunStagedItsLabels() throws {
        func orphanIsRefused() throws -> Bool {
            do {
                try store.writing { db in try db.execute(sql: "INSERT INTO classified VALUES ('no-such-partnership', 0, 'r')") }
                return false
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                return true
            }
        }
        try store.saveClassification(run("r1"), filter: PartnershipFilter(), size: 1) { batch in
            batch.map { ($0.id, [rule("rnd", primary: true, run: "r1")]) }
        }
        #expect(try orphanIsRefused())
        #expect(throws: DataChanged.self) {
            try store.saveClassification(run("r2"), filter: PartnershipFilter(), size: 1) { batch in
                try store.upsert(richDataset)
                return batch.map { ($0.id, [rule("rnd", primary: true, run: "r2")]) }
            }
        }
        #expect(try orphanIsRefused())
    }

    /// Staged tables of a process that died before it saved are dropped by the next run.
    @Test func tablesStagedByAProcessThatDiedAreDroppedByTheNextRun() throws {
        let dead = "staged_label_\(Int32.max - 1)_7"
        try store.writing { db in try db.execute(sql: "CREATE TABLE \(dead) (partnership_id TEXT)") }
        #expect(try stagedTables(store) == [dead])
        try store.saveClassification(run("r1"), filter: PartnershipFilter(), size: 2) { batch in
            batch.map { ($0.id, []) }
        }
        #expect(try stagedTables(store).isEmpty)
        #expect(try store.classificationState().changed == 0)
    }

    private func stagedTables(_ store: Store) throws -> [String] {
        try store.readingSQLite { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'staged%'") }
    }

    @Test func ofTwoRunsSavedInTheSameSecondTheOneSavedLastIsTheNewest() throws {
        var later = run("z-first", at: "2026-11-22T03:10:00Z"), earlier = run("a-second", at: "2026-11-22T03:10:00Z")
        later.packs = "standard 1.0.0 sha256:ab12"
        earlier.packs = "standard 1.0.1 sha256:ef56"
        try store.saveClassification(later, labels: [:])
        try store.saveClassification(earlier, labels: [:])
        #expect(try store.classificationState().newest?.id == "a-second")
        #expect(try store.labelProvenance(PartnershipFilter()).runs.isEmpty)
    }

    @Test func reimportingAPartnershipKeepsItsAssignedLabels() throws {
        let labels = [khidi: [rule("training", primary: true, run: "r1")]]
        try store.saveClassification(run("r1"), labels: labels)
        try store.upsert(richDataset)
        #expect(try store.assignedLabels() == labels)
    }

    @Test func aVersionOneDatabaseIsMigrated() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v1.db").path
            try Migrations.createDatabase(path: path, upTo: "v1", sql: """
                INSERT INTO source (id, title) VALUES ('s', 'S');
                INSERT INTO organization (id, name, name_key, kind, country) VALUES ('hanmi', 'Hanmi', 'hanmi', 'local_pharma', 'KR');
                INSERT INTO partnership (id, title, form, status, signed_date, date_first, date_last, date_precision)
                VALUES ('old', 'Old deal', 'license', 'signed', '2019', '2019-01-01', '2019-12-31', 0);
                INSERT INTO party (partnership_id, position, organization_id, role) VALUES ('old', 0, 'hanmi', 'licensee');
                INSERT INTO tag (partnership_id, position, tag) VALUES ('old', 0, 'legacy');
                INSERT INTO partnership_source (partnership_id, position, source_id) VALUES ('old', 0, 's');
                """)
            let store = try Store(path: path)
            var old = Partnership(id: "old", title: "Old deal", form: .license, status: .signed, signed: date("2019"),
                                  parties: [Party(organization: "hanmi", role: .licensee)], tags: ["legacy"], sources: ["s"])
            #expect(try store.partnership(id: "old") == old)
            let rows = try store.rowCounts()
            #expect(rows["partnership"] == 1 && rows["tag"] == 1)
            #expect(rows["partnership_label"] == 0 && rows["classification_run"] == 0 && rows["assigned_label"] == 0)

            old.labels = ["rnd"]
            try store.upsert(Dataset(partnerships: [old]))
            try store.saveClassification(run("r1"), labels: ["old": [rule("export", primary: true, run: "r1")]])
            #expect(try Store(path: path).partnership(id: "old") == old)
            #expect(try store.assignedLabels(for: ["old"])["old"]?.map(\.label) == ["export"])
            #expect(try store.partnerships(PartnershipFilter(label: "rnd")).map(\.id) == ["old"])
        }
    }
}
