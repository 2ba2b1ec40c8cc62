@testable import accord_bench
import Testing

/// The targets table of `accord-bench`: each of the issue's targets judged against one run's figures.
struct BenchTargetsTests {
    /// A size's figures as the scale run reports them.
    static func size(_ n: Int, import importing: Double, classify: Double, quarterly: Double, yearly: Double,
                     classifyMB: Int = 300, yearlyMB: Int = 200, ratio: Double? = 0.4, evaluation: Double? = 0.2,
                     labelsMatch: Bool = true) -> [String: Any] {
        func phase(_ seconds: Double, _ mb: Int = 100) -> [String: Any] {
            ["median_s": seconds, "peak_rss_mb": mb, "peak_rss_bytes": mb << 20]
        }
        var endToEnd: [String: Any] = ["skipped": "left out (--no-pandas)"]
        if let ratio {
            endToEnd = ["accord_s": 10 * ratio, "pandas_s": 10.0, "ratio": ratio, "labels_match": labelsMatch]
        }
        var rules: [String: Any] = ["skipped": "lua5.4 is not installed (apt-get install lua5.4)"]
        if let evaluation {
            rules = ["accord_s": 2 * evaluation, "pure_lua_s": 2.0, "ratio": evaluation, "labels_match": labelsMatch]
        }
        return ["records": n, "import": phase(importing), "classify": phase(classify, classifyMB), "quarterly_report": phase(quarterly),
                "yearly_report": phase(yearly, yearlyMB), "end_to_end": endToEnd, "rule_evaluation": rules]
    }

