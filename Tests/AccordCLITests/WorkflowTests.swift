import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the built binary on temporary workspaces.
@Suite(.serialized) struct WorkflowTests {
    static let organizations = """
        sources:
          - {id: memo, title: Internal memo}
        organizations:
          - {id: acme, name: Acme Pharma, kind: global_pharma, country: US, sources: [memo]}
          - {id: kobio, name: KoBio, aliases: [KB], kind: biotech, country: KR, sources: [memo]}
        """

    static let deals = """
        id,title,summary,form,status,announced,signed,start,end,duration_months,parties,territories,products,financials,figures,tags,sources
        acme-kobio-2021,Acme licenses KoBio's antibody,"Licence; with a semicolon",license,signed,,2021-03-04,,,,acme:licensee;kobio:licensor,KR;ASEAN,Antibody X|candidate|lung cancer|oncology,upfront|5000000|USD|$5M upfront,,oncology,memo
        acme-kobio-2019,Acme and KoBio research MOU,,mou,completed,,2019,,,,acme:collaborator;kobio:collaborator,KR,,,,r-and-d,memo
        """

    @Test(arguments: Backend.all)
    func initImportRunExport(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }

        let created = try accord.run("init", "ws")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.isEmpty)
        for path in ["ws/accord.yaml", "ws/Scripts/rules", "ws/Scripts/reports", "ws/Reports"] {
            #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent(path).path), "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("ws/accord.db").path) == (backend == .sqlite),
                "the database is the file, or the server's")

        try accord.write(WorkflowTests.organizations, to: "ws/orgs.yaml")
        try accord.write(WorkflowTests.deals, to: "ws/deals.csv")
        let imported = try accord.run("import", "deals.csv", "orgs.yaml", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == """
            1 source: 1 added, 0 updated, 0 unchanged
            2 organizations: 2 added, 0 updated, 0 unchanged
            2 partnerships: 2 added, 0 updated, 0 unchanged

            """)

        try accord.write("""
            local ps = accord.partnerships{period = "2021"}
            print(#ps, ps[1].title, ps[1].products[1].therapeutic_area, ps[1].summary)
            print(#accord.partnerships{period = "2019-Q1"}, #accord.partnerships{period = "2019-Q1", dated = "coarser"})
            print(arg[0], arg[1], arg[2])
            """, to: "ws/s.lua")
        let ran = try accord.run("run", "s.lua", "one", "--two", in: "ws")
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout == "1\tAcme licenses KoBio's antibody\toncology\tLicence; with a semicolon\n0\t1\ns.lua\tone\t--two\n")

        let json = try accord.run("export", "--format", "json", in: "ws")
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"acme-kobio-2021\""))
        try accord.write(json.stdout, to: "all.json")

        #expect(try accord.run("init", "copy").status == 0)
        #expect(try accord.run("import", "../all.json", in: "copy").status == 0)
        let copied = try accord.run("export", "--format", "json", in: "copy")
        #expect(copied.stdout == json.stdout)
    }

    @Test(arguments: Backend.all)
    func badDataChangesNothingAndNamesFileLineAndField(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        try accord.run("init", ".")
        try accord.write(WorkflowTests.organizations, to: "orgs.yaml")
        try accord.write(WorkflowTests.deals.replacingOccurrences(of: "license,signed", with: "licence,signed")
            .replacingOccurrences(of: "acme:collaborator", with: "acne:collaborator"), to: "deals.csv")
        let result = try accord.run("import", "orgs.yaml", "deals.csv")
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("deals.csv:2: partnership 'acme-kobio-2021' field 'form': unknown value 'licence' (did you mean 'license'?)"), "\(result.stderr)")
        #expect(result.stderr.contains("deals.csv:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("acne"), "\(result.stderr)")
        let export = try accord.run("export")
        #expect(!export.stdout.contains("acme"), "the good file must not have been imported either")

        let dry = try accord.run("import", "--dry-run", "orgs.yaml")
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("1 source: 1 added, 0 updated, 0 unchanged\n"), "\(dry.stdout)")
        #expect(dry.stdout.hasSuffix("dry run: nothing changed\n"), "\(dry.stdout)")
        #expect(!(try accord.run("export").stdout.contains("acme")))
    }

    @Test(arguments: Backend.all)
    func scriptErrorsGoToStderrWithLineAndTraceback(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        try accord.run("init", ".")
        try accord.write("print('before')\nlocal function f()\n  error('boom')\nend\nf()\n", to: "fail.lua")
        let result = try accord.run("run", "fail.lua")
        #expect(result.status == 1)
        #expect(result.stdout == "before\n")
        #expect(result.stderr.hasPrefix("fail.lua:3: boom\nstack traceback:\n"), "\(result.stderr)")
        #expect(result.stderr.contains("fail.lua:5: in main chunk"), "\(result.stderr)")

        try accord.write("local p = accord.partnerships()[1]\nlocal f = io.open('/etc/passwd')\n", to: "io.lua")
        let io = try accord.run("run", "io.lua")
        #expect(io.status == 1)
        #expect(io.stderr.hasPrefix("io.lua:2: attempt to index a nil value (global 'io')"), "\(io.stderr)")

        try accord.write("os.execute('touch hacked')\n", to: "exec.lua")
        let exec = try accord.run("run", "exec.lua")
        #expect(exec.status == 1)
        #expect(exec.stderr.hasPrefix("exec.lua:1: attempt to call a nil value (field 'execute')"), "\(exec.stderr)")
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("hacked").path))

        try accord.write("local x = = 1\n", to: "syntax.lua")
        let syntax = try accord.run("run", "syntax.lua")
        #expect(syntax.status == 1)
        #expect(syntax.stderr.hasPrefix("syntax.lua:1: unexpected symbol near '='"), "\(syntax.stderr)")
    }

    @Test(arguments: Backend.all)
    func exitCodes(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        #expect(try accord.run("run", "x.lua").status == 78, "no workspace")
        try accord.run("init", ".")
        #expect(try accord.run("run", "missing.lua").status == 64)
        #expect(try accord.run("frobnicate").status == 64)
        #expect(try accord.run("export", "--format", "csv").status == 64)
        #expect(try accord.run("init", ".").status == 64)
        try accord.write("databse: x.db\n", to: "accord.yaml")
        let config = try accord.run("export")
        #expect(config.status == 78)
        #expect(config.stderr.contains("accord.yaml:1: unknown setting 'databse' (did you mean 'database'?)"), "\(config.stderr)")
    }

    @Test(arguments: Backend.all)
    func sampleWorkspace(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        let created = try accord.run("init", "--sample", "sample")
        #expect(created.status == 0, "\(created.stderr)")
        let summary = try accord.run("run", "Scripts/examples/summary.lua", in: "sample")
        #expect(summary.status == 0, "\(summary.stderr)")
        let first = summary.stdout.split(separator: "\n").first.map(String.init) ?? ""
        let count = Int(first.split(separator: " ").first ?? "") ?? 0
        #expect(count > 55, "\(first)")
        #expect(summary.stdout.contains("Partnerships by form"))
        #expect(summary.stdout.contains("KRW"))

        let csv = try accord.run("export", "--format", "csv", "--out", "../csv", in: "sample")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(try accord.run("init", "fromcsv").status == 0)
        let reimport = try accord.run("import", "../csv", in: "fromcsv")
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(try accord.run("export", in: "fromcsv").stdout == (try accord.run("export", in: "sample").stdout))
    }
}

