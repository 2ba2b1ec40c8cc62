import Foundation
import Testing
@testable import AccordCore

@Suite struct ScriptLimitsTests {
    @Test func counts() {
        #expect(ScriptLimits.parseCount("100000000") == .some(100_000_000))
        #expect(ScriptLimits.parseCount("100_000_000") == .some(100_000_000))
        #expect(ScriptLimits.parseCount("100M") == .some(100_000_000))
        #expect(ScriptLimits.parseCount("1G") == .some(1_000_000_000))
        #expect(ScriptLimits.parseCount("none") == .some(nil))
        #expect(ScriptLimits.parseCount("lots") == nil)
        #expect(ScriptLimits.parseCount("-5") == nil)
        #expect(ScriptLimits.parseCount("0") == nil)
        #expect(ScriptLimits.parseCount("99999999999999G") == nil)
    }

    @Test func sizes() {
        #expect(ScriptLimits.parseSize("512MiB") == .some(512 << 20))
        #expect(ScriptLimits.parseSize("1GiB") == .some(1 << 30))
        #expect(ScriptLimits.parseSize("64MB") == .some(64_000_000))
        #expect(ScriptLimits.parseSize("1048576") == .some(1 << 20))
        #expect(ScriptLimits.parseSize("1 GiB") == .some(1 << 30))
        #expect(ScriptLimits.parseSize("none") == .some(nil))
        #expect(ScriptLimits.parseSize("1TB?") == nil)
    }

    @Test func durations() {
        #expect(ScriptLimits.parseSeconds("30") == .some(30))
        #expect(ScriptLimits.parseSeconds("30s") == .some(30))
        #expect(ScriptLimits.parseSeconds("0.5s") == .some(0.5))
        #expect(ScriptLimits.parseSeconds("250ms") == .some(0.25))
        #expect(ScriptLimits.parseSeconds("5m") == .some(300))
        #expect(ScriptLimits.parseSeconds("1h") == .some(3600))
        #expect(ScriptLimits.parseSeconds("none") == .some(nil))
        #expect(ScriptLimits.parseSeconds("soon") == nil)
        #expect(ScriptLimits.parseSeconds("-1s") == nil)
    }

    func config(_ yaml: String) throws -> WorkspaceConfig {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID()).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try WorkspaceConfig.load(from: url.path)
    }

    @Test func defaultsAreSafe() throws {
        let limits = try config("name: x\n").limits
        #expect(limits == .defaults)
        #expect(limits.instructions != nil && limits.timeout != nil && limits.memory != nil)
    }

    @Test func configuredLimits() throws {
        let limits = try config("limits:\n  instructions: 5M\n  timeout: 30s\n  memory: none\n").limits
        #expect(limits == ScriptLimits(instructions: 5_000_000, timeout: 30, memory: nil))
    }

    @Test func badLimitsNameTheLine() throws {
        let bad = #expect(throws: ConfigError.self) { try config("name: x\nlimits:\n  timeout: soon\n") }
        #expect(bad?.description.hasSuffix(":3: limits.timeout: 'soon' is not a duration (30s, 5m) or none") == true,
                "\(String(describing: bad))")
        let unknown = #expect(throws: ConfigError.self) { try config("limits:\n  memroy: 1GiB\n") }
        #expect(unknown?.description.contains(":2: unknown limit 'memroy' (did you mean 'memory'?)") == true)
    }

    @Test func newWorkspacesWriteTheirLimits() throws {
        var written = WorkspaceConfig()
        written.name = "x"
        #expect(try config(written.yaml()) == written)
    }
}
