import Foundation

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
        try writingAny(onlyLedger: true) { db in
            try db.value("""
                INSERT INTO delivery (job, period, target, trigger, status, output, digest, attempted)
                VALUES (\(job), \(period), \(target), \(trigger), 'pending', \(output), \(digest), \(Timestamp.text(date)))
                RETURNING id
                """)!
        }
    }

    /// Records how an attempt ended, and what it delivered.
    public func finishDelivery(_ id: Int64, status: DeliveryStatus, attempted: Date, seconds: Double, output: String?,
                               digest: String?, reference: String? = nil, error: String? = nil) throws {
        try writingAny(onlyLedger: true) { db in
            try db.execute("""
                UPDATE delivery SET status = \(status.rawValue), attempted = \(Timestamp.text(attempted)), seconds = \(seconds),
                    output = \(output), digest = \(digest), reference = \(reference), error = \(error)
                WHERE id = \(id)
                """)
        }
    }

    /// Whether `digest` was delivered to `target` for the job's period.
    public func wasDelivered(job: String, period: String, target: String, digest: String) throws -> Bool {
        try reading { db in
            try db.value("""
                SELECT COUNT(*) FROM delivery WHERE job = \(job) AND period = \(period) AND target = \(target)
                    AND digest = \(digest) AND status = 'sent'
                """, as: Int.self) ?? 0 > 0
        }
    }

    /// The attempts that still wait: for each (job, period, target), its newest attempt when that
    /// is pending or failed, oldest first.
    public func waitingDeliveries() throws -> [Delivery] {
        try reading { db in
            try db.rows("""
                SELECT \(sql: Self.deliveryColumns(of: "d")) FROM delivery d
                WHERE d.id = (SELECT MAX(id) FROM delivery e WHERE e.job = d.job AND e.period = d.period AND e.target = d.target)
                  AND d.status IN ('pending', 'failed')
                ORDER BY d.id
                """, Self.delivery)
        }
    }

    /// Attempts, newest first: of one job (and period) when given, at most `limit`.
    public func deliveries(job: String? = nil, period: String? = nil, limit: Int? = nil) throws -> [Delivery] {
        try reading { db in
            var sql: SQLQuery = "SELECT \(sql: Self.deliveryColumns(of: "delivery")) FROM delivery WHERE TRUE"
            if let job { sql += " AND job = \(job)" }
            if let period { sql += " AND period = \(period)" }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(limit)" }
            return try db.rows(sql, Self.delivery)
        }
    }

    /// The columns `delivery(_:)` reads, in its order, of the table as `alias` names it.
    private static func deliveryColumns(of alias: String) -> String {
        ["id", "job", "period", "target", "trigger", "status", "output", "digest", "attempted", "seconds", "reference", "error"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    private static func delivery(_ row: any StoreRow) throws -> Delivery {
        Delivery(id: try row[0], job: try row[1], period: try row[2], target: try row[3], trigger: try row[4],
                 status: try RecordsSQL.value(row, 5), output: try row[6], digest: try row[7],
                 attempted: try Timestamp.date(row, 8), seconds: try row[9], reference: try row[10], error: try row[11])
    }
}
