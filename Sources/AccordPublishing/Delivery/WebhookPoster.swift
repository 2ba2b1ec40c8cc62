import Foundation

/// POSTs a JSON payload to a webhook URL with a time limit, through the system's `curl`
/// (so that `accord` need not load an HTTP stack of its own at every start). The URL, which
/// often holds the webhook's secret, reaches curl in a configuration on its standard input,
/// never on its command line. A 2xx answer is a delivery; any other status, or no answer in
/// time, is a failure. Redirections are followed, over HTTP(S) only.
public struct WebhookPoster: Sendable {
    public var timeout: Double

    public init(timeout: Double) {
        self.timeout = timeout
    }

    /// Returns the HTTP status of the answer.
    @discardableResult
    public func post(_ body: Data, to url: URL) throws(DeliveryError) -> Int {
        let host = url.host ?? "the webhook"
        let limit = timeout > 0 ? timeout : 3600
        let outcome: CommandRunner.Outcome
        do {
            // -q first: no ~/.curlrc.
            outcome = try CommandRunner.run(["curl", "-q", "--config", "-"], input: Self.configuration(body, to: url, seconds: limit),
                                            timeout: limit + 5)
        } catch {
            throw DeliveryError("POST to \(host): cannot run curl: \(error)")
        }
        if outcome.timedOut || outcome.status == 28 {
            throw DeliveryError("\(host) did not answer within the time limit (schedule.delivery_timeout)")
        }
        if outcome.status == 127 {
            throw DeliveryError("POST to \(host): webhooks are posted with curl, which is not installed (not found on PATH)")
        }
        guard outcome.status == 0 else {
            let said = outcome.firstError.replacingOccurrences(of: #"^curl: \(\d+\) "#, with: "", options: .regularExpression)
            throw DeliveryError("POST to \(host): \(said)")
        }
        let (status, answer) = Self.split(outcome.stdout)
        guard let status, status > 0 else { throw DeliveryError("POST to \(host): no HTTP answer") }
        guard (200..<300).contains(status) else {
            let said = String(decoding: answer.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw DeliveryError("POST to \(host): HTTP \(status)" + (said.isEmpty ? "" : ": \(said)"))
        }
        return status
    }

    /// Between the answer's body and its status on curl's standard output.
    static let statusMark = "\n--accord-http-status:"

    /// curl's configuration for the POST: every value quoted as curl's configuration files quote.
    static func configuration(_ body: Data, to url: URL, seconds: Double) -> Data {
        let lines = [
            "url = \(quoted(url.absoluteString))",
            "request = \"POST\"",
            "header = \"Content-Type: application/json; charset=utf-8\"",
            "user-agent = \"accord\"",
            "data-raw = \(quoted(String(decoding: body, as: UTF8.self)))",
            "max-time = \(String(format: "%.3f", seconds))",
            "proto = \"=http,https\"",
            "proto-redir = \"=http,https\"",
            "location",
            "silent",
            "show-error",
            "write-out = \(quoted(statusMark + "%{http_code}"))",
        ]
        return Data(lines.joined(separator: "\n").utf8 + [UInt8(ascii: "\n")])
    }

    /// `text` in double quotes, with the escapes curl's configuration reads.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(character)
            }
        }
        return quoted + "\""
    }

    /// The status curl wrote after the body, and the body.
    static func split(_ output: Data) -> (status: Int?, body: Data) {
        let mark = Data(statusMark.utf8)
        guard let range = output.range(of: mark, options: .backwards) else { return (nil, output) }
        let status = Int(String(decoding: output[range.upperBound...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        return (status, output[..<range.lowerBound])
    }
}
