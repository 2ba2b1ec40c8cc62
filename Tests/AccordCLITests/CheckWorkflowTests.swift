import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord check` on a sample workspace, as an analyst runs it.
@Suite(.serialized) struct CheckWorkflowTests {
    /// Whether luacheck is on the PATH the binary sees.
    static let luacheckInstalled = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/luacheck") }

    static let broken = """
        -- Partnerships of the quarter, with a typo and a missing local.
        return accord.report {
          title = "Broken", grain = "quarter",
          build = function(r, period)
            local deals = accord.partnerships{ period = period }
            r:paragraph(#deals .. " partnerships")
            for _, p in ipairs(deals) do
              r:note(p.titel)
            end
            r:paragraph("Total: " .. undefined_total)
          end,
        }
        """

    private func sample() throws -> AccordProcess {
        let accord = try AccordProcess()
        try accord.initSample("ws")
        return accord
    }

    @Test func theBundledSamplePasses() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        let checked = try accord.run("check", in: "ws")
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("ok: ") && checked.stdout.hasSuffix(" files checked\n"), "\(checked.stdout)")
        #expect(!checked.stdout.contains("error"))
        if Self.luacheckInstalled { #expect(checked.stderr.isEmpty, "\(checked.stderr)") }
    }

    @Test func aMisspeltFieldAndAnUndefinedGlobalAreReported() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        try accord.write(Self.broken, to: "ws/Scripts/reports/broken.lua")
        let checked = try accord.run("check", in: "ws")
        #expect(checked.status == 1, "\(checked.stderr)")
        let lines = checked.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Scripts/reports/broken.lua:8:16: error: partnership has no field 'titel' (did you mean 'title'?) [unknown-field]"),
                "\(checked.stdout)")
        if Self.luacheckInstalled {
            #expect(lines.contains("Scripts/reports/broken.lua:10:30: error: accessing undefined variable 'undefined_total' (W113) "
                + "[undefined-global]"), "\(checked.stdout)")
            #expect(lines.last == "2 errors, 0 warnings in 6 files", "the reports, their library, the example and broken.lua")
        } else {
            #expect(checked.stderr.contains("luacheck is not installed"))
        }

        let one = try accord.run("check", "Scripts/reports/broken.lua", in: "ws")
        #expect(one.status == 1)
        #expect(one.stdout.split(separator: "\n").last?.hasSuffix(" in 1 file") == true, "\(one.stdout)")

        let json = try accord.run("check", "--format", "json", in: "ws")
        #expect(json.status == 1)
        let objects = try json.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == (Self.luacheckInstalled ? 2 : 1))
        let field = try #require(objects.first { ($0["code"] as? String) == "unknown-field" })
        #expect(field["file"] as? String == "Scripts/reports/broken.lua")
        #expect(field["line"] as? Int == 8 && field["column"] as? Int == 16)
        #expect(field["severity"] as? String == "error")
        #expect(field["message"] as? String == "partnership has no field 'titel' (did you mean 'title'?)")
    }

    @Test func withoutLuacheckTheOtherChecksStillRun() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        try accord.write(Self.broken, to: "ws/Scripts/reports/broken.lua")
        let checked = try accord.run(["check"], in: "ws", environment: ["PATH": "/nonexistent"])
        #expect(checked.status == 1)
        #expect(checked.stderr == "accord: luacheck is not installed (install it with `apt-get install lua-check`): "
            + "undefined globals and unused variables are not checked\n", "\(checked.stderr)")
        #expect(checked.stdout.contains("partnership has no field 'titel'"))
        #expect(!checked.stdout.contains("undefined_total"))
        let off = try accord.run(["check"], in: "ws", environment: ["ACCORD_LUACHECK": "none"])
        #expect(off.stderr.hasPrefix("accord: luacheck is switched off (ACCORD_LUACHECK=none)"), "\(off.stderr)")
        #expect(off.stdout == checked.stdout)
    }

    @Test func warningsFailOnlyWhenStrict() throws {
        let accord = try sample()
        defer { accord.cleanUp() }
        try accord.write("""
            local R = accord.rules
            return R.pack {
              name = "extra", version = "0.1.0", labels = { export = "Export" },
              rules = { R.rule { id = "undescribed", label = "export", when = R.form_is "export_contract" } },
            }
            """, to: "ws/Scripts/rules/extra/init.lua")
        let checked = try accord.run("check", in: "ws")
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("Scripts/rules/extra/init.lua:4: warning: rule extra.undescribed has no description "
            + "[missing-description]"), "\(checked.stdout)")
        #expect(try accord.run("check", "--strict", in: "ws").status == 1)
        #expect(try accord.run("check", "Scripts/nothing-here", in: "ws").status == 64)
    }
}
