import Foundation
import GRDB

extension Store {
    /// Saves one classification run and, for every partnership in `labels`, replaces its
    /// assigned labels — in one transaction. Partnerships not in `labels` keep theirs; an
    /// empty list clears them. A label for an unknown partnership, or a run id already
    /// saved, fails the transaction and changes nothing.
    public func saveClassification(_ run: ClassificationRun, labels: [String: [AssignedLabel]]) throws {
        try writingAny { db in
            try Store.raiseRevision(db)
            let before = try Self.newestRun(db)
            try Self.insert(run, db)
            var writer = LabelWriter()
            _ = try Self.replaceLabels(with: try LabelWriter.keyed(labels, db), classifiedBy: run.id, writing: &writer, db)
            try Self.forgetOtherPacks(run, after: before, db)
        }
    }

    /// The run saved last (runs are saved in the order they finish, whatever their start times).
    static func newestRun(_ db: any StoreConnection) throws -> ClassificationRun? {
        try db.rows("SELECT \(sql: runColumns) FROM classification_run ORDER BY \(sql: savedOrder) LIMIT 1", run).first
    }

    /// Runs in the order they were saved, the last first.
    private static let savedOrder = "saved DESC"

    /// Marks the partnerships `keys` selects (a query of columns `id` and `filed`) as classified by `run`.
    static func markClassified(by run: ClassificationRun, after before: ClassificationRun?, keys: SQLQuery, _ db: Database) throws {
        try db.execute("""
            INSERT OR REPLACE INTO classified (partnership_id, filed, run_id) SELECT id, filed, \(run.id) FROM (\(keys))
            """ as SQLQuery)
        try forgetOtherPacks(run, after: before, db)
    }

    /// When `run`'s packs differ from those of the run saved before it, marks every partnership
    /// it did not classify as changed: its labels came from other packs.
    static func forgetOtherPacks(_ run: ClassificationRun, after before: ClassificationRun?, _ db: any StoreConnection) throws {
        if let before, before.packs != run.packs {
            try db.execute("DELETE FROM classified WHERE run_id <> \(run.id)")
        }
    }

    /// Marks the partnerships these organizations are parties to as changed since they were classified.
    static func markChanged(partiesOf organizations: [String], _ db: any StoreConnection) throws {
        guard !organizations.isEmpty else { return }
        try db.execute("""
            DELETE FROM classified WHERE (filed, partnership_id) IN (
                SELECT filed, partnership_id FROM party WHERE organization_id IN (\(list: organizations)))
            """)
    }

    /// The classification run saved last, and how many partnerships are new or changed
    /// since they were classified: none, without counting them, when that run left every
    /// partnership classified and nothing changed since (the revision is still the one it saved).
    public func classificationState() throws -> (newest: ClassificationRun?, changed: Int) {
        try reading { db in
            let newest = try Self.newestRun(db)
            let complete: Int? = try db.value("SELECT complete_at FROM classification_run ORDER BY \(sql: Self.savedOrder) LIMIT 1")
            if let complete, complete == (try Self.revision(db)) { return (newest, 0) }
            return (newest, try Self.unclassifiedCount(db))
        }
    }

    /// How many partnerships are new or changed since they were classified, counted: at a million,
    /// a read of both tables' smallest indexes (some 100 MB).
    static func unclassifiedCount(_ db: any StoreConnection) throws -> Int {
        try db.value("SELECT (SELECT COUNT(*) FROM partnership) - (SELECT COUNT(*) FROM classified)") ?? 0
    }

    /// Records that `run` left every partnership classified, at the revision its transaction raised.
    static func markComplete(_ run: ClassificationRun, _ db: any StoreConnection) throws {
        try db.execute("UPDATE classification_run SET complete_at = (SELECT number FROM revision WHERE id = 1) WHERE id = \(run.id)")
    }

