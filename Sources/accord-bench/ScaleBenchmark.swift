import AccordCore
import AccordPostgres
import Foundation
import ToolSupport

/// `accord-bench [scale] [--records N[,N…]] [--runs R] [--seed S] [--json]`: the release
/// `accord` binary run as a user runs it, on generated data, at each size:
/// import; classify with the standard pack, saving labels; the quarterly and
/// yearly reports; and, once, `accord run` of an empty script on the sample.
/// Against it, in the same run: the same rules in plain `lua5.4` and the same
/// job in pandas, whose label counts must equal Accord's.
struct ScaleBenchmark {
    private let sizes: [Int]
    private let seed: UInt64
    private let runs: Int?
    private let json: Bool
    private let pandas: Bool
    /// A PostgreSQL database to run the same phases on, after SQLite (`--database`).
    private let server: PostgresAddress?
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The release binary as `make install` builds it: the Swift runtime linked in, in a build folder of its own.
    private static let release = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--build-path", ".build-static"]
    private var accord: String { repository.appendingPathComponent(".build-static/release/accord").path }

    /// The quarter and year the reports are made for: the generated dates end in 2025.
    static let quarter = "2025-Q4", year = "2025", asOf = "2026-01-01"

    init(sizes: [Int], seed: UInt64, runs: Int?, json: Bool, pandas: Bool = true, server: PostgresAddress? = nil) {
        self.pandas = pandas
        self.server = server
        self.sizes = sizes
        self.seed = seed
        self.runs = runs
        self.json = json
    }

