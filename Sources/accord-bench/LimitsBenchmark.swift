import AccordCore
import AccordScripting
import Foundation
import ToolSupport

/// `accord-bench limits [--runs N] [--json] [--variant with|without|setup]`: what
/// the sandbox's limits (instruction hook, deadline, memory ceiling) cost a normal
/// script over the sample. `--variant` runs one variant once, for callgrind.
enum LimitsBenchmark {
    static func run(runs: Int, json: Bool, variant: AccordBench.Limits.Variant?) throws {
        let store = try sampleStore()
        let day = CalendarDay(year: 2026, month: 1, day: 1)!
        let unlimited = try ScriptHost(store: store, modulePaths: [], periods: PeriodContext(asOf: day), limits: ScriptLimits())
        let limited = try ScriptHost(store: store, modulePaths: [], periods: PeriodContext(asOf: day), limits: .defaults)

        if let variant {
            guard variant != .setup else { return }
            try (variant == .with ? limited : unlimited).run(workload, chunkName: "workload.lua")
            return
        }

        // Warm up both, then alternate so that drift in the machine's speed hits both alike.
        try unlimited.run(workload, chunkName: "workload.lua")
        try limited.run(workload, chunkName: "workload.lua")
        var without: [Double] = [], with: [Double] = []
        for _ in 0..<runs {
            without.append(try seconds { try unlimited.run(workload, chunkName: "workload.lua") })
            with.append(try seconds { try limited.run(workload, chunkName: "workload.lua") })
        }
        let ratio = median(with) / median(without)

        if json {
            let result: [String: Any] = [
                "runs": runs,
                "script_without_limits_s": median(without),
                "script_with_limits_s": median(with),
                "limits_overhead_ratio": ratio,
            ]
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("normal script over the sample (\(runs) runs each, medians)")
            print(String(format: "  without limits  %8.1f ms", median(without) * 1000))
            print(String(format: "  with limits     %8.1f ms   (instruction hook, deadline, memory ceiling)", median(with) * 1000))
            print(String(format: "  ratio           %8.3f      (target ≤ 1.05)", ratio))
        }
    }
}

/// A normal analyst script over the sample data: queries, record fields,
/// helpers and collections, repeated to run long enough to time.
let workload = """
    local total = 0
    for round = 1, 40 do
      local all = accord.partnerships()
      for _, row in ipairs(all:count_by("form")) do total = total + row.count end
      local rd = all:filter(function(p) return p:mentions("research", "r-and-d", "clinical") end)
      local gov = all:filter(function(p) return p:involves{kind = "government_agency"} end)
      local by_country = all:group_by(function(p)
        local countries = {}
        for _, party in ipairs(p.parties) do countries[#countries + 1] = party.country end
        return countries
      end)
      for _, group in accord.sorted_pairs(by_country) do total = total + #group end
      total = total + #rd + #gov + all:sum(function(p) return #p.title end)
      local words = 0
      for _, p in ipairs(all) do
        for word in (p.summary or p.title):gmatch("%a+") do words = words + #word end
      end
      total = total + words
    end
    assert(total > 0)
    """

func sampleStore() throws -> Store {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("accord/Packs/standard/tests/data")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
    let store = try Store.inMemory()
    try store.importFiles(files.map { folder.appendingPathComponent($0).path })
    return store
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

