import AccordTestSupport
import Foundation
import Testing

/// The pandas baseline of `accord-bench` (`Benchmarks/pandas_classify.py`) is the standard pack
/// written again in pandas: when the pack changes and the baseline does not, the bench's ratio
/// compares two different jobs. It must give the built `accord`'s labels, label for label.
@Suite struct BaselineWorkflowTests {
    @Test(.enabled(if: ReadWorkbook.python != nil, "needs .venv with pandas (make pydeps)"))
    func thePandasBaselineLabelsGeneratedPartnershipsAsTheStandardPackDoes() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let data = try #require(try accord.generate(records: 3000, seed: 11))
        #expect(try accord.run("init", "ws").status == 0)
        #expect(try accord.run("import", data.path, in: "ws").status == 0)
        let classified = try accord.run("classify", "--format", "json", in: "ws")
        #expect(classified.status == 0, "\(classified.stderr)")
        var counts: [String: Int] = [:]
        for line in classified.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for label in object["labels"] as? [String] ?? [] { counts[label, default: 0] += 1 }
        }

        let python = Process()
        python.executableURL = URL(fileURLWithPath: ReadWorkbook.python!)
        python.arguments = [ReadWorkbook.packageRoot.appendingPathComponent("Benchmarks/pandas_classify.py").path,
                            data.path, "--quarter", "2025-Q4"]
        let output = Pipe(), errors = Pipe()
        python.standardOutput = output
        python.standardError = errors
        try python.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "pandas_classify.py: \(failed)")
        var baseline: [String: Int] = [:]
        for line in printed.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "label" { baseline[String(parts[1])] = Int(parts[2]) }
        }
        #expect(counts.count == 11, "\(counts)")
        #expect(baseline == counts)
    }
}
