import Foundation
import GRDB

/// How an attempt to deliver a report ended.
public enum DeliveryStatus: String, Sendable, CaseIterable {
    /// Queued by a run that made new output, or an attempt that never finished (the run was
    /// killed): the next `run-due` tries it.
    case pending
    case sent
    /// Tried again on the next `run-due`.
    case failed
}

/// One attempt, in the ledger of deliveries.
public struct Delivery: Equatable, Sendable {
    public var id: Int64
    public var job: String
    public var period: String
    /// The target as `DeliveryTarget.description` names it.
    public var target: String
    /// `run-due`, `backfill` or `deliver` (a resend on purpose).
    public var trigger: String
    public var status: DeliveryStatus
    /// The report folder and the content digest of what was (or is to be) delivered.
    public var output: String?
    public var digest: String?
    /// When it was queued, then when it was last tried.
    public var attempted: Date
    public var seconds: Double?
    /// The Message-ID of an e-mail, or the HTTP status a webhook answered with.
    public var reference: String?
    public var error: String?
}

extension Store {
    /// Queues a delivery of `output` (whose content is `digest`); returns its id.
    public func queueDelivery(job: String, period: String, target: String, trigger: String, output: String?,
                              digest: String?, at date: Date) throws -> Int64 {
        try writing { db in
            try db.execute(literal: """
                INSERT INTO delivery (job, period, target, trigger, status, output, digest, attempted)
                VALUES (\(job), \(period), \(target), \(trigger), 'pending', \(output), \(digest), \(Timestamp.text(date)))
                """)
            return db.lastInsertedRowID
        }
    }

    /// Records how an attempt ended, and what it delivered.
    public func finishDelivery(_ id: Int64, status: DeliveryStatus, attempted: Date, seconds: Double, output: String?,
                               digest: String?, reference: String? = nil, error: String? = nil) throws {
        try writing { db in
            try db.execute(literal: """
                UPDATE delivery SET status = \(status.rawValue), attempted = \(Timestamp.text(attempted)), seconds = \(seconds),
                    output = \(output), digest = \(digest), reference = \(reference), error = \(error)
                WHERE id = \(id)
                """)
        }
    }

    /// Whether `digest` was delivered to `target` for the job's period.
    public func wasDelivered(job: String, period: String, target: String, digest: String) throws -> Bool {
        try readingSQLite { db in
            try SQLRequest<Bool>(literal: """
                SELECT EXISTS (SELECT 1 FROM delivery WHERE job = \(job) AND period = \(period) AND target = \(target)
                    AND digest = \(digest) AND status = 'sent')
                """).fetchOne(db) ?? false
        }
    }

    /// The attempts that still wait: for each (job, period, target), its newest attempt when that
    /// is pending or failed, oldest first.
    public func waitingDeliveries() throws -> [Delivery] {
        try readingSQLite { db in
            try Row.fetchAll(db, sql: """
                SELECT d.* FROM delivery d
                WHERE d.id = (SELECT MAX(id) FROM delivery e WHERE e.job = d.job AND e.period = d.period AND e.target = d.target)
                  AND d.status IN ('pending', 'failed')
                ORDER BY d.id
                """).map(Self.delivery)
        }
    }

    /// Attempts, newest first: of one job (and period) when given, at most `limit`.
    public func deliveries(job: String? = nil, period: String? = nil, limit: Int? = nil) throws -> [Delivery] {
        try readingSQLite { db in
            var sql: SQL = "SELECT * FROM delivery WHERE 1"
            if let job { sql += " AND job = \(job)" }
            if let period { sql += " AND period = \(period)" }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(limit)" }
            return try SQLRequest<Row>(literal: sql).fetchAll(db).map(Self.delivery)
        }
    }

    private static func delivery(_ row: Row) throws -> Delivery {
        Delivery(id: row["id"], job: row["job"], period: row["period"], target: row["target"], trigger: row["trigger"],
                 status: try RecordsSQL.value(row, "status"), output: row["output"], digest: row["digest"],
                 attempted: try Timestamp.date(row, "attempted"), seconds: row["seconds"], reference: row["reference"],
                 error: row["error"])
    }
}
