import AccordCore
import AccordPublishing
import ArgumentParser
import Foundation

struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send a scheduled report's output for one period to its job's targets again, or preview it.",
        discussion: """
            Sends the period's current output (its folder, as the ledger last recorded it) to every target of the \
            job's `deliver` list, or to the one --target names, and records each as a resend in the ledger. \
            --dry-run prints the e-mail (MIME) or webhook payload (JSON) each target would get, and sends nothing.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The schedule entry (its name, or its report id).")
    var job: String

    @Option(help: "The period whose output to send (2020-Q4).")
    var period: String

    @Option(help: "Only this target: its number in the entry's deliver list, from 1.")
    var target: Int?

    @Flag(help: "Print what would be sent, and send nothing.")
    var dryRun = false

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            guard let schedule = workspace.config.schedule,
                  let entry = schedule.job(named: job) ?? schedule.jobs.first(where: { $0.report == job }) else {
                let names = workspace.config.schedule?.jobs.map(\.name) ?? []
                throw UsageError("no scheduled report '\(job)'" + Suggestion.hint(for: job, in: names))
            }
            guard !entry.deliver.isEmpty else {
                throw UsageError("\(entry.name) has no `deliver` targets in \(Workspace.configName)")
            }
            var targets = entry.deliver
            if let target {
                guard (1...targets.count).contains(target) else {
                    throw UsageError("--target must be between 1 and \(targets.count): the targets of \(entry.name) are "
                        + targets.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "; "))
                }
                targets = [targets[target - 1]]
            }
            let context = PeriodContext(asOf: workspace.today(), fiscalYearStart: workspace.config.fiscalYearStart)
            let label: String
            do { label = try context.parse(period).label } catch { throw UsageError("\(error)") }
            let store = try options.openStore(workspace)
            // The period's current output: what its latest done run left (none when it was skipped).
            let latest = try store.reportRuns(job: entry.name).first { $0.period == label && $0.status.isDone }
            guard let output = latest?.output else {
                throw UsageError("\(entry.name) \(label) has no output to deliver: "
                    + (latest?.status == .skipped ? "it was skipped, having no partnerships"
                        : "produce it first (accord backfill \(entry.name) --from \(label) --to \(label))"))
            }
            let report: DeliveredReport
            do { report = try DeliveredReport.load(folder: URL(fileURLWithPath: workspace.path(output)), shownFolder: output) } catch {
                throw UsageError("\(entry.name) \(label): \(error)")
            }
            let runner = DeliveryRunner(workspace: workspace, store: store, schedule: schedule, trigger: "deliver")
            if dryRun {
                for target in targets {
                    let prepared: (data: Data, reference: String)
                    do { prepared = try runner.deliverer.prepare(target, report: report, job: entry.name) } catch {
                        throw UsageError("\(entry.name) \(label) to \(target): \(error)")
                    }
                    print("# \(entry.name) \(label) to \(target): \(output) (\(report.contentDigest)), \(prepared.data.count) bytes")
                    if target.kind == .webhook {
                        print(String(decoding: WebhookPayload(report: report, job: entry.name).json(pretty: true), as: UTF8.self))
                    } else {
                        print(String(decoding: prepared.data, as: UTF8.self), terminator: "")
                    }
                }
                return
            }
            let lock = try RunLock(workspace: workspace.root, store: store)
            defer { withExtendedLifetime(lock) {} }
            var failures: [DeliveryRunner.Result] = []
            for target in targets {
                let result = try runner.attempt(job: entry, period: label, target: target, output: output, report: report)
                if result.status == .sent {
                    print("\(entry.name) \(label): sent to \(target)" + (result.reference.map { " (\($0))" } ?? ""))
                } else {
                    failures.append(result)
                }
            }
            for failure in failures { warn("accord: " + failure.failureLine) }
            if !failures.isEmpty { throw ExitCode(Exit.scriptFailed) }
        }
    }
}
