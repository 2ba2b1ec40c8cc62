import Foundation
import GRDB

extension Store {
    /// Saves one classification run and, for every partnership in `labels`, replaces its
    /// assigned labels — in one transaction. Partnerships not in `labels` keep theirs; an
    /// empty list clears them. A label for an unknown partnership, or a run id already
    /// saved, fails the transaction and changes nothing.
    public func saveClassification(_ run: ClassificationRun, labels: [String: [AssignedLabel]]) throws {
        try writing { db in
            try Store.raiseRevision(db)
            let before = try Self.newestRun(db)
            try Self.insert(run, db)
            for (id, list) in labels.sorted(by: { $0.key < $1.key }) { try Self.replaceLabels(of: id, with: list, db) }
            try Self.markClassified(by: run, after: before, ids: "SELECT value AS id FROM (\(list: Array(labels.keys))) AS l", db)
        }
    }

    /// The run saved last (runs are saved in the order they finish, whatever their start times).
    static func newestRun(_ db: Database) throws -> ClassificationRun? {
        try Row.fetchOne(db, sql: "SELECT * FROM classification_run ORDER BY rowid DESC LIMIT 1").map(Self.run)
    }

    /// Marks the partnerships `ids` selects (a query of a column `id`) as classified by `run`.
    /// When `run`'s packs differ from those of the run saved before it, every partnership it
    /// did not classify is marked changed: its labels came from other packs.
    static func markClassified(by run: ClassificationRun, after before: ClassificationRun?, ids: SQLQuery, _ db: Database) throws {
        try db.execute("INSERT OR REPLACE INTO classified (partnership_id, run_id) SELECT id, \(run.id) FROM (\(ids))" as SQLQuery)
        if let before, before.packs != run.packs {
            try db.execute("DELETE FROM classified WHERE run_id <> \(run.id)" as SQLQuery)
        }
    }

    /// Marks the partnerships these organizations are parties to as changed since they were classified.
    static func markChanged(partiesOf organizations: [String], _ db: Database) throws {
        guard !organizations.isEmpty else { return }
        try db.execute(literal: """
            DELETE FROM classified WHERE partnership_id IN (
                SELECT partnership_id FROM party
                WHERE organization_id IN (SELECT value FROM json_each(\(RecordsSQL.jsonArray(organizations)))))
            """)
    }

    /// The classification run saved last, and how many partnerships are new or changed
    /// since they were classified.
    public func classificationState() throws -> (newest: ClassificationRun?, changed: Int) {
        try readingSQLite { db in
            (try Self.newestRun(db),
             try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM partnership) - (SELECT COUNT(*) FROM classified)") ?? 0)
        }
    }

    /// Where the labels of the partnerships `filter` matches come from: the runs that
    /// classified them, and how many have no label or changed since they were classified.
    public func labelProvenance(_ filter: PartnershipFilter) throws -> LabelProvenance {
        try readingSQLite { db in
            var provenance = LabelProvenance()
            var runIDs: [String] = []
            try db.forEachRow("""
                SELECT c.run_id AS run, COUNT(*) AS n,
                       SUM(NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.partnership_id = p.id)
                           AND NOT EXISTS (SELECT 1 FROM assigned_label a WHERE a.partnership_id = p.id)) AS unlabelled
                FROM (\(filter.select("p.id", ordered: filter.limit != nil))) p
                LEFT JOIN classified c ON c.partnership_id = p.id GROUP BY c.run_id
                """) { row in
                let n: Int = try row[1]
                provenance.partnerships += n
                provenance.unlabelled += try row[2] as Int
                if let run: String = try row[0] { runIDs.append(run) } else { provenance.unclassified += n }
            }
            provenance.runs = try Row.fetchAll(db, sql: """
                SELECT * FROM classification_run WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid DESC
                """, arguments: [RecordsSQL.jsonArray(runIDs)]).map(Self.run)
            return provenance
        }
    }

    static func insert(_ run: ClassificationRun, _ db: Database) throws {
        try db.execute(literal: """
            INSERT INTO classification_run (id, started, finished, packs, partnerships, labels)
            VALUES (\(run.id), \(Timestamp.text(run.started)), \(Timestamp.text(run.finished)), \(run.packs),
                    \(run.partnerships), \(run.labels))
            """)
    }

    static func replaceLabels(of id: String, with list: [AssignedLabel], _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM assigned_label WHERE partnership_id = ?").execute(arguments: [id])
        try insertLabels(of: id, list, into: "assigned_label", db)
    }

    /// Inserts the labels of a partnership into `table`, `assigned_label` or a table of its shape.
    static func insertLabels(of id: String, _ list: [AssignedLabel], into table: String, _ db: Database) throws {
        guard !list.isEmpty else { return }
        let insert = try RowStatement(db, """
            INSERT INTO \(table) (partnership_id, position, label, is_primary, origin, rule, pack,
                                  pack_version, pack_digest, evidence, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, l) in list.enumerated() {
            try insert.run { row in
                row.add(id); row.add(position); row.add(l.label); row.add(l.isPrimary ? 1 : 0); row.add(l.origin.rawValue)
                row.add(l.rule); row.add(l.pack); row.add(l.packVersion); row.add(l.packDigest); row.add(l.evidence)
                row.add(l.runID)
            }
        }
    }

    /// The saved labels of these partnerships (all when `ids` is nil), in position order.
    /// Partnerships without assigned labels are left out.
    public func assignedLabels(for ids: [String]? = nil) throws -> [String: [AssignedLabel]] {
        try readingSQLite { db in
            var sql: SQL = "SELECT * FROM assigned_label"
            if let ids { sql += " WHERE partnership_id IN (SELECT value FROM json_each(\(RecordsSQL.jsonArray(ids))))" }
            sql += " ORDER BY partnership_id, position"
            var result: [String: [AssignedLabel]] = [:]
            for row in try SQLRequest<Row>(literal: sql).fetchAll(db) {
                result[row["partnership_id"], default: []].append(AssignedLabel(
                    label: row["label"], isPrimary: row["is_primary"], origin: try RecordsSQL.value(row, "origin"),
                    rule: row["rule"], pack: row["pack"], packVersion: row["pack_version"],
                    packDigest: row["pack_digest"], evidence: row["evidence"], runID: row["run_id"]))
            }
            return result
        }
    }

    /// Saved runs, newest first.
    public func classificationRuns() throws -> [ClassificationRun] {
        try readingSQLite { db in
            try Row.fetchAll(db, sql: "SELECT * FROM classification_run ORDER BY started DESC, id DESC").map(Self.run)
        }
    }

    private static func run(_ row: Row) throws -> ClassificationRun {
        ClassificationRun(id: row["id"], started: try Timestamp.date(row, "started"), finished: try Timestamp.date(row, "finished"),
                          packs: row["packs"], partnerships: row["partnerships"], labels: row["labels"])
    }
}

/// Times as the database keeps them: ISO 8601 in UTC, to the second (`2026-11-22T03:10:00Z`).
enum Timestamp {
    static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    static func date(_ row: Row, _ column: String) throws -> Date {
        let text: String = row[column]
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
                SELECT partnership_id, label FROM assigned_label WHERE partnership_id IN (\(list: ids))
                ORDER BY partnership_id, position
                """) { row in result[try row[0], default: []].append(try row[1]) }
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
