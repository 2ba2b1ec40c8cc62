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
            #expect(after.clustered == (ClusteredTables.tables + ["money_equivalent", "person", "relation"]).sorted())
            // The index of filing dates gave way to one that also covers what a period's counts read, and labels got one.
            let period = "CREATE INDEX partnership_period ON partnership(date_first, date_last, date_precision, form, status)"
            let labels = "CREATE INDEX assigned_label_partnership ON assigned_label(partnership_id, label)"
            let links = ["CREATE INDEX person_organization ON person(organization_id)",
                         "CREATE INDEX relation_target ON relation(target_id, kind)",
                         "CREATE INDEX partnership_series ON partnership(id) WHERE series = 1"]
            #expect(after.indexes == (before.indexes.map { $0.hasPrefix("CREATE INDEX partnership_date ") ? period : $0 }
                                      + [labels] + links).sorted())
            // Every column is kept as it was, but a party's organization, no longer required (unnamed parties).
            let dropped = Set(before.columns.joined()).subtracting(after.columns.joined())
            #expect(dropped.count == 1 && dropped.first?.contains("organization_id") == true, "\(dropped)")
            let party = try #require(after.columns[Migrations.tables.firstIndex(of: "party")!].first { $0.contains("organization_id") })
            #expect(party.contains("notnull:0"))
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
        /// The saved labels, row by row.
        var labels: [[DatabaseValue]]
        /// What the integrity and foreign-key checks report.
        var problems: [String]

        init(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            (clustered, indexes, columns, labels, problems) = try queue.read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"),
                 try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
                 try Migrations.tables.map { table in
                     try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                                      arguments: [table]).map(\.description)
                     + (try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                                         arguments: [table]).map(\.description))
                 },
                 try Row.fetchAll(db, sql: "SELECT * FROM assigned_label ORDER BY partnership_id, position").map { Array($0.databaseValues) },
                 try String.fetchAll(db, sql: "PRAGMA integrity_check")
                    + (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description)))
            }
        }
    }
}