@Suite struct LimitFlagTests {
    @Test(arguments: Backend.all)
    func flagsAndConfigurationSetTheLimits(on backend: Backend) throws {
        let accord = try AccordProcess(on: backend)
        defer { accord.cleanUp() }
        try accord.run("init", ".")
        try accord.write("local x = 0\nwhile true do x = x + 1 end\n", to: "loop.lua")

        let flagged = try accord.run("run", "--max-instructions", "1M", "loop.lua")
        #expect(flagged.status == 1)
        #expect(flagged.stderr.hasPrefix("loop.lua:2: instruction limit (1000000) exceeded"), "\(flagged.stderr)")

        let timed = try accord.run("run", "--max-instructions", "none", "--timeout", "0.5s", "loop.lua")
        #expect(timed.stderr.hasPrefix("loop.lua:2: time limit (0.5 s) exceeded"), "\(timed.stderr)")
        #expect(timed.seconds < 2.5, "the limit, one second, and process start-up")

        var config = try accord.read("accord.yaml")
        config = config.replacingOccurrences(of: "instructions: 10G", with: "instructions: 2M")
        try accord.write(config, to: "accord.yaml")
        let configured = try accord.run("run", "loop.lua")
        #expect(configured.stderr.hasPrefix("loop.lua:2: instruction limit (2000000) exceeded"), "\(configured.stderr)")

        #expect(try accord.run("run", "--max-memory", "lots", "loop.lua").status == 64)
        try accord.write(config.replacingOccurrences(of: "timeout: 5m", with: "timeout: whenever"), to: "accord.yaml")
        let bad = try accord.run("run", "loop.lua")
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("limits.timeout: 'whenever' is not a duration"), "\(bad.stderr)")
    }
}
