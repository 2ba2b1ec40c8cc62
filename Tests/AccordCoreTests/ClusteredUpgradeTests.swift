import Foundation
import GRDB
import Testing
@testable import AccordCore

/// `Fixtures/before-clustering.db` is the sample workspace's database as Accord left it
/// before the partnership tables were clustered (schema up to "deliveries"): made by
/// `accord init --sample` and `accord classify --save` from the sample of the time, kept in
/// `Fixtures/before-clustering-sample`. Every later migration runs on it too.
@Suite struct ClusteredUpgradeTests {
    private static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    private static let sampleFiles = ["sources", "organizations", "partnerships"].map {
        here.appendingPathComponent("Fixtures/before-clustering-sample/\($0).yaml").path
    }

    @Test func aDatabaseFromBeforeClusteringOpensUpgradedWithEveryRecordAsImported() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("accord.db").path
            try FileManager.default.copyItem(atPath: Self.here.appendingPathComponent("Fixtures/before-clustering.db").path,
                                             toPath: path)
            let before = try Shape(path)
            #expect(before.clustered.isEmpty)

            let store = try Store(path: path)
            let sample = try Store.inMemory()
            try sample.importFiles(Self.sampleFiles)
            let exported = String(decoding: DataExporter.json(try store.dataset()), as: UTF8.self)
            #expect(exported == String(decoding: DataExporter.json(try sample.dataset()), as: UTF8.self))
            var batches: [Partnership] = []
            try store.forEachBatch(order: .id, size: 7) { batches += $0 }
            #expect(batches == (try sample.dataset().partnerships))
            #expect(try store.partnerships() == (try sample.partnerships()))

            let after = try Shape(path)
            #expect(after.clustered == (ClusteredTables.tables + ["assigned_label", "classified", "money_equivalent", "person",
                                                                  "relation"]).sorted())
            // The index of filing dates gave way to one that also covers what a period's counts read, series
            // included; saved labels are read by their key alone, and which run classified a partnership has a table
            // of its own.
            let period = "CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, series, form, status)"
            let gone = ["CREATE INDEX assigned_label_label ON assigned_label(label)",
                        "CREATE INDEX assigned_label_run ON assigned_label(run_id)",
                        "CREATE INDEX partnership_unclassified ON partnership(id) WHERE classified_run IS NULL"]
            let links = ["CREATE INDEX person_organization ON person(organization_id)",
                         "CREATE INDEX relation_target ON relation(target_id, kind)",
                         "CREATE INDEX partnership_series ON partnership(id) WHERE series = 1"]
            #expect(after.indexes == (before.indexes.filter { !gone.contains($0) }
                                          .map { $0.hasPrefix("CREATE INDEX partnership_date ") ? period : $0 } + links).sorted())
            // Every column is kept as it was, but a party's organization, no longer required (unnamed parties), the
            // run that classified a partnership, now in `classified`, and the saved labels' foreign key to their run
            // (their run, rule and pack are columns of `label_stamp`, declared as they were).
            let dropped = Set(before.columns.joined()).subtracting(after.columns.joined()).sorted()
            #expect(dropped.count == 3, "\(dropped)")
            for gone in ["name:\"classified_run\"", "name:\"organization_id\"", "table:\"classification_run\" from:\"run_id\""] {
                #expect(dropped.contains { $0.contains(gone) }, "\(gone)")
            }
            let party = try #require(after.columns[Migrations.tables.firstIndex(of: "party")!].first { $0.contains("organization_id") })
            #expect(party.contains("notnull:0"))
            // Every partnership was classified before, and still is, by the same run.
            #expect(try store.classificationState().changed == 0)
            #expect(try store.labelProvenance(PartnershipFilter()).runs.map(\.id) == before.runs)
            #expect(after.labels == before.labels)
            #expect(after.labels.count == 139)
            #expect(after.problems == ["ok"])
        }
    }

    /// What the upgrade must keep, and what it changes, read from the file directly.
    private struct Shape {
        /// The tables stored without rowid, by name.
        var clustered: [String]
        /// Every index declared, as SQL.
        var indexes: [String]
        /// Every table's columns with their declarations, then its foreign keys.
        var columns: [[String]]
        /// The saved labels, row by row, their stamps' columns in place of the number that names them.
        var labels: [[DatabaseValue]]
        /// What the integrity and foreign-key checks report.
        var problems: [String]
        /// The classification runs saved.
        var runs: [String]

        /// The saved labels with the columns they had before their stamps had a table of their own.
        private static let stampedLabels = """
            SELECT a.partnership_id, a.position, a.label, a.is_primary, a.origin, s.rule, s.pack, s.pack_version,
                   s.pack_digest, a.evidence, s.run_id
            FROM assigned_label a JOIN label_stamp s ON s.id = a.stamp_id ORDER BY a.partnership_id, a.position
            """

        init(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            (clustered, indexes, columns, labels, problems, runs) = try queue.read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"),
                 try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
                 try Migrations.tables.map { table in
                     try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                                      arguments: [table]).map(\.description)
                     + (try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                                         arguments: [table]).map(\.description))
                 },
                 try Row.fetchAll(db, sql: try db.tableExists("label_stamp") ? Self.stampedLabels : "SELECT * FROM assigned_label ORDER BY partnership_id, position")
                    .map { Array($0.databaseValues) },
                 try String.fetchAll(db, sql: "PRAGMA integrity_check")
                    + (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description)),
                 try String.fetchAll(db, sql: "SELECT id FROM classification_run ORDER BY id"))
            }
        }
    }
}
