import AccordCore
import Foundation

/// Hands a message to the system's `sendmail` interface (msmtp, postfix, exim…): the
/// command reads the message on its standard input and takes the recipients from its
/// headers (`-t`), a line of a lone dot included (`-i`). Exit 0 means the mail system took
/// it; anything else, or the time limit, is a failure with the first line it said.
public struct SendmailSender: Sendable {
    /// A shell command line, run whole by `/bin/sh`: `/usr/sbin/sendmail -t -i`,
    /// `msmtp -C /etc/msmtprc -t`, `cd /srv/mail && ./send`.
    public var command: String
    public var timeout: Double

    public init(command: String = MailSettings.defaultCommand, timeout: Double) {
        self.command = command
        self.timeout = timeout
    }

    public func send(_ message: Data, in folder: URL? = nil) throws(DeliveryError) {
        let outcome: CommandRunner.Outcome
        do { outcome = try CommandRunner.run(command, input: message, in: folder, timeout: timeout) } catch {
            throw DeliveryError("\(error)")
        }
        let program = command.split(separator: " ").first.map { ($0 as NSString).lastPathComponent } ?? command
        if outcome.timedOut { throw DeliveryError("\(program) was stopped at the time limit (schedule.delivery_timeout)") }
        guard outcome.status == 0 else {
            let said = outcome.firstError
            throw DeliveryError(said.hasPrefix(program) ? said : "\(program): \(said)")
        }
    }
}

extension DeliveryError {
    /// `60 s`, `2 min`.
    static func seconds(_ value: Double) -> String {
        value >= 120 && value.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(value / 60)) min" : "\(Int(value.rounded())) s"
    }
}
