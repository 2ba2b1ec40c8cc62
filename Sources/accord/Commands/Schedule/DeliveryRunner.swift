import AccordCore
import AccordPublishing
import AccordReports
import Foundation

/// Delivers scheduled reports to their jobs' targets and keeps the ledger of deliveries: a
/// run that made new output queues a delivery to each target that has not had that content;
/// every queued or failed delivery is tried on each call until it is sent. Never twice the
/// same content to the same target of a job's period, unless asked (`accord deliver`).
struct DeliveryRunner {
    let workspace: Workspace
    let store: Store
    let schedule: Schedule
    /// `run-due` or `deliver`.
    let trigger: String

    /// How one attempt ended.
    struct Result {
        var job: String
        var period: String
        var target: String
        var status: DeliveryStatus
        var seconds: Double
        var reference: String?
        var error: String?
        var bytes: Int?

        /// `quarterly 2020-Q4 delivery to email analyst@example.org failed: …`, as run-due says it.
        var failureLine: String {
            "\(job) \(period) delivery to \(target) failed: \(error ?? "unknown error")"
        }
    }

    var deliverer: Deliverer {
        Deliverer(mail: schedule.mail, timeout: schedule.deliveryTimeout, workspace: workspace.root)
    }

    /// Queues the new output of a run for each target of its job that has not had this content.
    func queue(after result: JobRunner.Result) throws {
        let job = result.run.job
        guard result.status == .succeeded, !job.deliver.isEmpty, let output = result.output else { return }
        let digest = ReportManifest.read(in: URL(fileURLWithPath: workspace.path(output)))?.contentDigest
        for target in job.deliver {
            if let digest, try store.wasDelivered(job: job.name, period: result.run.period.label, target: target.description, digest: digest) {
                continue
            }
            _ = try store.queueDelivery(job: job.name, period: result.run.period.label, target: target.description, trigger: trigger,
                                        output: output, digest: digest, at: Date())
        }
    }

    /// The deliveries waiting to be tried, with their job's target; those whose target is no
    /// longer in the schedule wait until it is again.
    func waiting() throws -> [(delivery: Delivery, job: ScheduledReport, target: DeliveryTarget)] {
        try store.waitingDeliveries().compactMap { delivery in
            guard let job = schedule.job(named: delivery.job),
                  let target = job.deliver.first(where: { $0.description == delivery.target }) else { return nil }
            return (delivery, job, target)
        }
    }

    /// Tries every waiting delivery, oldest first.
    func deliverWaiting() throws -> [Result] {
        var results: [Result] = []
        for (delivery, job, target) in try waiting() {
            guard let output = delivery.output else { continue }
            let report: DeliveredReport
            do {
                report = try DeliveredReport.load(folder: URL(fileURLWithPath: workspace.path(output)), shownFolder: output)
            } catch {
                results.append(try attempt(job: job, period: delivery.period, target: target, output: output, waiting: delivery,
                                           failure: error))
                continue
            }
            // The same content reached the target since (its output was reverted): nothing to send.
            if delivery.status == .failed,
               try store.wasDelivered(job: job.name, period: delivery.period, target: target.description, digest: report.contentDigest) {
                continue
            }
            results.append(try attempt(job: job, period: delivery.period, target: target, output: output, report: report,
                                       waiting: delivery))
        }
        return results
    }

    /// Delivers `report` to `target` now, and records the attempt: in the waiting row when it
    /// was queued and never tried, else in a row of its own.
    func attempt(job: ScheduledReport, period: String, target: DeliveryTarget, output: String, report: DeliveredReport? = nil,
                 waiting: Delivery? = nil, failure: DeliveryError? = nil) throws -> Result {
        let started = Date()
        let id = try waiting.flatMap { $0.status == .pending ? $0.id : nil }
            ?? store.queueDelivery(job: job.name, period: period, target: target.description, trigger: trigger, output: output,
                                   digest: report?.contentDigest, at: started)
        var result = Result(job: job.name, period: period, target: target.description, status: .failed, seconds: 0)
        if let report, failure == nil {
            do {
                let receipt = try deliverer.deliver(target, report: report, job: job.name, resent: trigger == "deliver")
                (result.status, result.reference, result.bytes) = (.sent, receipt.reference, receipt.bytes)
            } catch {
                result.error = error.description
            }
        } else {
            result.error = failure?.description ?? "no output to deliver"
        }
        result.seconds = Date().timeIntervalSince(started)
        try store.finishDelivery(id, status: result.status, attempted: started, seconds: result.seconds, output: output,
                                 digest: report?.contentDigest, reference: result.reference, error: result.error)
        log(result)
        if trigger == "run-due" {
            let environment = [
                "ACCORD_JOB": job.name, "ACCORD_REPORT": job.report, "ACCORD_PERIOD": period,
                "ACCORD_STATUS": result.status.rawValue, "ACCORD_ERROR": result.error.map { "delivery to \(target) failed: \($0)" } ?? "",
                "ACCORD_OUTPUT": output, "ACCORD_TARGET": target.description,
            ]
            let hooks = ScheduleHook(workspace: workspace, schedule: schedule, trigger: trigger)
            if result.status == .failed {
                hooks.run(schedule.onFailure, environment: environment.merging(["ACCORD_EVENT": "failure"]) { $1 },
                          what: "the failure hook of \(job.name) \(period) (\(target))")
            } else if waiting?.status == .failed {
                hooks.run(schedule.onRecovery, environment: environment.merging(["ACCORD_EVENT": "recovery"]) { $1 },
                          what: "the recovery hook of \(job.name) \(period) (\(target))")
            }
        }
        return result
    }

    private func log(_ result: Result) {
        ScheduleLog(workspace: workspace, schedule: schedule).append(
            "\(trigger) \(result.job) \(result.period) delivery to \(result.target) \(result.status.rawValue) "
            + String(format: "%.2fs", result.seconds) + (result.reference.map { " \($0)" } ?? "")
            + (result.error.map { " — \($0)" } ?? ""))
    }
}
