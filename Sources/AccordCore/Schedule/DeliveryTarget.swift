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

    /// What the ledger, the log and messages call it, stable while the entry names the same
    /// recipients or URL: `email analyst@example.org, manager@example.org`, `webhook
    /// https://hooks.slack.com/… #1a2b3c4d`. A webhook's path is its secret (Slack's and
    /// Teams' are), so it is never shown: a digest of the whole URL tells two apart.
    public var description: String {
        switch kind {
        case .email: return "email " + recipients.joined(separator: ", ")
        case .webhook:
            let url = url ?? ""
            let shown = URLComponents(string: url).map { c in
                "\(c.scheme ?? "https")://\(c.host ?? "")" + (c.port.map { ":\($0)" } ?? "") + "/…"
            } ?? "…"
            let digest = ContentDigest.sha256(Data(url.utf8)).split(separator: ":").last.map { $0.prefix(8) } ?? ""
            return "webhook \(shown) #\(digest)"
        }
    }
}

/// How e-mail leaves this machine: `schedule.mail`.
public struct MailSettings: Equatable, Sendable {
    /// A command of the `sendmail` interface, run through the shell: it reads the message on
    /// its standard input and the recipients from its headers.
    public var command: String
    /// The From address, when set.
    public var from: String?

    public static let defaultCommand = "/usr/sbin/sendmail -t -i"

    public init(command: String = MailSettings.defaultCommand, from: String? = nil) {
        self.command = command
        self.from = from
    }

    /// The From address: `from`, else `accord@<this host>`.
    public var sender: String {
        if let from { return from }
        let host = ProcessInfo.processInfo.hostName
        return "accord@" + (host.isEmpty ? "localhost" : host)
    }
}
