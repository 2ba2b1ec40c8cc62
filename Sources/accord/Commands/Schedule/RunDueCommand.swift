import AccordCore
import AccordPublishing
import ArgumentParser
import Foundation

struct RunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: "Produce every scheduled report whose period has closed and fallen due, and that has no successful run.",
        discussion: """
            What cron calls. Oldest periods first, so that periods missed while the machine was off are \
            produced on the next call. A report that fails does not stop the others and is tried again on \
            the next call. Then each new output goes to its entry's `deliver` targets (e-mail, webhooks), and \
            every delivery that failed before is tried again; the same content never goes twice to a target. \
            Silent when nothing failed; exit 1 with one line per failure on stderr; exit 75 \
            at once when another run-due or backfill holds the workspace's lock.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The time to act as of, in the schedule's time zone (2021-01-10T06:30) or with an offset (…Z, …+09:00).")
    var now: String?

    @Flag(help: "List what would run, and run nothing.")
    var dryRun = false

    @Option(help: "Missed periods to produce: all (default), latest (the newest missing per report), none (only the most recent period).")
    var catchup: Catchup = .all

    @Option(help: "Run at most this many reports in this call.")
    var maxRuns: Int?

    @Flag(help: "Print a line for every report run and delivery, also when nothing failed.")
    var verbose = false

    @Flag(help: "Send nothing: the reports this call makes are not queued for their deliver targets (for a first catch-up).")
    var noDeliver = false

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            guard let schedule = workspace.config.schedule, !schedule.jobs.isEmpty else {
                throw ConfigError(file: Workspace.configName, line: nil, message: "no schedule: add a `schedule` with `reports` to run")
            }
            let planner = DuePlanner(schedule: schedule, fiscalYearStart: workspace.config.fiscalYearStart)
            let instant = try ScheduleTime.parse(now, zone: planner.zone)
            let log = ScheduleLog(workspace: workspace, schedule: schedule)
            let store: Store, lock: RunLock?
            do {
                store = try options.openStore(workspace)
                lock = dryRun ? nil : try RunLock(workspace: workspace.root, store: store)
            } catch {
                log.append("run-due did nothing: \(error)")
                throw error
            }
            defer { withExtendedLifetime(lock) {} }
            if !dryRun { ChildProcess.stopChildrenOnTermination() }
            do {
                try produce(workspace: workspace, store: store, schedule: schedule, planner: planner, instant: instant,
                            locked: lock != nil)
            } catch let error as DatabaseBusy {
                log.append("run-due stopped: \(error)")
                throw error
            } catch let error as TryAgain {
                log.append("run-due stopped: \(error)")
                throw error
            }
        }
    }

    private func produce(workspace: Workspace, store: Store, schedule: Schedule, planner: DuePlanner, instant: Date,
                         locked: Bool) throws {
        if locked {
            try store.abandonRunningRuns()
            updateLabelsBeforeRuns(workspace, store)
        }
        let runner = JobRunner(workspace: workspace, store: store, schedule: schedule, trigger: "run-due")
        let ledger = Ledger(try store.reportRuns())
        // What each only_on_change job is made from now: the same for all its periods.
        var inputs: [String: String] = [:]
        for job in schedule.jobs where job.onlyOnChange { inputs[job.name] = try runner.inputs(of: job) }
        var due = try planner.plan(now: instant, catchup: catchup, done: ledger.isDone) { job, period in
            inputs[job.name] != ledger.lastDone(job.name, period.label)?.inputs
        }
        if let maxRuns { due = Array(due.prefix(max(0, maxRuns))) }
        let deliveries = DeliveryRunner(workspace: workspace, store: store, schedule: schedule, trigger: "run-due")
        if dryRun {
            for run in due {
                print("would run \(run.job.name) for \(run.period.label) (due \(ScheduleTime.text(run.due, zone: planner.zone)))")
            }
            for waiting in try deliveries.waiting() {
                print("would deliver \(waiting.job.name) \(waiting.delivery.period) to \(waiting.target) ("
                    + (waiting.delivery.status == .failed ? "failed before: \(waiting.delivery.error ?? "")" : "queued") + ")")
            }
            return
        }
        var failures: [JobRunner.Result] = []
        var undelivered: [DeliveryRunner.Result] = []
        // Failures so far are said also when a busy database stops the call.
        defer {
            for failure in failures {
                warn("accord: \(failure.run.job.name) \(failure.run.period.label) failed: \(failure.error ?? "unknown error")")
            }
            for failure in undelivered { warn("accord: " + failure.failureLine) }
        }
        for run in due {
            let result = try runner.run(run)
            if result.status == .failed { failures.append(result) }
            if !noDeliver { try deliveries.queue(after: result) }
            if verbose {
                print("\(run.job.name) \(run.period.label): \(result.status.rawValue) in \(String(format: "%.1f", result.seconds)) s"
                    + (result.output.map { " → \($0)" } ?? ""))
            }
        }
        // What this call made, and what failed to go before.
        let delivered = try deliveries.deliverWaiting()
        undelivered = delivered.filter { $0.status == .failed }
        if verbose {
            for d in delivered {
                print("\(d.job) \(d.period) delivery to \(d.target): \(d.status.rawValue) in \(String(format: "%.1f", d.seconds)) s"
                    + (d.reference.map { " (\($0))" } ?? ""))
            }
        }
        if verbose && due.isEmpty && delivered.isEmpty { print("nothing is due") }
        if !failures.isEmpty || !undelivered.isEmpty { throw ExitCode(Exit.scriptFailed) }
    }
}

extension Catchup: ExpressibleByArgument {}

/// What the ledger says about each (job, period).
struct Ledger {
    private var latestDone: [String: ReportRun] = [:]

    init(_ runs: [ReportRun]) {
        for run in runs.reversed() where run.status.isDone { latestDone[run.job + "\u{0}" + run.period] = run }
    }

    func isDone(_ job: String, _ period: String) -> Bool { lastDone(job, period) != nil }

    func lastDone(_ job: String, _ period: String) -> ReportRun? { latestDone[job + "\u{0}" + period] }
}
