import AccordCore
import ArgumentParser
import Foundation

/// accord-bench: Accord's speed and memory, measured in one run so that figures
/// can be compared (machines are shared and noisy: quote medians and ratios).
@main
struct AccordBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-bench",
        abstract: "Measure Accord's speed and memory at scale, against plain Lua and pandas.",
        subcommands: [Scale.self, Generate.self, Limits.self],
        defaultSubcommand: Scale.self
    )
}

extension AccordBench {
    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import, classify, reports and start-up at each size (the default).",
            discussion: """
                Runs the release accord binary as a user runs it, on generated data (bench-data/N-SEED), \
                against the standard pack's rules in plain lua5.4 and the same job in pandas.
                """)

        @Option(help: "Sizes in partnerships, comma-separated.", transform: Self.sizes)
        var records: [Int] = [10_000, 100_000, 1_000_000]

        @Option(help: "Runs per measurement (default: 5 below 100k, else 3; the reports at least 3).")
        var runs: Int?

        @Option(help: "Seed of the generated data.")
        var seed: UInt64 = 1

        @Flag(help: "Print the results as JSON.")
        var json = false

        @Flag(help: "Leave out the pandas baseline (by default it runs from .build-pandas/, set up on first use).")
        var noPandas = false

        @Option(help: """
            Also run import, classify --save and the reports on this PostgreSQL database \
            (postgres://HOST[:PORT]/DATABASE; user and password from PGUSER, PGPASSWORD or ~/.pgpass): \
            its tables are dropped before each import.
            """)
        var database: String?

        func run() throws {
            let server: PostgresAddress?
            do { server = try database.map { try PostgresAddress($0) } } catch { throw ValidationError("--database: \(error)") }
            try ScaleBenchmark(sizes: records, seed: seed, runs: runs, json: json, pandas: !noPandas, server: server).run()
        }

        private static func sizes(_ text: String) throws -> [Int] {
            try text.split(separator: ",").map {
                guard let n = Int($0), n > 0 else { throw ValidationError("--records takes sizes like 10000,100000") }
                return n
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic dataset in Accord's CSV import format.",
            discussion: "The same size and seed give byte-identical files.")

        @Option(help: "Partnerships to generate.")
        var records: Int

        @Option(help: "Seed of the generator.")
        var seed: UInt64

        @Option(help: "Output folder (default: bench-data/RECORDS-SEED).")
        var out: String?

        func validate() throws {
            guard records > 0 else { throw ValidationError("--records must be positive") }
        }

        func run() throws {
            try Generator.run(records: records, seed: seed, folder: out ?? "bench-data/\(records)-\(seed)")
        }
    }

    struct Limits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What the sandbox's limits cost a normal script over the sample.")

        enum Variant: String, ExpressibleByArgument, CaseIterable { case with, without, setup }

        @Option(help: "Runs of each variant.")
        var runs = 9

        @Flag(help: "Print the results as JSON.")
        var json = false

        @Option(help: "Run one variant once (with, without or setup), for callgrind.")
        var variant: Variant?

        func run() throws {
            try LimitsBenchmark.run(runs: runs, json: json, variant: variant)
        }
    }
}
