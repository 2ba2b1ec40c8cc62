import Foundation

/// The targets of issue 20 ("Performance by design"), each judged against the figures of one
/// scale run: a row per target, with what was measured and whether it was met. The targets are
/// the issue's; a row whose size was not run, or whose baseline was left out, says so.
struct BenchTargets {
    /// One target against this run.
    struct Row: Equatable {
        enum Verdict: Equatable {
            case met, missed
            /// Not measured in this run, and why.
            case notMeasured(String)
        }

        var name: String
        var target: String
        /// What this run measured (empty when nothing was).
        var measured: String
        var verdict: Verdict

        var json: [String: Any] {
            var out: [String: Any] = ["name": name, "target": target, "measured": measured]
            switch verdict {
            case .met: out["met"] = true
            case .missed: out["met"] = false
            case .notMeasured(let why): out["not_measured"] = why
            }
            return out
        }
    }

    static let small = 100_000, large = 1_000_000
    /// Accord's end to end time over pandas': at least twice as fast.
    static let endToEndRatio = 0.5
    static let classifySeconds = 5.0, classifyRSS = 1 << 30
    static let evaluationRatio = 0.25
    static let importSeconds = 20.0
    static let quarterlySeconds = 1.0
    static let yearlySeconds = 3.0, yearlyRSS = 512 << 20
    static let startupSeconds = 0.030
    /// Time at 1M over time at 100k, for every phase.
    static let growth = 11.0
    /// The phases whose growth is judged, by their key in the report.
    static let phases = [("import", "import"), ("classify", "classify --save"), ("quarterly_report", "quarterly report"),
                         ("yearly_report", "yearly report")]

    let report: [String: Any]

    var rows: [Row] {
        var rows = [endToEnd(Self.small), endToEnd(Self.large)]
        rows.append(phase("classify", "classify --save", seconds: Self.classifySeconds, rss: Self.classifyRSS, rssText: "1 GiB"))
        rows.append(evaluation())
        rows.append(phase("import", "import", seconds: Self.importSeconds))
        rows.append(phase("quarterly_report", "quarterly report", seconds: Self.quarterlySeconds))
        rows.append(phase("yearly_report", "yearly report", seconds: Self.yearlySeconds, rss: Self.yearlyRSS, rssText: "512 MB"))
        rows.append(startup())
        rows += Self.phases.map { growth($0.0, $0.1) }
        return rows
    }

    /// Issue 23's target of a run with `--database`: on PostgreSQL, classify --save and the two
    /// reports at 100k within twice SQLite's time, with the same labels and reports. None without it.
    var serverRows: [Row] {
        guard let server = size(Self.small)?["postgres"] as? [String: Any] else { return [] }
        let same = server["labels_match"] as? Bool == true && server["reports_match"] as? Bool == true
        return [("classify", "classify --save"), ("quarterly_report", "quarterly report"), ("yearly_report", "yearly report")]
            .map { key, name in
                var row = Row(name: "on PostgreSQL, \(name), \(Self.label(Self.small))",
                              target: String(format: "≤ %.0f× SQLite", Self.serverRatio), measured: "", verdict: .notMeasured(""))
                guard let figures = server[key] as? [String: Any], let ratio = figures["sqlite_ratio"] as? Double else {
                    return row.notRun("no \(name) time")
                }
                row.measured = String(format: "%.2f× (%@)", ratio, Self.seconds(Self.number(figures["median_s"])) as NSString)
                if !same { row.measured += ", labels or reports differ" }
                row.verdict = ratio <= Self.serverRatio && same ? .met : .missed
                return row
            }
    }

    /// The time on PostgreSQL over SQLite's.
    static let serverRatio = 2.0

    // MARK: Rows

    private func endToEnd(_ n: Int) -> Row {
        var row = Row(name: "end to end, Accord / pandas, \(Self.label(n))",
                      target: String(format: "≤ %.2f× (≥ 2× faster)", Self.endToEndRatio), measured: "", verdict: .notMeasured(""))
        guard let figures = size(n)?["end_to_end"] as? [String: Any] else { return row.notRun(Self.notRun(n)) }
        if let skipped = figures["skipped"] as? String { return row.notRun("pandas " + skipped) }
        guard let ratio = figures["ratio"] as? Double, ratio > 0 else { return row.notRun("no ratio") }
        row.measured = String(format: "%.2f× (%.2f / %.2f s, %@)", ratio, Self.number(figures["accord_s"]),
                              Self.number(figures["pandas_s"]),
                              (ratio <= 1 ? String(format: "%.1f× faster", 1 / ratio) : String(format: "%.1f× slower", ratio)) as NSString)
        let labelsMatch = figures["labels_match"] as? Bool ?? false
        if !labelsMatch { row.measured += ", labels differ" }
        row.verdict = ratio <= Self.endToEndRatio && labelsMatch ? .met : .missed
        return row
    }

