import AccordCore
import ArgumentParser
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the ledger of scheduled report runs, newest first.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "Only this schedule entry.")
    var job: String?

    @Option(help: "At most this many runs.")
    var limit: Int = 50

    @Option(help: "text or json (one object per run and line).")
    var format: OutputFormat = .text

    struct Line: Encodable {
        var id: Int64, job: String, report: String, period: String, trigger: String, status: String
        var started: String, finished: String?, seconds: Double?, output: String?, digest: String?, error: String?
    }

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let store = try options.openStore(workspace)
            let runs = try store.reportRuns(job: job, limit: limit)
            let zone = TimeZone(identifier: workspace.config.schedule?.timeZone ?? workspace.config.timeZone) ?? .gmt
            switch format {
            case .json:
                let iso = ISO8601DateFormatter()
                let lines = JSONLines()
                for r in runs {
                    print(try lines.line(Line(id: r.id, job: r.job, report: r.report, period: r.period, trigger: r.trigger,
                                            status: r.status.rawValue, started: iso.string(from: r.started),
                                            finished: r.finished.map(iso.string), seconds: r.seconds, output: r.output,
                                            digest: r.digest, error: r.error)))
                }
            case .text:
                guard !runs.isEmpty else {
                    print("no runs yet" + (job.map { " of \($0)" } ?? ""))
                    return
                }
                print(table(["STARTED", "JOB", "PERIOD", "STATUS", "SECONDS", "BY", "OUTPUT OR ERROR"], runs.map { r in
                    [ScheduleTime.text(r.started, zone: zone), r.job, r.period, r.status.rawValue,
                     r.seconds.map { String(format: "%.1f", $0) } ?? "", r.trigger, r.error ?? r.output ?? ""]
                }))
            }
        }
    }
}