    /// Where the labels of the partnerships `filter` matches come from: the runs that
    /// classified them, and how many have no label or changed since they were classified.
    public func labelProvenance(_ filter: PartnershipFilter) throws -> LabelProvenance {
        try reading { db in
            var provenance = LabelProvenance()
            var runIDs: [String] = []
            try db.forEachRow("""
                SELECT c.run_id AS run, COUNT(*) AS n,
                       SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.filed = p.filed AND l.partnership_id = p.id)
                                 AND NOT EXISTS (SELECT 1 FROM assigned_label a WHERE a.filed = p.filed AND a.partnership_id = p.id)
                                THEN 1 ELSE 0 END) AS unlabelled
                FROM (\(filter.select("p.id, p.filed", ordered: filter.limit != nil))) p
                LEFT JOIN classified c ON c.filed = p.filed AND c.partnership_id = p.id GROUP BY c.run_id
                """) { row in
                let n: Int = try row[1]
                provenance.partnerships += n
                provenance.unlabelled += try row[2] as Int
                if let run: String = try row[0] { runIDs.append(run) } else { provenance.unclassified += n }
            }
            provenance.runs = try db.rows("""
                SELECT \(sql: Self.runColumns) FROM classification_run WHERE id IN (\(list: runIDs)) ORDER BY \(sql: Self.savedOrder)
                """, Self.run)
            return provenance
        }
    }

    /// Replaces the saved labels of the partnerships in `labels` and marks them as classified by
    /// the run `runID`, with the run's `writer`; returns how many labels.
    static func replaceLabels(with keyed: KeyedLabels, classifiedBy runID: String,
                              writing writer: inout LabelWriter, _ db: any StoreConnection) throws -> Int {
        guard !keyed.isEmpty else { return 0 }
        let keys = SQLStringList(keyed.map(\.key.listed))
        try db.execute(matching(keys: keys) + "DELETE FROM assigned_label WHERE (filed, partnership_id) IN (SELECT filed, id FROM f)")
        try writer.insert(keyed, in: db)
        // `WHERE TRUE` keeps SQLite from reading `ON` as the start of a join.
        try db.execute(matching(keys: keys) + """
            INSERT INTO classified (partnership_id, filed, run_id) SELECT id, filed, \(runID) FROM f WHERE TRUE
            ON CONFLICT (filed, partnership_id) DO UPDATE SET run_id = excluded.run_id
            """)
        return keyed.reduce(0) { $0 + $1.labels.count }
    }

    /// Adds the labels of partnerships that have none saved, with the run's `writer` (many rows a
    /// statement on SQLite, one a statement on a server, which sends many at a time); returns how many.
    static func addLabels(_ keyed: KeyedLabels, writing writer: inout LabelWriter, _ db: any StoreConnection) throws -> Int {
        try writer.insert(keyed, in: db)
        return keyed.reduce(0) { $0 + $1.labels.count }
    }

    static func insert(_ run: ClassificationRun, _ db: any StoreConnection) throws {
        try db.execute("""
            INSERT INTO classification_run (id, started, finished, packs, partnerships, labels, saved)
            VALUES (\(run.id), \(Timestamp.text(run.started)), \(Timestamp.text(run.finished)), \(run.packs),
                    \(run.partnerships), \(run.labels), (SELECT COALESCE(MAX(saved), 0) + 1 FROM classification_run))
            """ as SQLQuery)
    }

