import AccordCore
import AccordPostgres
import Foundation
import ToolSupport

/// The same phases as on SQLite (import, classify --save, the two reports) on a PostgreSQL
/// database (`accord-bench --database postgres://…`), in a workspace whose `database:` is that
/// address, the user and password from PGUSER, PGPASSWORD or ~/.pgpass. Each import starts
/// from a database without Accord's tables, which it makes.
struct ServerPhases {
    let address: PostgresAddress
    let accord: String
    let runs: Int
    let progress: (String) -> Void

    /// The figures of `n` partnerships, and each phase's time over SQLite's (`sqlite`, the size's figures).
    func measure(_ n: Int, data: String, sqliteWorkspace: String, sqlite: [String: Any],
                 summary: ([ChildRun]) -> [String: Any]) throws -> [String: Any] {
        let workspace = data + "/workspace-postgres"
        try? FileManager.default.removeItem(atPath: workspace)
        try FileManager.default.copyItem(atPath: sqliteWorkspace + "/Scripts", toPath: workspace + "/Scripts")
        let config = try String(contentsOfFile: sqliteWorkspace + "/accord.yaml", encoding: .utf8)
            .replacingOccurrences(of: "database: accord.db", with: "database: \(address.description)")
        try config.write(toFile: workspace + "/accord.yaml", atomically: true, encoding: .utf8)
        let credentials = PostgresCredentials.find(for: address) { progress($0) }
        var result: [String: Any] = ["database": address.description]

        func phase(_ key: String, _ name: String, before: () throws -> Void = {}, _ arguments: [String]) throws {
            progress("\(n): \(name) on PostgreSQL")
            let measured = try (0..<runs).map { _ in
                try before()
                return try mustRunTimed([accord] + arguments, in: workspace)
            }
            var figures = summary(measured)
            if let own = figures["median_s"] as? Double, let base = (sqlite[key] as? [String: Any])?["median_s"] as? Double, base > 0 {
                figures["sqlite_ratio"] = own / base
                progress(String(format: "%d: %@ on PostgreSQL took %.2f s, %.2f× SQLite's", n, name, own, own / base))
            }
            result[key] = figures
        }
        try phase("import", "import", before: {
            try PostgresCopy.dropTables(in: PostgresSession(address, credentials: credentials))
        }, ["import", "--no-progress"])
        try phase("classify", "classify --save", ["classify", "--save", "--no-progress"])
        let labels = try Store(server: PostgresStoreServer(address, credentials: credentials)).savedLabelCounts()
        result["labels_match"] = labels == sqlite["labels"] as? [String: Int]
        let out = workspace + "/Reports/bench"
        try phase("quarterly_report", "quarterly report",
                  ["report", "quarterly", "--period", ScaleBenchmark.quarter, "--as-of", ScaleBenchmark.asOf, "--out", out + "-q"])
        try phase("yearly_report", "yearly report",
                  ["report", "yearly", "--period", ScaleBenchmark.year, "--as-of", ScaleBenchmark.asOf, "--out", out + "-y"])
        let same = ["-q", "-y"].allSatisfy { suffix in
            let a = try? Data(contentsOf: URL(fileURLWithPath: out + suffix + "/report.json"))
            let b = try? Data(contentsOf: URL(fileURLWithPath: sqliteWorkspace + "/Reports/bench" + suffix + "/report.json"))
            return a != nil && Self.withoutRunIDs(a!) == Self.withoutRunIDs(b ?? Data())
        }
        result["reports_match"] = same
        return result
    }

    /// A report's JSON with the ids of classification runs taken out: the two databases' runs differ.
    /// A run id ends in up to eight hexadecimal digits, fewer when the number starts with zeros.
    static func withoutRunIDs(_ json: Data) -> String {
        String(decoding: json, as: UTF8.self).replacing(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-[0-9a-f]+"/, with: "\"run\"")
    }
}
