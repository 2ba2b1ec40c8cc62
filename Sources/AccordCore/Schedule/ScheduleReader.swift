import Foundation
import Yams

/// Reads the `schedule` block of `accord.yaml`, naming file, line and key on error.
struct ScheduleReader {
    let file: String
    let defaultZone: String
    let defaultTimeout: Double

    static let keys = ["timezone", "timeout", "log", "on_failure", "on_recovery", "hook_timeout", "mail", "delivery_timeout", "reports"]
    static let jobKeys = ["name", "report", "grain", "due", "start", "formats", "skip_if_empty", "only_on_change", "params", "deliver"]
    static let mailKeys = ["command", "from"]
    static let targetKeys = ["email", "webhook", "attach"]
    /// What an e-mail may attach: the files of a rendered format.
    static let attachable = ["pdf", "xlsx", "csv", "html", "md", "json"]

    private func fail(_ node: Node, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node.mark?.line, message: message)
    }

    func read(_ node: Node) throws(ConfigError) -> Schedule {
        guard let mapping = node.mapping else { throw fail(node, "'schedule' must be a mapping with 'reports'") }
        var schedule = Schedule(timeZone: defaultZone, timeout: defaultTimeout)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "timezone":
                schedule.timeZone = try text(value, "schedule.timezone")
                guard TimeZone(identifier: schedule.timeZone) != nil else {
                    throw fail(value, "schedule.timezone: '\(schedule.timeZone)' is not an IANA time zone")
                }
            case "timeout":
                guard let seconds = ScriptLimits.parseSeconds(try text(value, "schedule.timeout")) else {
                    throw fail(value, "schedule.timeout: expected a duration such as 30m or none")
                }
                schedule.timeout = seconds ?? 0
            case "log":
                let file = try text(value, "schedule.log")
                schedule.log = file == "none" ? nil : file
            case "hook_timeout":
                guard let seconds = ScriptLimits.parseSeconds(try text(value, "schedule.hook_timeout")) else {
                    throw fail(value, "schedule.hook_timeout: expected a duration such as 60s or none")
                }
                schedule.hookTimeout = seconds ?? 0
            case "delivery_timeout":
                guard let seconds = ScriptLimits.parseSeconds(try text(value, "schedule.delivery_timeout")) else {
                    throw fail(value, "schedule.delivery_timeout: expected a duration such as 60s or none")
                }
                schedule.deliveryTimeout = seconds ?? 0
            case "mail": schedule.mail = try mail(value)
            case "on_failure": schedule.onFailure = try text(value, "schedule.on_failure")
            case "on_recovery": schedule.onRecovery = try text(value, "schedule.on_recovery")
            case "reports":
                guard let list = value.sequence else { throw fail(value, "schedule.reports must be a list of reports to run") }
                for (i, item) in list.enumerated() { schedule.jobs.append(try job(item, index: i + 1)) }
            default:
                throw fail(keyNode, "unknown setting 'schedule.\(key)'" + Suggestion.hint(for: key, in: Self.keys))
            }
        }
        var seen: Set<String> = []
        for job in schedule.jobs where !seen.insert(job.name).inserted {
            throw ConfigError(file: file, line: nil, message: "schedule.reports: two entries are named '\(job.name)'; give one a `name`")
        }
        return schedule
    }

    private func text(_ node: Node, _ key: String) throws(ConfigError) -> String {
        guard let s = node.scalar?.string, !s.isEmpty else { throw fail(node, "\(key) must be a text value") }
        return s
    }

    private func flag(_ node: Node, _ key: String) throws(ConfigError) -> Bool {
        switch node.scalar?.string {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail(node, "\(key) must be true or false")
        }
    }

    private func job(_ node: Node, index: Int) throws(ConfigError) -> ScheduledReport {
        guard let mapping = node.mapping else { throw fail(node, "schedule.reports[\(index)] must be a mapping with report, due and start") }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard Self.jobKeys.contains(key) else {
                throw fail(keyNode, "unknown setting 'schedule.reports[\(index)].\(key)'" + Suggestion.hint(for: key, in: Self.jobKeys))
            }
            values[key] = value
        }
        let at = "schedule.reports[\(index)]"
        guard let reportNode = values["report"] else { throw fail(node, "\(at): 'report' is missing") }
        let report = try text(reportNode, "\(at).report")
        guard let dueNode = values["due"] else { throw fail(node, "\(at): 'due' is missing (such as 3d 06:00: three days after the period's last day, at 06:00)") }
        guard let due = DueOffset(try text(dueNode, "\(at).due")) else {
            throw fail(dueNode, "\(at).due: expected days after the period's last day and a time, such as 3d 06:00")
        }
        guard let startNode = values["start"] else { throw fail(node, "\(at): 'start' is missing (the first period, such as 2019-Q1)") }
        let start = try text(startNode, "\(at).start")
        var job = ScheduledReport(name: report, report: report, due: due, start: start)
        if let n = values["name"] { job.name = try text(n, "\(at).name") }
        if let g = values["grain"] {
            let name = try text(g, "\(at).grain")
            guard let grain = Period.Grain(rawValue: name), [.month, .quarter, .year].contains(grain) else {
                throw fail(g, "\(at).grain: '\(name)' is not month, quarter or year")
            }
            job.grain = grain
        }
        if let f = values["formats"] {
            guard let items = f.sequence?.map({ $0.scalar?.string ?? "" }), !items.contains("") else {
                throw fail(f, "\(at).formats must be a list such as [html, json]")
            }
            job.formats = items
        }
        if let s = values["skip_if_empty"] { job.skipIfEmpty = try flag(s, "\(at).skip_if_empty") }
        if let o = values["only_on_change"] { job.onlyOnChange = try flag(o, "\(at).only_on_change") }
        if let d = values["deliver"] { job.deliver = try deliveries(d, at: "\(at).deliver") }
        if let p = values["params"] {
            guard let params = p.mapping else { throw fail(p, "\(at).params must be a mapping of name: value") }
            for (k, v) in params {
                job.params[k.string ?? ""] = try text(v, "\(at).params.\(k.string ?? "")")
            }
        }
        return job
    }

    private func mail(_ node: Node) throws(ConfigError) -> MailSettings {
        guard let mapping = node.mapping else { throw fail(node, "schedule.mail must be a mapping with command and from") }
        var mail = MailSettings()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "command": mail.command = try text(value, "schedule.mail.command")
            case "from":
                let from = try text(value, "schedule.mail.from")
                guard Self.isAddress(from) else { throw fail(value, "schedule.mail.from: '\(from)' is not an e-mail address") }
                mail.from = from
            default:
                throw fail(keyNode, "unknown setting 'schedule.mail.\(key)'" + Suggestion.hint(for: key, in: Self.mailKeys))
            }
        }
        return mail
    }

    /// `deliver:`: a list of targets, each `email:` (an address or a list) with `attach:`, or `webhook:` (a URL).
    private func deliveries(_ node: Node, at: String) throws(ConfigError) -> [DeliveryTarget] {
        guard let list = node.sequence else { throw fail(node, "\(at) must be a list of targets such as - email: analyst@example.org") }
        var targets: [DeliveryTarget] = []
        for (i, item) in list.enumerated() {
            let here = "\(at)[\(i + 1)]"
            guard let mapping = item.mapping else { throw fail(item, "\(here) must be a mapping with email or webhook") }
            var values: [String: Node] = [:]
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                guard Self.targetKeys.contains(key) else {
                    throw fail(keyNode, "unknown setting '\(here).\(key)'" + Suggestion.hint(for: key, in: Self.targetKeys))
                }
                values[key] = value
            }
            var target: DeliveryTarget
            switch (values["email"], values["webhook"]) {
            case let (email?, nil):
                var addresses: [String] = []
                if let items = email.sequence {
                    for item in items { addresses.append(try text(item, "\(here).email")) }
                } else {
                    addresses = [try text(email, "\(here).email")]
                }
                guard !addresses.isEmpty else { throw fail(email, "\(here).email: name at least one address") }
                for address in addresses where !Self.isAddress(address) {
                    throw fail(email, "\(here).email: '\(address)' is not an e-mail address")
                }
                target = .email(addresses)
            case let (nil, webhook?):
                let url = try text(webhook, "\(here).webhook")
                guard let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                      !(parsed.host ?? "").isEmpty else {
                    throw fail(webhook, "\(here).webhook: expected an http or https URL, not '\(url)'")
                }
                target = .webhook(url)
                if let attach = values["attach"] { throw fail(attach, "\(here).attach: only an e-mail has attachments") }
            case (nil, nil):
                throw fail(item, "\(here): name email (addresses) or webhook (a URL)")
            case (_, let webhook?):
                throw fail(webhook, "\(here): a target is email or webhook, not both; make two targets")
            }
            if let attach = values["attach"] {
                guard let items = attach.sequence?.map({ $0.scalar?.string ?? "" }) else {
                    throw fail(attach, "\(here).attach must be a list such as [pdf, csv]")
                }
                for format in items where !Self.attachable.contains(format) {
                    throw fail(attach, "\(here).attach: '\(format)' is not a format to attach: use "
                        + Self.attachable.joined(separator: ", ") + Suggestion.hint(for: format, in: Self.attachable))
                }
                target.attach = items
            }
            if targets.contains(where: { $0.description == target.description }) {
                throw fail(item, "\(here): \(target) is named twice")
            }
            targets.append(target)
        }
        return targets
    }

    /// One address, `name@domain`, with nothing that could end a header or add a recipient.
    static func isAddress(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace || $0.isNewline || ",;<>\"()[]\\:".contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }
}
