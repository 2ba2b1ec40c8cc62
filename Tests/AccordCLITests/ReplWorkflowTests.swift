import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord repl` with standard input that is not a terminal.
@Suite(.serialized) struct ReplWorkflowTests {
    /// A sample workspace with its data imported, in `ws`.
    static func sampleWorkspace(on backend: Backend) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        try accord.initSample("ws")
        return accord
    }

    @Test(arguments: Backend.all)
    func linesRunInOrderWithoutPromptsAndPrintValues(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl"], input: """
            #accord.partnerships()
            local deal = accord.partnership("dksh-hanmi-sea-export-2013")
            deal.form, #deal.parties
            local function titles(c)
              return c:map(function(p) return p.title end)
            end
            #titles(accord.partnerships{form = "export_contract"}) > 0
            print("printed")
            accord.organization("khidi")

            """, in: "ws")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == """
            83
            "export_contract"\t2
            true
            printed
            organization khidi
              name     Korea Health Industry Development Institute
              kind     government_agency
              country  KR

            """)
    }

    @Test(arguments: Backend.all)
    func aFailingChunkIsReportedWithItsLineAndTheRestRuns(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl"], input: "x = 1\nx.y.z = 2\nprint(x + 1)\naccord.partnership('dksh-hanmi-sea-export-2013').titel\n", in: "ws")
        #expect(result.status == 1)
        #expect(result.stdout == "2\n")
        #expect(result.stderr == """
            stdin:2: attempt to index a number value (global 'x')
            stdin:4: unknown field 'titel' (did you mean 'title'?)

            """)
    }

    @Test(arguments: Backend.all)
    func aRunawayChunkIsStoppedByTheLimitsAndTheSessionGoesOn(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl", "--max-instructions", "1M"], input: """
            kept = "still here"
            while true do end
            pcall(function() while true do end end)
            kept
            """, in: "ws")
        #expect(result.status == 1)
        #expect(result.stdout == "\"still here\"\n")
        #expect(result.stderr == """
            stdin:2: instruction limit (1000000) exceeded
            stdin:3: instruction limit (1000000) exceeded

            """)
    }

    @Test(arguments: Backend.all)
    func theSandboxIsThatOfRun(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl"], input: "io.open('x', 'w')\nos.execute\nrequire('../secret')\n", in: "ws")
        #expect(result.status == 1)
        #expect(result.stdout == "nil\n")
        #expect(result.stderr.contains("stdin:1: attempt to index a nil value (global 'io')"), "\(result.stderr)")
        #expect(result.stderr.contains("stdin:3: module '../secret' is not a valid module name"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/x").path))
    }

    @Test(arguments: Backend.all)
    func anUnfinishedChunkAtTheEndFails(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl"], input: "print(1)\nfor i = 1, 2 do\n  print(i)\n", in: "ws")
        #expect(result.status == 1)
        #expect(result.stdout == "1\n")
        #expect(result.stderr == "stdin:3: 'end' expected (to close 'for' at line 2) near <eof>\n")
    }

    @Test(arguments: Backend.all)
    func explainPrintsWhatTheExplainCommandPrints(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let id = "dksh-hanmi-sea-export-2013"
        let command = try accord.run("explain", id, in: "ws")
        #expect(command.status == 0, "\(command.stderr)")
        let repl = try accord.run(["repl"], input: ".explain \(id)\n", in: "ws")
        #expect(repl.status == 0, "\(repl.stderr)")
        #expect(repl.stdout == command.stdout)
        #expect(repl.stdout.contains("standard.export-by-form"))

        let missing = try accord.run(["repl"], input: ".explain dksh-hanmi-sea-export\n.explain\n", in: "ws")
        #expect(missing.status == 1)
        #expect(missing.stderr == "no partnership 'dksh-hanmi-sea-export' (did you mean 'dksh-hanmi-sea-export-2013'?)\nusage: .explain ID\n")
    }

    @Test(arguments: Backend.all)
    func helpAndUnknownCommands(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl"], input: ".help\n.exlpain x\n.quit\nprint('not run')\n", in: "ws")
        #expect(result.status == 1)
        #expect(result.stdout.contains("accord.partnerships(filter?)"))
        #expect(result.stdout.contains(".explain ID"))
        #expect(!result.stdout.contains("not run"))
        #expect(result.stderr == "unknown command '.exlpain' (did you mean '.explain'?); .help lists the commands\n")
    }

    @Test(arguments: Backend.all)
    func theAsOfDaySetsRelativePeriods(on backend: Backend) throws {
        let accord = try Self.sampleWorkspace(on: backend)
        defer { accord.cleanUp() }
        let result = try accord.run(["repl", "--as-of", "2020-05-04"], input: "accord.period('last-quarter')\n", in: "ws")
        #expect(result.stdout == "period 2020-Q1: 2020-01-01 to 2020-03-31\n", "\(result.stderr)")
    }
}