    /// A phase at 1M: its median time, and its peak memory when there is a memory target too.
    private func phase(_ key: String, _ name: String, seconds: Double, rss: Int? = nil, rssText: String = "") -> Row {
        var row = Row(name: "\(name), \(Self.label(Self.large))",
                      target: "≤ \(Self.limit(seconds))" + (rss == nil ? "" : ", peak RSS ≤ \(rssText)"),
                      measured: "", verdict: .notMeasured(""))
        guard let figures = size(Self.large)?[key] as? [String: Any], let time = figures["median_s"] as? Double else {
            return row.notRun(Self.notRun(Self.large))
        }
        row.measured = Self.seconds(time)
        var met = time <= seconds
        if let rss {
            let peak = Self.peakBytes(figures)
            row.measured += ", \(peak >> 20) MB"
            met = met && peak <= rss
        }
        row.verdict = met ? .met : .missed
        return row
    }

    /// Rule evaluation against plain lua5.4, at the largest size that measured it.
    private func evaluation() -> Row {
        var row = Row(name: "rule evaluation, Accord / plain lua5.4", target: String(format: "≤ %.2f×", Self.evaluationRatio),
                      measured: "", verdict: .notMeasured(""))
        let sizes = (report["sizes"] as? [[String: Any]] ?? []).sorted { ($0["records"] as? Int ?? 0) > ($1["records"] as? Int ?? 0) }
        guard let largest = sizes.first else { return row.notRun("no size was run") }
        guard let (n, figures) = sizes.lazy.compactMap({ size -> (Int, [String: Any])? in
            guard let figures = size["rule_evaluation"] as? [String: Any], figures["ratio"] is Double else { return nil }
            return (size["records"] as? Int ?? 0, figures)
        }).first else {
            let skipped = (largest["rule_evaluation"] as? [String: Any])?["skipped"] as? String
            return row.notRun(skipped.map { "plain Lua " + $0 } ?? "no ratio")
        }
        let ratio = Self.number(figures["ratio"])
        row.name += ", \(Self.label(n))"
        row.measured = String(format: "%.2f× (%.2f / %.2f s)", ratio, Self.number(figures["accord_s"]), Self.number(figures["pure_lua_s"]))
        let labelsMatch = figures["labels_match"] as? Bool ?? false
        if !labelsMatch { row.measured += ", labels differ" }
        row.verdict = ratio <= Self.evaluationRatio && labelsMatch ? .met : .missed
        return row
    }

    private func startup() -> Row {
        var row = Row(name: "accord run of an empty script", target: "≤ \(Self.limit(Self.startupSeconds))",
                      measured: "", verdict: .notMeasured(""))
        guard let time = (report["startup"] as? [String: Any])?["median_s"] as? Double else { return row.notRun("not run") }
        row.measured = Self.seconds(time)
        row.verdict = time <= Self.startupSeconds ? .met : .missed
        return row
    }

    /// How much longer a phase took at 1M than at 100k.
    private func growth(_ key: String, _ name: String) -> Row {
        var row = Row(name: "growth \(Self.label(Self.small)) → \(Self.label(Self.large)), \(name)",
                      target: String(format: "≤ ×%.0f", Self.growth), measured: "", verdict: .notMeasured(""))
        let missing = [Self.small, Self.large].filter { size($0) == nil }
        guard missing.isEmpty else { return row.notRun(missing.map(Self.notRun).joined(separator: ", ")) }
        guard let a = (size(Self.small)?[key] as? [String: Any])?["median_s"] as? Double,
              let b = (size(Self.large)?[key] as? [String: Any])?["median_s"] as? Double, a > 0 else {
            return row.notRun("no \(name) time")
        }
        row.measured = String(format: "×%.1f (%@ → %@)", b / a, Self.seconds(a) as NSString, Self.seconds(b) as NSString)
        row.verdict = b / a <= Self.growth ? .met : .missed
        return row
    }

    // MARK: Figures

    private func size(_ n: Int) -> [String: Any]? {
        (report["sizes"] as? [[String: Any]])?.first { $0["records"] as? Int == n }
    }

    private static func peakBytes(_ figures: [String: Any]) -> Int {
        figures["peak_rss_bytes"] as? Int ?? (figures["peak_rss_mb"] as? Int ?? 0) << 20
    }

    private static func number(_ value: Any?) -> Double { value as? Double ?? 0 }

    static func label(_ n: Int) -> String {
        n % 1_000_000 == 0 ? "\(n / 1_000_000)M" : n % 1000 == 0 ? "\(n / 1000)k" : n.formatted()
    }

    private static func notRun(_ n: Int) -> String { "\(label(n)) not run" }

    /// A target's time: `20 s`, `30 ms`.
    static func limit(_ value: Double) -> String {
        value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: value.rounded() == value ? "%.0f s" : "%.1f s", value)
    }

    /// `0.84 s`, or `28 ms` below a second.
    static func seconds(_ value: Double) -> String {
        value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value)
    }
}

private extension BenchTargets.Row {
    func notRun(_ why: String) -> Self {
        var row = self
        row.measured = ""
        row.verdict = .notMeasured(why)
        return row
    }
}
