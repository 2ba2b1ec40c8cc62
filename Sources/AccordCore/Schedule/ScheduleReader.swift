import Foundation
import Yams

/// Reads the `schedule` block of `accord.yaml`, naming file, line and key on error.
struct ScheduleReader {
    let file: String
    let defaultZone: String
    let defaultTimeout: Double

    static let keys = ["timezone", "timeout", "log", "on_failure", "on_recovery", "hook_timeout", "reports"]
    static let jobKeys = ["name", "report", "grain", "due", "start", "formats", "skip_if_empty", "only_on_change", "params"]

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
        if let p = values["params"] {
            guard let params = p.mapping else { throw fail(p, "\(at).params must be a mapping of name: value") }
            for (k, v) in params {
                job.params[k.string ?? ""] = try text(v, "\(at).params.\(k.string ?? "")")
            }
        }
        return job
    }
}
