import AccordCore
import Foundation

/// Delivers one period's output to one target of its job: builds the e-mail or the webhook
/// payload from the report folder and sends it, under the schedule's time limit.
public struct Deliverer: Sendable {
    public var mail: MailSettings
    /// Each delivery, whole (the charts' conversion included); 0: no limit.
    public var timeout: Double
    /// Where the mail command runs: the workspace.
    public var workspace: URL

    public init(mail: MailSettings, timeout: Double, workspace: URL) {
        self.mail = mail
        self.timeout = timeout
        self.workspace = workspace
    }

    /// What was delivered: the Message-ID of an e-mail, `HTTP 200` for a webhook.
    public struct Receipt: Sendable {
        public var reference: String
        /// The size of what was sent, in bytes.
        public var bytes: Int
    }

    /// The message or payload `target` would get, and what the ledger would record of it;
    /// `resent` when it is sent again on purpose (a Message-ID of its own), not retried.
    public func prepare(_ target: DeliveryTarget, report: DeliveredReport, job: String, date: Date = Date(), resent: Bool = false)
        throws(DeliveryError) -> (data: Data, reference: String) {
        switch target.kind {
        case .email:
            let converter = timeout > 0 ? PNGConverter(deadline: date.addingTimeInterval(timeout)) : PNGConverter()
            let composer = MailComposer(from: mail.sender, to: target.recipients, attach: target.attach, converter: converter)
            let message = try composer.message(for: report, job: job, date: date, resent: resent)
            return (message.rendered(), "<\(message.messageID)>")
        case .webhook:
            return (WebhookPayload(report: report, job: job).json(), "")
        }
    }

    public func deliver(_ target: DeliveryTarget, report: DeliveredReport, job: String, resent: Bool = false)
        throws(DeliveryError) -> Receipt {
        let started = Date()
        let prepared = try prepare(target, report: report, job: job, date: started, resent: resent)
        switch target.kind {
        case .email:
            try SendmailSender(command: mail.command, timeout: timeout > 0 ? try remaining(since: started) : 0)
                .send(prepared.data, in: workspace)
            return Receipt(reference: prepared.reference, bytes: prepared.data.count)
        case .webhook:
            guard let url = URL(string: target.url ?? "") else { throw DeliveryError("not a URL: \(target.url ?? "")") }
            let status = try WebhookPoster(timeout: timeout > 0 ? try remaining(since: started) : 0).post(prepared.data, to: url)
            return Receipt(reference: "HTTP \(status)", bytes: prepared.data.count)
        }
    }

    /// What is left of the time limit of a delivery that started at `start`: the limit covers
    /// it whole, the charts' conversion and the sending.
    private func remaining(since start: Date) throws(DeliveryError) -> Double {
        let left = timeout - Date().timeIntervalSince(start)
        guard left > 0 else {
            throw DeliveryError("stopped after \(DeliveryError.seconds(timeout)) (schedule.delivery_timeout)")
        }
        return left
    }
}
