import AccordCore
import AccordPublishing
import AccordReports
import Foundation

/// Produces scheduled reports one (job, period) at a time: records each
/// attempt in the ledger, runs the report in a child process under the
/// schedule's time limit, logs it, and calls the notification hooks.
struct JobRunner {
    let workspace: Workspace
    let store: Store
    let schedule: Schedule
    let trigger: String

    /// How one run ended, for the command's summary.
    struct Result {
        var run: DueRun
        var status: RunStatus
        var seconds: Double
        var output: String?
        var error: String?
    }

    func run(_ due: DueRun) throws -> Result {
        let job = due.job
        let started = Date()
        let id = try store.startRun(job: job.name, report: job.report, period: due.period.label, trigger: trigger,
                                    started: started, pid: Int(ProcessInfo.processInfo.processIdentifier))
        let previous = try store.reportRuns(job: job.name, limit: 2).dropFirst().first
        let inputs = try self.inputs(of: job)
        var arguments = ["report", "run", job.report, "--workspace", workspace.root.path, "--period", due.period.label,
                         "--as-of", asOf(due).description]
        if let formats = job.formatsArgument { arguments += ["--format", formats] }
        if job.skipIfEmpty { arguments.append("--skip-if-empty") }
        if job.onlyOnChange { arguments.append("--if-changed") }
        for (name, value) in job.params.sorted(by: { $0.key < $1.key }) { arguments += ["--param", "\(name)=\(value)"] }

        let outcome = try ReportProcess.run(arguments, in: workspace.root, timeout: schedule.timeout)
        let seconds = Date().timeIntervalSince(started)
        var result = Result(run: due, status: .failed, seconds: seconds)
        let said = outcome.stderr.split(separator: "\n").first.map(String.init) ?? ""
        if outcome.timedOut {
            result.error = "timed out after \(Int(schedule.timeout)) s"
        } else if outcome.status == Exit.locked {
            // Not the report's failure: the database was busy. The next call produces the period.
            let message = said.hasPrefix("accord: ") ? String(said.dropFirst(8)) : said
            try? store.finishRun(id, status: .abandoned, finished: Date(), seconds: seconds, error: message)
            throw TryAgain(description: message)
        } else if outcome.status != 0 {
            result.error = said.hasPrefix("accord: ") ? String(said.dropFirst(8)) : (said.isEmpty ? "exit \(outcome.status)" : said)
        } else if let file = Self.topFile(outcome.stdout) {
            result.status = .succeeded
            result.output = (file as NSString).deletingLastPathComponent
        } else if said.hasPrefix("unchanged") {
            result.status = .unchanged
            result.output = said.components(separatedBy: ": ").last
        } else {
            result.status = .skipped
        }
        let digest = result.output.flatMap { ReportManifest.read(in: URL(fileURLWithPath: workspace.path($0)))?.contentDigest }
        try store.finishRun(id, status: result.status, finished: Date(), seconds: seconds, output: result.output,
                            digest: digest, inputs: inputs, error: result.error)
        log(result)
        if result.status == .failed {
            notify(schedule.onFailure, result, event: "failure")
        } else if previous?.status == .failed || previous?.status == .abandoned {
            notify(schedule.onRecovery, result, event: "recovery")
        }
        return result
    }

    /// Of the files `accord report run` says it wrote, one in the report's folder itself rather than
    /// below it (`charts/`, which sorts first): the fewest path components.
    static func topFile(_ printed: String) -> String? {
        printed.split(separator: "\n").min { $0.split(separator: "/").count < $1.split(separator: "/").count }.map(String.init)
    }

    /// The day a period's report is made as of: the day it fell due, so that
    /// a late run gives what an on-time one would have.
    private func asOf(_ due: DueRun) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: schedule.timeZone) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: due.due)
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// What a report is made from: its script's digest and the data's revision.
    func inputs(of job: ScheduledReport) throws -> String {
        let script = (workspace.path(workspace.config.reports) as NSString).appendingPathComponent(job.report + ".lua")
        let digest = (try? Data(contentsOf: URL(fileURLWithPath: script))).map { ContentDigest.sha256($0) } ?? "no script file"
        return "\(digest) revision \(try store.revision())"
    }

    private func log(_ result: Result) {
        ScheduleLog(workspace: workspace, schedule: schedule).append(
            "\(trigger) \(result.run.job.name) \(result.run.period.label) "
            + "\(result.status.rawValue) \(String(format: "%.2f", result.seconds))s"
            + (result.output.map { " \($0)" } ?? "") + (result.error.map { " — \($0)" } ?? ""))
    }

    /// Runs a hook with the run described in its environment (`ScheduleHook`).
    private func notify(_ command: String?, _ result: Result, event: String) {
        let environment = [
            "ACCORD_EVENT": event,
            "ACCORD_JOB": result.run.job.name,
            "ACCORD_REPORT": result.run.job.report,
            "ACCORD_PERIOD": result.run.period.label,
            "ACCORD_STATUS": result.status.rawValue,
            "ACCORD_ERROR": result.error ?? "",
            "ACCORD_OUTPUT": result.output ?? "",
            "ACCORD_TARGET": "",
        ]
        ScheduleHook(workspace: workspace, schedule: schedule, trigger: trigger)
            .run(command, environment: environment, what: "the \(event) hook of \(result.run.job.name) \(result.run.period.label)")
    }
}
