import Foundation
import GRDB

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
        try writing { db in
            try db.execute(literal: """
                INSERT INTO report_run (job, report, period, trigger, status, started, pid)
                VALUES (\(job), \(report), \(period), \(trigger), 'running', \(Timestamp.text(started)), \(pid))
                """)
            return db.lastInsertedRowID
        }
    }

    /// Records how an attempt ended.
    public func finishRun(_ id: Int64, status: RunStatus, finished: Date, seconds: Double, output: String? = nil,
                          digest: String? = nil, inputs: String? = nil, error: String? = nil) throws {
        try writing { db in
            try db.execute(literal: """
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
        try writing { db in
            try db.execute(sql: "UPDATE report_run SET status = 'abandoned', error = 'the run was killed or crashed' WHERE status = 'running'")
            return db.changesCount
        }
    }

    /// Attempts, newest first: of one job when given, at most `limit`.
    public func reportRuns(job: String? = nil, limit: Int? = nil) throws -> [ReportRun] {
        try readingSQLite { db in
            var sql: SQL = "SELECT * FROM report_run"
            if let job { sql += " WHERE job = \(job)" }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(limit)" }
            return try SQLRequest<Row>(literal: sql).fetchAll(db).map(Self.run)
        }
    }

    private static func run(_ row: Row) throws -> ReportRun {
        let finished: String? = row["finished"]
        return ReportRun(id: row["id"], job: row["job"], report: row["report"], period: row["period"], trigger: row["trigger"],
                         status: try RecordsSQL.value(row, "status"), started: try Timestamp.date(row, "started"),
                         finished: try finished.map { _ in try Timestamp.date(row, "finished") }, seconds: row["seconds"],
                         output: row["output"], digest: row["digest"], inputs: row["inputs"], error: row["error"], pid: row["pid"])
    }
}
