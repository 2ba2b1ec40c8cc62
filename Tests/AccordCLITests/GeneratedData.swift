import AccordTestSupport
import Foundation

extension AccordProcess {
    /// Writes `accord-bench generate`'s dataset of `records` partnerships into `data/` of the
    /// test's folder and returns that folder; nil when the generator fails.
    func generate(records: Int, seed: Int) throws -> URL? {
        let bench = URL(fileURLWithPath: AccordProcess.binary).deletingLastPathComponent().appendingPathComponent("accord-bench")
        let data = folder.appendingPathComponent("data")
        let generator = Process()
        generator.executableURL = bench
        generator.arguments = ["generate", "--records", "\(records)", "--seed", "\(seed)", "--out", data.path]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        return generator.terminationStatus == 0 ? data : nil
    }
}