    /// The saved labels of these partnerships (all when `ids` is nil), in position order.
    /// Partnerships without assigned labels are left out.
    public func assignedLabels(for ids: [String]? = nil) throws -> [String: [AssignedLabel]] {
        try reading { db in
            var sql: SQLQuery = """
                SELECT a.partnership_id, a.label, a.is_primary, a.origin, s.rule, s.pack, s.pack_version, s.pack_digest,
                       a.evidence, s.run_id, a.stamp_id
                FROM assigned_label a LEFT JOIN label_stamp s ON s.id = a.stamp_id
                """
            if let ids {
                sql += " JOIN partnership p ON p.filed = a.filed AND p.id = a.partnership_id WHERE p.id IN (\(list: ids))"
            }
            sql += " ORDER BY a.filed, a.partnership_id, a.position"
            var result: [String: [AssignedLabel]] = [:]
            try db.forEachRow(sql) { row in
                let id: String = try row[0]
                guard let runID: String = try row[9] else {
                    throw StoreError("a saved label of partnership \(id) cites stamp \(try row[10] as Int), which label_stamp does not hold")
                }
                result[id, default: []].append(AssignedLabel(
                    label: try row[1], isPrimary: try row[2] as Int != 0, origin: try RecordsSQL.value(row, 3),
                    rule: try row[4], pack: try row[5], packVersion: try row[6],
                    packDigest: try row[7], evidence: try row[8], runID: runID))
            }
            return result
        }
    }

    /// Saved runs, newest first.
    public func classificationRuns() throws -> [ClassificationRun] {
        try reading { db in
            try db.rows("SELECT \(sql: Self.runColumns) FROM classification_run ORDER BY started DESC, id DESC", Self.run)
        }
    }

    /// The columns `run(_:)` reads, in its order.
    private static let runColumns = "id, started, finished, packs, partnerships, labels"

    private static func run(_ row: any StoreRow) throws -> ClassificationRun {
        ClassificationRun(id: try row[0], started: try Timestamp.date(row, 1), finished: try Timestamp.date(row, 2),
                          packs: try row[3], partnerships: try row[4], labels: try row[5])
    }
}

/// Times as the database keeps them: ISO 8601 in UTC, to the second (`2026-11-22T03:10:00Z`).
enum Timestamp {
    static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The time in the row's column at `index`.
    static func date(_ row: any StoreRow, _ index: Int) throws -> Date {
        try date(try row[index], column: row.name(index))
    }

    private static func date(_ text: String, column: String) throws -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw StoreError("invalid time '\(text)' in column \(column)")
        }
        return date
    }
}

extension Store {
    /// The names of the saved labels of these partnerships, in position order;
    /// partnerships without any are left out. What scripts see as `p.labels`.
    public func savedLabelNames(for ids: [String]) throws -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        return try reading { db in
            var result: [String: [String]] = [:]
            try db.forEachRow("""
                SELECT a.partnership_id, a.label FROM partnership p JOIN assigned_label a ON a.filed = p.filed AND a.partnership_id = p.id
                WHERE p.id IN (\(list: ids)) ORDER BY a.filed, a.partnership_id, a.position
                """) { row in result[try row[0], default: []].append(try row[1]) }
            return result
        }
    }

    /// The saved labels of these partnerships, each with whether it is primary, in position
    /// order; partnerships without any are left out. What a report's listing shows of them: found
    /// by each partnership's key, without the stamps and evidence `assignedLabels` reads.
    public func savedLabels(of partnerships: [Partnership]) throws -> [String: [(label: String, isPrimary: Bool)]] {
        guard !partnerships.isEmpty else { return [:] }
        let keys = SQLStringList(partnerships.map { PartnershipKey($0).listed })
        return try reading { db in
            var result: [String: [(label: String, isPrimary: Bool)]] = [:]
            try db.forEachRow(Self.matching(keys: keys) + """
                SELECT f.id, a.label, a.is_primary FROM f JOIN assigned_label a ON a.filed = f.filed AND a.partnership_id = f.id
                ORDER BY f.filed, f.id, a.position
                """) { row in result[try row[0], default: []].append((try row[1], try row[2] as Int != 0)) }
            return result
        }
    }

    /// How many partnerships have each saved label.
    public func savedLabelCounts() throws -> [String: Int] {
        try reading { db in
            var counts: [String: Int] = [:]
            try db.forEachRow("SELECT label, COUNT(*) FROM assigned_label GROUP BY label") { row in counts[try row[0]] = try row[1] }
            return counts
        }
    }
}