    func run() throws {
        // Before the long runs: a missing pandas is set up, or the bench stops saying why.
        let python = pandas ? try PandasEnvironment(repository: repository).ready(say: progress) : nil
        progress("building accord (release)")
        // swift build reports compile errors on stdout: keep it to show them.
        let log = NSTemporaryDirectory() + "accord-bench-build-\(getpid()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        do {
            try mustRun(Self.release + ["--product", "accord"], in: repository.path, output: log)
        } catch {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw BenchError("\(error)\n\(output.suffix(4000))")
        }
        let started = Date()
        var results: [[String: Any]] = []
        let startup = try measureStartup()
        for n in sizes { results.append(try measure(n, python: python)) }
        var report: [String: Any] = [
            "machine": Machine.description, "seed": seed, "sizes": results, "startup": startup,
            "scaling": scaling(results), "total_seconds": Date().timeIntervalSince(started),
            "command": "swift run -c release accord-bench " + CommandLine.arguments.dropFirst().joined(separator: " "),
        ]
        let targets = BenchTargets(report: report)
        report["targets"] = (targets.rows + targets.serverRows).map(\.json)
        if json {
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(ScaleTable(report: report).text)
        }
    }

    // MARK: One size

    private func measure(_ n: Int, python: String?) throws -> [String: Any] {
        let data = try dataset(n)
        let workspace = try makeWorkspace(in: data)
        let runs = self.runs ?? (n >= 100_000 ? 3 : 5)
        // The reports take seconds where import and classify take tens: three runs of each, however large.
        let reportRuns = self.runs ?? max(runs, 3)
        let database = workspace + "/accord.db"
        var result: [String: Any] = ["records": n, "runs": runs, "report_runs": reportRuns]

        // Each run imports into an empty database and classifies what it imported: every run does the
        // same work, a first classification's, where a second run of classify would replace the labels of the first.
        progress("\(n): import and classify --save, in turn")
        // What evaluating the rules costs Accord (pushing each record to Lua, the rules,
        // reading the result back), as `classify --timings` counts it.
        let timings = workspace + "/timings.txt"
        var imports: [ChildRun] = [], classifies: [ChildRun] = [], evaluations: [Double] = []
        for _ in 0..<runs {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            imports.append(try mustRunTimed([accord, "import"], in: workspace))
            classifies.append(try mustRunTimed([accord, "classify", "--save", "--timings"], in: workspace, errors: timings))
            evaluations.append(try Self.evaluationSeconds(in: timings))
        }
        result["import"] = summary(imports, records: n)
        finished("\(n): import", imports)
        result["classify"] = summary(classifies, records: n)
        finished("\(n): classify --save", classifies)
        let labels = try Store(path: database).savedLabelCounts()
        let accordEvaluation = median(evaluations)
        var evaluation: [String: Any] = ["accord_s": accordEvaluation]

        progress("\(n): quarterly report")
        let out = workspace + "/Reports/bench"
        let quarterly = try (0..<reportRuns).map { _ in
            try mustRunTimed([accord, "report", "quarterly", "--period", Self.quarter, "--as-of", Self.asOf, "--out", out + "-q"], in: workspace)
        }
        result["quarterly_report"] = summary(quarterly, records: n)
        finished("\(n): quarterly report", quarterly)
        progress("\(n): yearly report")
        let yearly = try (0..<reportRuns).map { _ in
            try mustRunTimed([accord, "report", "yearly", "--period", Self.year, "--as-of", Self.asOf, "--out", out + "-y"], in: workspace)
        }
        result["yearly_report"] = summary(yearly, records: n)
        finished("\(n): yearly report", yearly)

        if let lua = PureLuaBaseline.find(repository: repository) {
            progress("\(n): pure Lua baseline (exporting the records)")
            let folder = data + "/lua"
            try lua.export(database: database, to: folder)
            let search = lua.buildSearchModule(in: folder + "/modules")
            progress("\(n): pure Lua baseline (evaluating, \(cores) processes)")
            let baseline = try lua.run(folder: folder, pack: workspace + "/Scripts/rules/standard", parts: cores,
                                       native: search.folder)
            try? FileManager.default.removeItem(atPath: folder)
            progress("\(n): pure Lua baseline took \(BenchTargets.seconds(baseline.seconds)) "
                     + "(Accord's rule evaluation \(BenchTargets.seconds(accordEvaluation)))")
            evaluation["pure_lua_s"] = baseline.seconds
            evaluation["pure_lua_search"] = search.folder == nil ? "lua (\(search.reason ?? ""))" : "c"
            evaluation["ratio"] = baseline.seconds > 0 ? accordEvaluation / baseline.seconds : 0
            evaluation["labels_match"] = baseline.labels == labels && baseline.records == n
            evaluation["pure_lua_labels"] = baseline.labels
        } else {
            evaluation["skipped"] = "lua5.4 is not installed (apt-get install lua5.4)"
        }
        result["rule_evaluation"] = evaluation
        result["labels"] = labels

        let accordEndToEnd = median(imports.map(\.seconds)) + median(classifies.map(\.seconds)) + median(quarterly.map(\.seconds))
        var pandas: [String: Any] = ["accord_s": accordEndToEnd]
        if let python {
            progress("\(n): pandas baseline")
            // As many runs as Accord's import and classify, its median against theirs: one run of pandas
            // took 5.74 s at 100,000 in one bench and 9.84 s in another on the same machine.
            let baselines = try (0..<runs).map { _ in
                try PandasBaseline(python: python, repository: repository).run(data: data, quarter: Self.quarter)
            }.sorted { $0.seconds < $1.seconds }
            let baseline = baselines[baselines.count / 2], seconds = median(baselines.map(\.seconds))
            let each = baselines.count > 1 ? " (median of \(baselines.count))" : ""
            progress("\(n): pandas took \(BenchTargets.seconds(seconds))\(each) "
                     + "(Accord end to end \(BenchTargets.seconds(accordEndToEnd)))")
            pandas["pandas_s"] = seconds
            pandas["pandas_runs_s"] = baselines.map(\.seconds)
            pandas["pandas_peak_rss_mb"] = (baselines.map(\.peakRSS).max() ?? 0) / (1 << 20)
            pandas["ratio"] = accordEndToEnd / seconds
            pandas["labels_match"] = baselines.allSatisfy { $0.labels == labels }
            pandas["pandas_labels"] = baseline.labels
            pandas["pandas_phases_s"] = baseline.phases
        } else {
            pandas["skipped"] = "left out (--no-pandas)"
        }
        result["end_to_end"] = pandas
        if let server {
            result["postgres"] = try ServerPhases(address: server, accord: accord, runs: runs, progress: progress)
                .measure(n, data: data, sqliteWorkspace: workspace, sqlite: result) { summary($0, records: n) }
        }
        return result
    }

    /// The seconds `classify --timings` says evaluating the rules took.
    private static func evaluationSeconds(in file: String) throws -> Double {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("timings:") }),
              let range = line.range(of: "evaluating the rules "),
              let seconds = Double(line[range.upperBound...].prefix { $0 != " " }) else {
            throw BenchError("classify --timings printed no timings: \(text.prefix(500))")
        }
        return seconds
    }

    private func summary(_ runs: [ChildRun], records: Int) -> [String: Any] {
        let seconds = median(runs.map(\.seconds))
        let peak = runs.map(\.peakRSS).max() ?? 0
        return [
            "median_s": seconds, "peak_rss_mb": peak / (1 << 20), "peak_rss_bytes": peak,
            "records_per_s": seconds > 0 ? Int(Double(records) / seconds) : 0, "runs_s": runs.map(\.seconds),
        ]
    }

    /// Says, as a phase finishes, how long it took (the median of its runs) and its peak memory.
    private func finished(_ phase: String, _ runs: [ChildRun]) {
        let each = runs.count > 1 ? " (median of \(runs.count))" : ""
        progress("\(phase) took \(BenchTargets.seconds(median(runs.map(\.seconds))))\(each), "
                 + "peak RSS \((runs.map(\.peakRSS).max() ?? 0) >> 20) MB")
    }

    // MARK: Start-up

    /// `accord run` of an empty script on the sample workspace.
    private func measureStartup() throws -> [String: Any] {
        progress("start-up")
        let folder = repository.appendingPathComponent("bench-data/startup").path
        try? FileManager.default.removeItem(atPath: folder)
        try mustRun([accord, "init", "--sample", folder], in: repository.path)
        try "".write(toFile: folder + "/empty.lua", atomically: true, encoding: .utf8)
        _ = try mustRun([accord, "run", "empty.lua"], in: folder)
        let runs = try (0..<21).map { _ in try mustRun([accord, "run", "empty.lua"], in: folder) }
        finished("accord run of an empty script", runs)
        return ["median_s": median(runs.map(\.seconds)), "peak_rss_mb": (runs.map(\.peakRSS).max() ?? 0) / (1 << 20),
                "runs": runs.count]
    }

    // MARK: Data and workspace

    /// `bench-data/N-SEED`, generated when missing.
    private func dataset(_ n: Int) throws -> String {
        let folder = repository.appendingPathComponent("bench-data/\(n)-\(seed)").path
        if !FileManager.default.fileExists(atPath: folder + "/partnerships.csv") {
            progress("\(n): generating data")
            let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            try mustRun([me, "generate", "--records", "\(n)", "--seed", "\(seed)", "--out", folder], in: repository.path)
        }
        return folder
    }

    /// A new workspace beside the data with the standard pack and reports.
    private func makeWorkspace(in data: String) throws -> String {
        let fm = FileManager.default
        let folder = data + "/workspace"
        try? fm.removeItem(atPath: folder)
        try fm.createDirectory(atPath: folder + "/Scripts/rules", withIntermediateDirectories: true)
        let bundled = repository.appendingPathComponent("Sources/accord")
        try fm.copyItem(atPath: bundled.appendingPathComponent("Packs/standard").path, toPath: folder + "/Scripts/rules/standard")
        try fm.copyItem(atPath: bundled.appendingPathComponent("Sample/reports").path, toPath: folder + "/Scripts/reports")
        try """
            # accord-bench: generated data, the standard pack and reports, Accord's default limits.
            name: Benchmark
            database: accord.db
            timezone: UTC
            data: [..]
            rules: Scripts/rules
            reports: Scripts/reports
            output: Reports
            packs:
              standard: ^1.0

            """.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    private func scaling(_ results: [[String: Any]]) -> [String: Any] {
        guard let first = results.first, let last = results.last, results.count > 1,
              let n1 = first["records"] as? Int, let n2 = last["records"] as? Int, n2 > n1 else { return [:] }
        var out: [String: Any] = ["from": n1, "to": n2]
        for step in ["import", "classify", "quarterly_report", "yearly_report"] {
            guard let a = (first[step] as? [String: Any])?["median_s"] as? Double,
                  let b = (last[step] as? [String: Any])?["median_s"] as? Double, a > 0 else { continue }
            // time ∝ records^exponent: 1 is linear.
            out[step + "_exponent"] = log(b / a) / log(Double(n2) / Double(n1))
        }
        return out
    }

    /// The processes the plain-Lua baseline runs side by side: one per core, as
    /// `classify` runs one thread per core.
    private var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Says what starts now, and how long the bench has been running.
    private func progress(_ text: String) {
        let launched = Self.launched
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - launched) / 1e9
        FileHandle.standardError.write(Data(String(format: "accord-bench [%4.0f s]: %@\n", elapsed, text).utf8))
    }

    /// When the first progress line was written (a static is set on first use): the bench's start.
    private static let launched = DispatchTime.now().uptimeNanoseconds
}
