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
            lines.append(String(format: "accord run (empty script, sample workspace): %.0f ms median of %d, %d MB   target ≤ 50 ms",
                                ms(startup["median_s"]), startup["runs"] as? Int ?? 0, startup["peak_rss_mb"] as? Int ?? 0))
        }
        for size in report["sizes"] as? [[String: Any]] ?? [] {
            let n = size["records"] as? Int ?? 0
            lines.append("")
            lines.append("\(n.formatted()) partnerships (medians of \(size["runs"] ?? 1) runs)")
            lines.append("  step                      time    records/s   peak RSS   target")
            for (key, name, target) in [("import", "import", "≤ 15 s at 1M"), ("classify", "classify --save", "≤ 5 s and ≤ 1 GiB at 1M"),
                                        ("quarterly_report", "quarterly report", "≤ 3 s at 1M"), ("yearly_report", "yearly report", "")] {
                guard let step = size[key] as? [String: Any] else { continue }
                lines.append("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                             + String(format: "%9.2f s", seconds(step["median_s"]))
                             + pad((step["records_per_s"] as? Int ?? 0).formatted(), 13)
                             + pad("\(step["peak_rss_mb"] as? Int ?? 0) MB", 11) + "   " + target)
            }
            let search = (size["rule_evaluation"] as? [String: Any])?["pure_lua_search"] as? String
            lines.append(comparison("rule evaluation", size["rule_evaluation"],
                                    against: search == "c" ? "lua5.4 (C search)" : "lua5.4 (Lua search)", key: "pure_lua_s",
                                    target: "≤ 1.5×"))
            lines.append(comparison("end to end", size["end_to_end"], against: "pandas", key: "pandas_s", target: "< 1×"))
        }
        if let scaling = report["scaling"] as? [String: Any], let from = scaling["from"] as? Int, let to = scaling["to"] as? Int {
            let parts = ["import", "classify", "quarterly_report", "yearly_report"].compactMap { key in
                (scaling[key + "_exponent"] as? Double).map { String(format: "%@ %.2f", key.replacingOccurrences(of: "_", with: " "), $0) }
            }
            lines.append("")
            lines.append("growth from \(from.formatted()) to \(to.formatted()) (time ∝ records^k; k = 1 is linear): "
                         + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// `  rule evaluation  accord 1.20 s / pure lua5.4 0.90 s = 1.33×   target ≤ 1.5×   labels match`
    private func comparison(_ name: String, _ value: Any?, against other: String, key: String, target: String) -> String {
        let figures = value as? [String: Any] ?? [:]
        if let skipped = figures["skipped"] as? String { return "  \(name): \(other) baseline skipped: \(skipped)" }
        return "  " + name.padding(toLength: 16, withPad: " ", startingAt: 0)
            + String(format: " accord %.2f s / %@ %.2f s = %.2f×", seconds(figures["accord_s"]), other as NSString,
                     seconds(figures[key]), seconds(figures["ratio"]))
            + "   target \(target)   labels " + (figures["labels_match"] as? Bool == true ? "match" : "DIFFER")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func seconds(_ value: Any?) -> Double { value as? Double ?? 0 }
    private func ms(_ value: Any?) -> Double { seconds(value) * 1000 }
}
