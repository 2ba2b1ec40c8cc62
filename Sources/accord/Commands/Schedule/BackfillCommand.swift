import AccordCore
import AccordPublishing
import ArgumentParser
import Foundation

struct BackfillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Produce a scheduled report for a range of periods on purpose.",
        discussion: "Runs oldest first under the same lock, ledger and hooks as run-due.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The schedule entry (its name, or its report id).")
    var job: String

    @Option(help: "The first period of the range (2019-Q1).")
    var from: String

    @Option(help: "The last period of the range.")
    var to: String

    @Option(help: "missing (no successful run yet; the default), failed (last attempt failed), or all.")
    var reprocess: Reprocess = .missing

    enum Reprocess: String, ExpressibleByArgument, CaseIterable {
        case missing, failed, all
    }

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            guard let schedule = workspace.config.schedule, let entry = schedule.job(named: job) ?? schedule.jobs.first(where: { $0.report == job }) else {
                let names = workspace.config.schedule?.jobs.map(\.name) ?? []
                throw UsageError("no scheduled report '\(job)'" + Suggestion.hint(for: job, in: names))
            }
            let context = PeriodContext(asOf: workspace.today(), fiscalYearStart: workspace.config.fiscalYearStart)
            let first: Period, last: Period
            do { (first, last) = (try context.parse(from), try context.parse(to)) } catch { throw UsageError("\(error)") }
            let grain = try DuePlanner(schedule: schedule, fiscalYearStart: workspace.config.fiscalYearStart).firstPeriod(of: entry).grain
            guard first.grain == grain, last.grain == grain, first.start <= last.start else {
                throw UsageError("--from and --to must be \(grain.rawValue)s of \(entry.name), --from first")
            }
            let store = try options.openStore(workspace)
            let lock = try RunLock(workspace: workspace.root, store: store)
            defer { withExtendedLifetime(lock) {} }
            ChildProcess.stopChildrenOnTermination()
            try store.abandonRunningRuns()
            updateLabelsBeforeRuns(workspace, store)
            let runs = try store.reportRuns(job: entry.name)
            let ledger = Ledger(runs)
            let zone = TimeZone(identifier: schedule.timeZone) ?? .gmt
            let runner = JobRunner(workspace: workspace, store: store, schedule: schedule, trigger: "backfill")
            var failures: [JobRunner.Result] = []
            var periods: [Period] = []
            var next = first
            while next.start <= last.start { periods.append(next); next = next.next() }
            let line = progress.line("backfill \(entry.name)", total: periods.count, unit: "periods")
            for period in periods {
                defer { line.advance() }
                let latest = runs.first { $0.period == period.label }
                let wanted = switch reprocess {
                case .missing: !ledger.isDone(entry.name, period.label)
                case .failed: latest?.status == .failed || latest?.status == .abandoned
                case .all: true
                }
                if wanted {
                    let result = try runner.run(DueRun(job: entry, period: period, due: entry.due.due(period, in: zone)))
                    line.say("\(entry.name) \(period.label): \(result.status.rawValue)" + (result.output.map { " → \($0)" } ?? ""))
                    if result.status == .failed { failures.append(result) }
                }
            }
            line.finish()
            for failure in failures {
                warn("accord: \(failure.run.job.name) \(failure.run.period.label) failed: \(failure.error ?? "unknown error")")
            }
            if !failures.isEmpty { throw ExitCode(Exit.scriptFailed) }
        }
    }
}
