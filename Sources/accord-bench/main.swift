import Foundation

// accord-bench: Accord's speed and memory, measured in one run so that figures
// can be compared (machines are shared and noisy: quote medians and ratios).
//
//   swift run -c release accord-bench [--records N[,N…]] [--runs R] [--seed S] [--json]
//       import, classify, reports and start-up at 10k, 100k and 1M partnerships
//       (or the sizes given), against plain lua5.4 and pandas (ScaleBenchmark.swift)
//   accord-bench generate --records N --seed S [--out DIR]
//       a synthetic dataset in Accord's import format (Generator.swift)
//   accord-bench limits [--runs N] [--json] [--variant with|without|setup]
//       what the sandbox's limits cost a script (LimitsBenchmark.swift)

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "generate": try Generator.run(Array(arguments.dropFirst()))
    case "limits": try LimitsBenchmark.run(Array(arguments.dropFirst()))
    default: try ScaleBenchmark(arguments).run()
    }
} catch {
    FileHandle.standardError.write(Data("accord-bench: \(error)\n".utf8))
    exit(1)
}
