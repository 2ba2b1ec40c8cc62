import Foundation
import ToolSupport

/// The scale benchmark's figures as a table for the terminal (and docs/guide/performance.md).
struct ScaleTable {
    let report: [String: Any]

    var text: String {
        var lines: [String] = []
        if let machine = report["machine"] as? [String: Any] {
            lines.append("machine: \(machine["cpu"] ?? "?"), \(machine["cores"] ?? "?") cores, \(machine["memory_gib"] ?? "?") GiB")
        }
        if let startup = report["startup"] as? [String: Any] {
            lines.append(String(format: "accord run (empty script, sample workspace): %.0f ms median of %d, %d MB",
                                ms(startup["median_s"]), startup["runs"] as? Int ?? 0, startup["peak_rss_mb"] as? Int ?? 0))
        }
        for size in report["sizes"] as? [[String: Any]] ?? [] {
            let n = size["records"] as? Int ?? 0
            lines.append("")
            let runs = size["runs"] as? Int ?? 1, reportRuns = size["report_runs"] as? Int ?? runs
            lines.append("\(n.formatted()) partnerships (medians of \(runs) runs"
                         + (reportRuns != runs ? ", the reports' of \(reportRuns))" : ")"))
            lines.append("  step                      time    records/s   peak RSS")
            for (key, name) in BenchTargets.phases {
                guard let step = size[key] as? [String: Any] else { continue }
                lines.append("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                             + String(format: "%9.2f s", seconds(step["median_s"]))
                             + pad((step["records_per_s"] as? Int ?? 0).formatted(), 13)
                             + pad("\(step["peak_rss_mb"] as? Int ?? 0) MB", 11))
            }
            let search = (size["rule_evaluation"] as? [String: Any])?["pure_lua_search"] as? String
            lines.append(comparison("rule evaluation", size["rule_evaluation"],
                                    against: search == "c" ? "lua5.4 (C search)" : "lua5.4 (Lua search)", key: "pure_lua_s"))
            lines.append(comparison("end to end", size["end_to_end"], against: "pandas", key: "pandas_s"))
            if let server = size["postgres"] as? [String: Any] {
                lines.append("  on PostgreSQL (\(server["database"] ?? "?")): labels \(server["labels_match"] as? Bool == true ? "match" : "DIFFER"), "
                             + "reports \(server["reports_match"] as? Bool == true ? "match" : "DIFFER")")
                for (key, name) in BenchTargets.phases {
                    guard let step = server[key] as? [String: Any] else { continue }
                    lines.append("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                                 + String(format: "%9.2f s", seconds(step["median_s"]))
                                 + pad((step["records_per_s"] as? Int ?? 0).formatted(), 13)
                                 + pad("\(step["peak_rss_mb"] as? Int ?? 0) MB", 11)
                                 + String(format: "   %.2f× SQLite", step["sqlite_ratio"] as? Double ?? 0))
                }
            }
        }
        if let scaling = report["scaling"] as? [String: Any], let from = scaling["from"] as? Int, let to = scaling["to"] as? Int {
            let parts = ["import", "classify", "quarterly_report", "yearly_report"].compactMap { key in
                (scaling[key + "_exponent"] as? Double).map { String(format: "%@ %.2f", key.replacingOccurrences(of: "_", with: " "), $0) }
            }
            lines.append("")
            lines.append("growth from \(from.formatted()) to \(to.formatted()) (time ∝ records^k; k = 1 is linear): "
                         + parts.joined(separator: ", "))
        }
        lines.append("")
        lines += targets
        return lines.joined(separator: "\n")
    }

    /// The issue's targets against this run, one row each.
    var targets: [String] {
        let targets = BenchTargets(report: report)
        let rows = targets.rows + targets.serverRows
        let widths = (rows.map(\.name.count).max() ?? 0, rows.map(\.target.count).max() ?? 0, rows.map(\.measured.count).max() ?? 0)
        return ["targets (issues 20 and 23), measured in this run"] + rows.map { row in
            let verdict = switch row.verdict {
            case .met: "met"
            case .missed: "MISSED"
            case .notMeasured(let why): "not measured: \(why)"
            }
            return "  " + row.name.padding(toLength: widths.0, withPad: " ", startingAt: 0)
                + "  " + row.target.padding(toLength: widths.1, withPad: " ", startingAt: 0)
                + "  " + row.measured.padding(toLength: widths.2, withPad: " ", startingAt: 0) + "  " + verdict
        }
    }

    /// `  rule evaluation  accord 1.20 s / pure lua5.4 0.90 s = 1.33×   labels match`
    private func comparison(_ name: String, _ value: Any?, against other: String, key: String) -> String {
        let figures = value as? [String: Any] ?? [:]
        if let skipped = figures["skipped"] as? String { return "  \(name): \(other) baseline skipped: \(skipped)" }
        return "  " + name.padding(toLength: 16, withPad: " ", startingAt: 0)
            + String(format: " accord %.2f s / %@ %.2f s = %.2f×", seconds(figures["accord_s"]), other as NSString,
                     seconds(figures[key]), seconds(figures["ratio"]))
            + "   labels " + (figures["labels_match"] as? Bool == true ? "match" : "DIFFER")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func seconds(_ value: Any?) -> Double { value as? Double ?? 0 }
    private func ms(_ value: Any?) -> Double { seconds(value) * 1000 }
}