    static func rows(_ sizes: [[String: Any]], startup: Double? = 0.025) -> [String: BenchTargets.Row] {
        var report: [String: Any] = ["sizes": sizes]
        if let startup { report["startup"] = ["median_s": startup] }
        let rows = BenchTargets(report: report).rows
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })
    }

    static var fast: [[String: Any]] { [size(100_000, import: 1, classify: 0.4, quarterly: 0.08, yearly: 0.2),
                       size(1_000_000, import: 10, classify: 4, quarterly: 0.8, yearly: 2)] }

    @Test func aRunThatMeetsEveryTargetSaysSoOnEveryRow() {
        let rows = Self.rows(Self.fast)
        #expect(rows.count == 12)
        #expect(rows.values.allSatisfy { $0.verdict == .met }, "\(rows.values.filter { $0.verdict != .met })")
        #expect(rows["classify --save, 1M"]?.measured == "4.00 s, 300 MB")
        #expect(rows["classify --save, 1M"]?.target == "≤ 5 s, peak RSS ≤ 1 GiB")
        #expect(rows["growth 100k → 1M, import"]?.measured == "×10.0 (1.00 s → 10.00 s)")
        #expect(rows["accord run of an empty script"]?.measured == "25 ms")
    }

    @Test func eachTargetIsMissedJustPastItsLimit() {
        let slow = [Self.size(100_000, import: 1, classify: 0.4, quarterly: 0.08, yearly: 0.2, ratio: 0.51),
                    Self.size(1_000_000, import: 20.01, classify: 5.01, quarterly: 1.01, yearly: 3.01, ratio: 0.5, evaluation: 0.26)]
        let rows = Self.rows(slow, startup: 0.0301)
        let missed = Set(rows.values.filter { $0.verdict == .missed }.map(\.name))
        #expect(missed == [
            "end to end, Accord / pandas, 100k",
            "classify --save, 1M", "rule evaluation, Accord / plain lua5.4, 1M", "import, 1M", "quarterly report, 1M",
            "yearly report, 1M", "accord run of an empty script", "growth 100k → 1M, import", "growth 100k → 1M, classify --save",
            "growth 100k → 1M, quarterly report", "growth 100k → 1M, yearly report",
        ])
        // A ratio of exactly 0.5 is twice as fast: met.
        #expect(rows["end to end, Accord / pandas, 1M"]?.verdict == .met)
    }

    @Test func memoryOverItsLimitMissesATargetWhoseTimeIsMet() {
        let heavy = [Self.fast[0], Self.size(1_000_000, import: 10, classify: 4, quarterly: 0.8, yearly: 2, classifyMB: 1025, yearlyMB: 513)]
        let rows = Self.rows(heavy)
        #expect(rows["classify --save, 1M"]?.verdict == .missed)
        #expect(rows["yearly report, 1M"]?.verdict == .missed)
        #expect(rows["yearly report, 1M"]?.measured == "2.00 s, 513 MB")
        #expect(rows["import, 1M"]?.verdict == .met)
    }

    @Test func rowsOfASizeThatWasNotRunSaySo() {
        let rows = Self.rows([Self.fast[0]])
        #expect(rows["import, 1M"]?.verdict == .notMeasured("1M not run"))
        #expect(rows["end to end, Accord / pandas, 1M"]?.verdict == .notMeasured("1M not run"))
        #expect(rows["growth 100k → 1M, yearly report"]?.verdict == .notMeasured("1M not run"))
        #expect(rows["end to end, Accord / pandas, 100k"]?.verdict == .met)
        // Rule evaluation is judged at the largest size run.
        #expect(rows["rule evaluation, Accord / plain lua5.4, 100k"]?.verdict == .met)
    }

    @Test func aBaselineLeftOutIsNotMeasuredAndLabelsThatDifferMissTheTarget() {
        let rows = Self.rows([Self.size(100_000, import: 1, classify: 0.4, quarterly: 0.08, yearly: 0.2, ratio: nil, evaluation: nil),
                              Self.size(1_000_000, import: 10, classify: 4, quarterly: 0.8, yearly: 2, labelsMatch: false)],
                             startup: nil)
        #expect(rows["end to end, Accord / pandas, 100k"]?.verdict
            == .notMeasured("pandas left out (--no-pandas)"))
        #expect(rows["end to end, Accord / pandas, 1M"]?.verdict == .missed)
        #expect(rows["rule evaluation, Accord / plain lua5.4, 1M"]?.measured.hasSuffix("labels differ") == true)
        #expect(rows["accord run of an empty script"]?.verdict == .notMeasured("not run"))
    }

    @Test func theTableAndTheJSONCarryEveryRow() {
        let report: [String: Any] = ["sizes": [Self.fast[0]], "startup": ["median_s": 0.041]]
        let table = ScaleTable(report: report).targets
        #expect(table.first == "targets (issues 20 and 23), measured in this run")
        #expect(table.count == 13)
        let startup = table.first { $0.contains("accord run of an empty script") }
        #expect(startup?.contains(/≤ 30 ms +41 ms +MISSED$/) == true, "\(startup ?? "")")
        #expect(table.contains { $0.contains("import, 1M") && $0.hasSuffix("not measured: 1M not run") })
        let json = BenchTargets(report: report).rows.map(\.json)
        #expect(json.count == 12)
        #expect(json.contains { $0["name"] as? String == "accord run of an empty script" && $0["met"] as? Bool == false })
        #expect(json.contains { $0["name"] as? String == "import, 1M" && $0["not_measured"] as? String == "1M not run" })
    }

    @Test func aRunOnPostgreSQLIsJudgedAgainstSQLitesTimesAndOnlyWhenThereWasOne() {
        var small = Self.fast[0]
        #expect(BenchTargets(report: ["sizes": [small]]).serverRows.isEmpty, "no --database, no rows")
        func phase(_ ratio: Double) -> [String: Any] { ["median_s": ratio, "sqlite_ratio": ratio] }
        small["postgres"] = ["classify": phase(1.9), "quarterly_report": phase(2.1), "yearly_report": phase(1.2),
                             "labels_match": true, "reports_match": true]
        let rows = Dictionary(uniqueKeysWithValues: BenchTargets(report: ["sizes": [small]]).serverRows.map { ($0.name, $0) })
        #expect(rows.count == 3)
        #expect(rows["on PostgreSQL, classify --save, 100k"]?.verdict == .met)
        #expect(rows["on PostgreSQL, quarterly report, 100k"]?.verdict == .missed)
        #expect(rows["on PostgreSQL, yearly report, 100k"]?.target == "≤ 2× SQLite")
        var postgres = small["postgres"] as! [String: Any]
        postgres["reports_match"] = false
        small["postgres"] = postgres
        let differing = BenchTargets(report: ["sizes": [small]]).serverRows
        #expect(differing.allSatisfy { $0.verdict == .missed && $0.measured.hasSuffix("labels or reports differ") })
        #expect(ScaleTable(report: ["sizes": [small]]).targets.count == 16)
    }

    @Test func aSizeSaysHowManyRunsItsStepsAndItsReportsHad() {
        var large = Self.fast[0]
        (large["runs"], large["report_runs"]) = (1, 3)
        var small = Self.fast[0]
        (small["runs"], small["report_runs"]) = (3, 3)
        let lines = ScaleTable(report: ["sizes": [large, small]]).text.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix("partnerships (medians of 1 runs, the reports' of 3)") })
        #expect(lines.contains { $0.hasSuffix("partnerships (medians of 3 runs)") })
    }
}
