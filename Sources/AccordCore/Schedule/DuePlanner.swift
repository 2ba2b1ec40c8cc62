import Foundation

/// One scheduled report to produce for one period.
public struct DueRun: Equatable, Sendable {
    public var job: ScheduledReport
    public var period: Period
    /// When the period became due.
    public var due: Date

    public init(job: ScheduledReport, period: Period, due: Date) {
        self.job = job
        self.period = period
        self.due = due
    }
}

/// Which missed periods `run-due` produces.
public enum Catchup: String, Sendable, CaseIterable {
    /// Every period that is due and not yet produced, oldest first.
    case all
    /// For each report, only the newest period not yet produced.
    case latest
    /// For each report, only the most recent due period, if not yet produced.
    case none
}

/// Works out what is due: the periods of each scheduled report from its
/// start whose due time has passed, against what the ledger says was done.
public struct DuePlanner: Sendable {
    public let schedule: Schedule
    public let fiscalYearStart: Int

    public init(schedule: Schedule, fiscalYearStart: Int = 1) {
        self.schedule = schedule
        self.fiscalYearStart = fiscalYearStart
    }

    public var zone: TimeZone { TimeZone(identifier: schedule.timeZone) ?? .gmt }

    /// The first period of a job: its `start`, whose grain is the job's.
    public func firstPeriod(of job: ScheduledReport) throws(ScheduleError) -> Period {
        let period: Period
        do { period = try Period.parse(job.start, fiscalYearStart: fiscalYearStart) } catch {
            throw ScheduleError("\(job.name): start: \(error)")
        }
        guard [.month, .quarter, .year].contains(period.grain) else {
            throw ScheduleError("\(job.name): start must be a month, quarter or year, not \(job.start)")
        }
        if let grain = job.grain, grain != period.grain {
            throw ScheduleError("\(job.name): start \(job.start) is a \(period.grain.rawValue), but grain is \(grain.rawValue)")
        }
        return period
    }

    /// Every period of `job` due at or before `now`, oldest first.
    public func duePeriods(of job: ScheduledReport, now: Date) throws(ScheduleError) -> [DueRun] {
        var period = try firstPeriod(of: job)
        var out: [DueRun] = []
        while true {
            let due = job.due.due(period, in: zone)
            guard due <= now, out.count < 100_000 else { break }
            out.append(DueRun(job: job, period: period, due: due))
            period = period.next()
        }
        return out
    }

    /// What to run now, in the order the periods fell due (then schedule order). `done`
    /// tells whether a job's period needs no run; `stale`, whether a done
    /// period of an `only_on_change` job was made from other inputs.
    public func plan(now: Date, catchup: Catchup, done: (String, String) -> Bool,
                     stale: (ScheduledReport, Period) -> Bool = { _, _ in false }) throws(ScheduleError) -> [DueRun] {
        var runs: [(order: Int, run: DueRun)] = []
        for (order, job) in schedule.jobs.enumerated() {
            let due = try duePeriods(of: job, now: now)
            var missing = due.filter { !done(job.name, $0.period.label) }
            switch catchup {
            case .all: break
            case .latest: missing = missing.suffix(1)
            case .none: missing = missing.filter { $0.period == due.last?.period }
            }
            if job.onlyOnChange {
                let again = due.filter { done(job.name, $0.period.label) && stale(job, $0.period) }
                missing += again
            }
            runs += missing.map { (order, $0) }
        }
        return runs.sorted { ($0.run.due, $0.run.period.start, $0.order) < ($1.run.due, $1.run.period.start, $1.order) }.map(\.run)
    }
}

/// A schedule that cannot be worked out: a bad start period, a grain that
/// does not match.
public struct ScheduleError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
