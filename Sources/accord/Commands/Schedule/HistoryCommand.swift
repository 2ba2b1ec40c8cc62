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

    @Flag(help: "With --format json: the deliveries (e-mail, webhooks) rather than the runs.")
    var deliveries = false

    struct DeliveryLine: Encodable {
        var id: Int64, job: String, period: String, target: String, trigger: String, status: String
        var attempted: String, seconds: Double?, output: String?, digest: String?, reference: String?, error: String?
    }

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
            let sent = try store.deliveries(job: job, limit: limit)
            switch format {
            case .json where deliveries:
                let iso = ISO8601DateFormatter()
                let lines = JSONLines()
                for d in sent {
                    print(try lines.line(DeliveryLine(id: d.id, job: d.job, period: d.period, target: d.target, trigger: d.trigger,
                                                    status: d.status.rawValue, attempted: iso.string(from: d.attempted),
                                                    seconds: d.seconds, output: d.output, digest: d.digest,
                                                    reference: d.reference, error: d.error)))
                }
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
                guard !sent.isEmpty else { return }
                print("")
                print(table(["ATTEMPTED", "JOB", "PERIOD", "DELIVERY", "STATUS", "SECONDS", "BY", "MESSAGE OR ERROR"], sent.map { d in
                    [ScheduleTime.text(d.attempted, zone: zone), d.job, d.period, d.target, d.status.rawValue,
                     d.seconds.map { String(format: "%.1f", $0) } ?? "", d.trigger, d.error ?? d.reference ?? ""]
                }))
            }
        }
    }
}
