import Foundation
import ToolSupport

/// `Benchmarks/pandas_classify.py`: the same classification and quarterly
/// aggregates in pandas, what analysts would otherwise write. Its time is the
/// whole process, interpreter start-up and reading the CSV files included, as
/// Accord's is.
struct PandasBaseline {
    let python: String
    let repository: URL

    struct Result {
        var seconds: Double
        var peakRSS: Int
        var labels: [String: Int]
        var phases: [String: Double]
    }

    func run(data: String, quarter: String) throws -> Result {
        let output = data + "/pandas-result.txt"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let child = try mustRunTimed([python, repository.appendingPathComponent("Benchmarks/pandas_classify.py").path,
                                      data, "--quarter", quarter], in: repository.path, output: output)
        var result = Result(seconds: child.seconds, peakRSS: child.peakRSS, labels: [:], phases: [:])
        for line in try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == "label", parts.count == 3 {
                result.labels[String(parts[1])] = Int(parts[2]) ?? 0
            } else if parts.count == 2, parts[0].hasSuffix("_seconds"), let value = Double(parts[1]) {
                result.phases[String(parts[0])] = value
            }
        }
        return result
    }
}
