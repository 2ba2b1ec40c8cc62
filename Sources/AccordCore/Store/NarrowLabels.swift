import GRDB

/// Saving a classification writes as little as it can: which run classified a partnership
/// lives in a narrow table of its own, `classified`, instead of a column of the
/// partnership's row (marking a million partnerships rewrote every title and summary),
/// and the saved labels are a `WITHOUT ROWID` table keyed by partnership, without the three
/// indexes it had: its key serves reading a partnership's labels, which is how every query
/// reads them (a label filter too, which weighs manual labels first), and none reads them by
/// label alone or by run. Neither refers to its run by a foreign key: a run's
/// labels wait in the store before the run is saved (`LabelStaging`), and the run is
/// saved in the transaction that makes them the saved labels.
enum NarrowLabels {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE classified (
                partnership_id TEXT PRIMARY KEY NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
                run_id TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO classified (partnership_id, run_id)
                SELECT id, classified_run FROM partnership WHERE classified_run IS NOT NULL ORDER BY id;
            DROP INDEX partnership_unclassified;
            ALTER TABLE partnership DROP COLUMN classified_run;
            DROP INDEX assigned_label_label;
            DROP INDEX assigned_label_run;
            DROP INDEX assigned_label_partnership;
            """)
        let runKey = " REFERENCES classification_run(id)"
        try ClusteredTables.cluster("assigned_label", db) { create in
            guard create.contains(runKey) else { throw StoreError("assigned_label has no foreign key to its run") }
            return create.replacingOccurrences(of: runKey, with: "")
        }
    }
}
