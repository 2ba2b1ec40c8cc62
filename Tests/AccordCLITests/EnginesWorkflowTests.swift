import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the compiled rules engine gives what the interpreted one, its reference, gives.
@Suite struct EnginesWorkflowTests {
    /// `classify --format json` with each engine: every label, primary, rule and evidence.
    private func classifications(_ accord: AccordProcess) throws -> (compiled: String, interpreted: String) {
        let compiled = try accord.run("classify", "--format", "json", in: "ws")
        let interpreted = try accord.run("classify", "--format", "json", "--engine", "interpreted", in: "ws")
        #expect(compiled.status == 0, "\(compiled.stderr)")
        #expect(interpreted.status == 0, "\(interpreted.stderr)")
        return (compiled.stdout, interpreted.stdout)
    }

    @Test func bothEnginesClassifyTheSampleAlike() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("import", in: "ws").status == 0)
        let (compiled, interpreted) = try classifications(accord)
        #expect(compiled.split(separator: "\n").count == 83)
        #expect(compiled == interpreted)
    }

    @Test func bothEnginesClassifyGeneratedPartnershipsAlike() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let data = try #require(try accord.generate(records: 3000, seed: 7))
        #expect(try accord.run("init", "--sample", "ws").status == 0)
        #expect(try accord.run("import", "--prune", data.path, in: "ws").status == 0)
        let (compiled, interpreted) = try classifications(accord)
        let lines = compiled.split(separator: "\n")
        #expect(lines.count == 3000)
        #expect(lines.filter { $0.contains("\"evidence\"") }.count > 2000, "most partnerships get a label")
        #expect(compiled == interpreted)
    }
}
