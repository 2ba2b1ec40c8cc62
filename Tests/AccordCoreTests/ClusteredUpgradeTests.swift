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
            try store.forEachBatch(order: .stored, size: 7) { batches += $0 }
            #expect(batches == (try sample.dataset().partnerships).sorted { PartnershipKey($0) < PartnershipKey($1) })
            #expect(try store.partnerships() == (try sample.partnerships()))

            let after = try Shape(path)
            #expect(after.clustered == (ClusteredTables.tables + ["assigned_label", "classified", "money_equivalent", "person",
                                                                  "relation"]).sorted())
            // The index of filing dates gave way to one that also covers what a period's counts read, series
            // included; saved labels are read by their key alone, which run classified a partnership has a table
            // of its own, tags are found by `lower(tag)`, and a form or a status through the period's index.
            let period = "CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, series, form, status)"
            let tags = "CREATE INDEX tag_tag ON tag(lower(tag))"
            let gone = ["CREATE INDEX assigned_label_label ON assigned_label(label)",
                        "CREATE INDEX assigned_label_run ON assigned_label(run_id)",
                        "CREATE INDEX partnership_unclassified ON partnership(id) WHERE classified_run IS NULL",
                        "CREATE INDEX partnership_form ON partnership(form)", "CREATE INDEX partnership_status ON partnership(status)"]
            let links = ["CREATE INDEX person_organization ON person(organization_id)",
                         "CREATE INDEX relation_target ON relation(target_id, kind)",
                         "CREATE INDEX partnership_series ON partnership(id) WHERE series = 1",
                         "CREATE UNIQUE INDEX partnership_id ON partnership(id)"]
            #expect(after.indexes.sorted() == (before.indexes.filter { !gone.contains($0) }
                                          .map { $0.hasPrefix("CREATE INDEX partnership_date ") ? period : $0.hasPrefix("CREATE INDEX tag_tag ") ? tags : $0 }
                                          + links).sorted())
            // Every column is kept as it was, but a party's organization, no longer required (unnamed parties), the
            // run that classified a partnership, now in `classified`, and the saved labels' foreign key to their run
            // (their run, rule and pack are columns of `label_stamp`, declared as they were).
            let dropped = zip(Migrations.tables, zip(before.columns, after.columns)).flatMap { table, columns in
                Set(columns.0).subtracting(columns.1).map { "\(table): \($0)" }
            }.sorted()
            #expect(dropped == ["assigned_label: pack TEXT", "assigned_label: pack_digest TEXT", "assigned_label: pack_version TEXT",
                                "assigned_label: rule TEXT", "assigned_label: run_id TEXT notnull",
                                "assigned_label: run_id → classification_run(id)", "partnership: classified_run TEXT",
                                "party: organization_id TEXT notnull"])
            let stamps = after.columns[Migrations.tables.firstIndex(of: "label_stamp")!]
            #expect(["pack TEXT", "pack_digest TEXT", "pack_version TEXT", "rule TEXT", "run_id TEXT notnull"].allSatisfy(stamps.contains))
            #expect(after.columns[Migrations.tables.firstIndex(of: "party")!].contains("organization_id TEXT"))
            // The partnership and its lists are keyed by filing day, then id; the lists name their partnership by both.
            for (table, columns) in zip(Migrations.tables, after.columns) {
                let filed = table == "partnership" || FilingOrder.lists.contains(table)
                #expect(columns.contains("filed INTEGER notnull") == filed, "\(table)")
            }
            for (table, key) in after.keys where table == "partnership" || FilingOrder.lists.contains(table) {
                #expect(key.starts(with: table == "partnership" ? ["filed", "id"] : ["filed", "partnership_id"]), "\(table)")
            }
            for list in FilingOrder.lists {
                #expect(after.filingReferences[list] == "(filed, partnership_id) → partnership(filed, id) CASCADE CASCADE", "\(list)")
            }
            let dates = try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT date_first, filed FROM partnership").map { ($0[0] as String?, $0[1] as Int) }
            }
            #expect(dates.allSatisfy { FilingOrder.filed($0.0.flatMap(PartialDate.init)) == $0.1 })
            #expect(dates.count == (try store.counts().partnerships))
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
        /// Every table's columns with their declarations (`name TYPE notnull`), then its foreign
        /// keys to other tables than the partnership's (`column → table(column)`).
        var columns: [[String]]
        /// Every table's primary key, its columns in order.
        var keys: [String: [String]]
        /// Each table's foreign key to the partnership's key, with its actions on update and delete.
        var filingReferences: [String: String]
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
            (keys, filingReferences) = try queue.read { db in
                var keys: [String: [String]] = [:], references: [String: String] = [:]
                for table in Migrations.tables {
                    keys[table] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
                                                      arguments: [table])
                    let key = try Row.fetchAll(db, sql: """
                        SELECT "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) WHERE "table" = 'partnership'
                          AND id IN (SELECT id FROM pragma_foreign_key_list(?) WHERE "from" = 'filed') ORDER BY seq
                        """, arguments: [table, table])
                    guard let first = key.first else { continue }
                    references[table] = "(\(key.map { $0[0] as String }.joined(separator: ", "))) → partnership("
                        + "\(key.map { $0[1] as String }.joined(separator: ", "))) \(first[2] as String) \(first[3] as String)"
                }
                return (keys, references)
            }
            (clustered, indexes, columns, labels, problems, runs) = try queue.read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"),
                 try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
                 try Migrations.tables.map { table in
                     try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?) ORDER BY cid",
                                      arguments: [table]).map { row in
                         "\(row[0] as String) \(row[1] as String)" + (row[2] as Int == 1 ? " notnull" : "")
                             + ((row[3] as String?).map { " default \($0)" } ?? "")
                     }
                     + (try Row.fetchAll(db, sql: """
                         SELECT "from", "table", "to", on_update, on_delete FROM pragma_foreign_key_list(?)
                         WHERE "table" <> 'partnership' ORDER BY id, seq
                         """, arguments: [table]).map { row in "\(row[0] as String) → \(row[1] as String)(\(row[2] as String))" })
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
