import Foundation

/// Where a scheduled report goes once made: `deliver:` in a schedule entry.
public struct DeliveryTarget: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        case email, webhook
    }

    public var kind: Kind
    /// The addresses of an e-mail.
    public var recipients: [String]
    /// The formats whose files an e-mail attaches: `pdf`, `xlsx`, `csv`, …
    public var attach: [String]
    /// The URL a webhook is POSTed to.
    public var url: String?

    public static func email(_ recipients: [String], attach: [String] = []) -> DeliveryTarget {
        DeliveryTarget(kind: .email, recipients: recipients, attach: attach, url: nil)
    }

    public static func webhook(_ url: String) -> DeliveryTarget {
        DeliveryTarget(kind: .webhook, recipients: [], attach: [], url: url)
    }

    /// What the ledger calls it, stable while the entry names the same recipients or URL:
    /// `email analyst@example.org, manager@example.org`, `webhook https://hooks.example.org/T000/B000`.
    public var description: String {
        switch kind {
        case .email: "email " + recipients.joined(separator: ", ")
        case .webhook: "webhook " + (url ?? "")
        }
    }

    /// The formats the entry's reports must be rendered in for this target.
    public var formats: [String] { attach }
}

/// How e-mail leaves this machine: `schedule.mail`.
public struct MailSettings: Equatable, Sendable {
    /// A command of the `sendmail` interface, run through the shell: it reads the message on
    /// its standard input and the recipients from its headers.
    public var command: String
    /// The From address.
    public var from: String

    public static let defaultCommand = "/usr/sbin/sendmail -t -i"

    public init(command: String = MailSettings.defaultCommand, from: String = MailSettings.defaultFrom) {
        self.command = command
        self.from = from
    }

    /// `accord@<this host>`.
    public static var defaultFrom: String {
        "accord@" + (ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName)
    }
}
