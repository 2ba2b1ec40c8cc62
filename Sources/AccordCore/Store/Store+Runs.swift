import Foundation

/// How an attempt to produce a scheduled report ended.
public enum RunStatus: String, Sendable, CaseIterable {
    case running, succeeded, failed, abandoned
    /// Produced again with the same content (`only_on_change`): nothing replaced.
    case unchanged
    /// Nothing to report for the period (`skip_if_empty`).
    case skipped

    /// Whether the period needs no further run.
    public var isDone: Bool { self == .succeeded || self == .unchanged || self == .skipped }
}

/// One attempt in the ledger of scheduled runs.
public struct ReportRun: Equatable, Sendable {
    public var id: Int64
    /// The schedule entry's name.
    public var job: String
    public var report: String
    public var period: String
    /// `run-due` or `backfill`.
    public var trigger: String
    public var status: RunStatus
    public var started: Date
    public var finished: Date?
    public var seconds: Double?
    /// The report's folder, as the workspace names it.
    public var output: String?
    /// `sha256:…` over the content of the report's files (the manifest aside).
    public var digest: String?
    /// What the run was made from: the script's digest and the data's revision.
    public var inputs: String?
    public var error: String?
    public var pid: Int?
}

extension Store {
    /// Records the start of an attempt; returns its id.
    public func startRun(job: String, report: String, period: String, trigger: String, started: Date, pid: Int) throws -> Int64 {
        try writingAny(onlyLedger: true) { db in
            try db.value("""
                INSERT INTO report_run (job, report, period, trigger, status, started, pid)
                VALUES (\(job), \(report), \(period), \(trigger), 'running', \(Timestamp.text(started)), \(pid)) RETURNING id
                """)!
        }
    }

    /// Records how an attempt ended.
    public func finishRun(_ id: Int64, status: RunStatus, finished: Date, seconds: Double, output: String? = nil,
                          digest: String? = nil, inputs: String? = nil, error: String? = nil) throws {
        try writingAny(onlyLedger: true) { db in
            try db.execute("""
                UPDATE report_run SET status = \(status.rawValue), finished = \(Timestamp.text(finished)),
                    seconds = \(seconds), output = \(output), digest = \(digest), inputs = \(inputs), error = \(error)
                WHERE id = \(id)
                """)
        }
    }

    /// Marks attempts left `running` by a process that died as `abandoned`;
    /// returns how many. Call it holding the run lock.
    @discardableResult
    public func abandonRunningRuns() throws -> Int {
        try writingAny(onlyLedger: true) { db in
            try db.execute("UPDATE report_run SET status = 'abandoned', error = 'the run was killed or crashed' WHERE status = 'running'")
        }
    }

    /// Attempts, newest first: of one job when given, at most `limit`.
    public func reportRuns(job: String? = nil, limit: Int? = nil) throws -> [ReportRun] {
        try reading { db in
            var sql: SQLQuery = """
                SELECT id, job, report, period, trigger, status, started, finished, seconds, output, digest, inputs, error, pid
                FROM report_run
                """
            if let job { sql += " WHERE job = \(job)" }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(limit)" }
            return try db.rows(sql, Self.run)
        }
    }

    private static func run(_ row: any StoreRow) throws -> ReportRun {
        ReportRun(id: try row[0], job: try row[1], report: try row[2], period: try row[3], trigger: try row[4],
                  status: try RecordsSQL.value(row, 5), started: try Timestamp.date(row, 6),
                  finished: row.isNull(7) ? nil : try Timestamp.date(row, 7), seconds: try row[8],
                  output: try row[9], digest: try row[10], inputs: try row[11], error: try row[12], pid: try row[13])
    }
}
