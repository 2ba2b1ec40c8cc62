import AccordCore
import Foundation
import LuaKit
import Testing
@testable import AccordScripting

/// `accord check` over a workspace: Lua's syntax errors, luacheck's findings
/// with the sandbox's globals, pack problems, and how they are reported.
@Suite struct LinterTests {
    static let luacheck = Luacheck.find()
    static let skipWithoutLuacheck = "luacheck is not installed (apt-get install lua-check): its checks are not tested"

    /// A workspace in a temporary folder, with `files` written into it.
    static func workspace(_ files: [String: String]) throws -> (PackFolder, Workspace) {
        let folder = try PackFolder()
        var config = WorkspaceConfig()
        config.packs = []
        let workspace = try Workspace.create(at: folder.root, config: config)
        for (path, text) in files { try folder.write(path, text) }
        return (folder, workspace)
    }

    static func lines(_ report: Linter.Report) -> [String] { report.findings.map(\.text) }

    // MARK: Without luacheck

    @Test func syntaxErrorsComeFromLuasParser() throws {
        let (folder, workspace) = try Self.workspace([
            "Scripts/reports/broken.lua": "return accord.report {\n  title = 'T' grain = 'year',\n}\n",
            "Scripts/examples/fine.lua": "print(accord.partnership('x').titel)\n",
        ])
        defer { _ = folder }
        let report = try Linter(workspace: workspace, luacheck: nil).check([])
        #expect(Self.lines(report) == [
            "Scripts/examples/fine.lua:1:31: error: partnership has no field 'titel' (did you mean 'title'?) [unknown-field]",
            "Scripts/reports/broken.lua:2: error: '}' expected (to close '{' at line 1) near 'grain' [syntax]",
        ])
        #expect(report.files == 2 && report.errors == 2 && report.warnings == 0)
    }

    @Test func packProblemsAndRulesWithoutDescriptions() throws {
        let (folder, workspace) = try Self.workspace([
            "Scripts/rules/mine/init.lua": """
                local R = accord.rules
                return R.pack {
                  name = "mine", version = "1.0.0", labels = { export = "Export" },
                  rules = {
                    R.rule { id = "plain", label = "export", when = R.form_is "export_contract" },
                    R.rule { id = "said", label = "export", description = "Says so", when = R.mentions "export" },
                  },
                }
                """,
            "Scripts/rules/other/init.lua": "return accord.rules.pack { name = 'elsewhere', version = '1.0.0' }\n",
        ])
        defer { _ = folder }
        let report = try Linter(workspace: workspace, luacheck: nil).check([])
        #expect(Self.lines(report) == [
            "Scripts/rules/mine/init.lua:5: warning: rule mine.plain has no description [missing-description]",
            "Scripts/rules/other/init.lua:1: error: pack: name 'elsewhere' differs from its folder 'other': rename one "
                + "(packs are found, and required, by folder name) [pack]",
        ])
        let one = try Linter(workspace: workspace, luacheck: nil).check([folder.root.appendingPathComponent("Scripts/rules/mine").path])
        #expect(Self.lines(one) == ["Scripts/rules/mine/init.lua:5: warning: rule mine.plain has no description [missing-description]"])
    }

    @Test func aSyntaxErrorThePackReaderAlsoMeetsIsReportedOnce() throws {
        let (folder, workspace) = try Self.workspace(["Scripts/rules/bad/init.lua": "local x = = 1\n"])
        defer { _ = folder }
        let report = try Linter(workspace: workspace, luacheck: nil).check([])
        #expect(Self.lines(report) == ["Scripts/rules/bad/init.lua:1: error: unexpected symbol near '=' [syntax]"])
    }

    @Test func findingsAsJSONHaveEveryKey() throws {
        let finding = LintFinding(file: "a.lua", line: 3, severity: .warning, code: "missing-description", message: "m")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(finding), as: UTF8.self)
            == #"{"code":"missing-description","column":null,"file":"a.lua","line":3,"message":"m","severity":"warning"}"#)
    }

    // MARK: The sandbox's globals

    @Test func theGlobalsAreTheSandboxs() throws {
        let globals = try ScriptGlobals.current().sandbox
        #expect(globals["os"] == ["clock", "date", "difftime", "time"])
        #expect(globals["string"]?.contains("format") == true)
        for name in ["require", "load", "setmetatable", "xpcall", "collectgarbage", "pcall", "_G"] { #expect(globals[name] != nil, "\(name)") }
        for name in ["io", "debug", "package", "dofile", "loadfile", "accord", "arg"] { #expect(globals[name] == nil, "\(name)") }
    }

    @Test func theLuacheckConfigurationIsLuaAndNamesAccordsFunctions() throws {
        let config = try ScriptGlobals.current().luacheckConfig()
        try LuaState().load(config, chunkName: "luacheckrc")
        #expect(config.contains("partnerships = {}"))
        #expect(config.contains("rules = { fields = { pack = {}"))
        #expect(config.contains("stds.accord_script = { read_globals = { arg = { other_fields = true } } }"))
    }

    @Test func luacheckOutputIsRead() {
        let output = """
            /w/a.lua:2:7-9: (W113) accessing undefined variable 'foo'
            /w/a b.lua:10:3-3: (W211) unused variable 'x'
            /w/c.lua: I/O error (couldn't read: No such file or directory)
            """
        #expect(Luacheck.parse(output, files: ["/w/a.lua", "/w/a b.lua", "/w/c.lua"]) == [
            Luacheck.Warning(file: "/w/a.lua", line: 2, column: 7, code: "W113", message: "accessing undefined variable 'foo'"),
            Luacheck.Warning(file: "/w/a b.lua", line: 10, column: 3, code: "W211", message: "unused variable 'x'"),
        ])
        #expect(Luacheck.classify("W113") == (.error, "undefined-global"))
        #expect(Luacheck.classify("W211") == (.warning, "unused-local"))
        #expect(Luacheck.classify("E011").severity == .error)
    }

    @Test func luacheckCanBeSwitchedOff() {
        #expect(Luacheck.find(environment: ["ACCORD_LUACHECK": "none", "PATH": "/usr/bin"]) == nil)
        #expect(Luacheck.find(environment: ["ACCORD_LUACHECK": "/no/such/luacheck"]) == nil)
    }

    // MARK: With luacheck

    @Test(.enabled(if: luacheck != nil, Comment(rawValue: skipWithoutLuacheck)))
    func undefinedGlobalsAndUnusedLocals() throws {
        let (folder, workspace) = try Self.workspace([
            "Scripts/reports/r.lua": """
                local unused = 1
                helper = function() return os.execute("ls") end
                return accord.report { title = "T", grain = "year", build = function(r, period)
                  r:heading(period.label .. tostrng(arg))
                  print(accord.partnershps)
                end }
                """,
            "Scripts/examples/s.lua": "print(arg[1], string.format('%d', 1), accord.rules.form_is('mou'))\n",
        ])
        defer { _ = folder }
        let report = try Linter(workspace: workspace, luacheck: Self.luacheck).check([])
        #expect(Self.lines(report) == [
            "Scripts/reports/r.lua:1:7: warning: unused variable 'unused' (W211) [unused-local]",
            "Scripts/reports/r.lua:2:1: error: setting non-standard global variable 'helper' (W111) [undefined-global]",
            "Scripts/reports/r.lua:2:28: error: accessing undefined field 'execute' of global 'os' (W143) [undefined-field]",
            "Scripts/reports/r.lua:4:29: error: accessing undefined variable 'tostrng' (W113) [undefined-global]",
            "Scripts/reports/r.lua:4:37: error: accessing undefined variable 'arg' (W113) [undefined-global]",
            "Scripts/reports/r.lua:5:16: error: accord has no field 'partnershps' (did you mean 'partnerships'?) [unknown-field]",
        ])
        #expect(report.luacheckFailures.isEmpty)
    }

    @Test(.enabled(if: luacheck != nil, Comment(rawValue: skipWithoutLuacheck)))
    func theBundledPackAndSampleAreClean() throws {
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/accord")
        let (folder, workspace) = try Self.workspace([:])
        defer { _ = folder }
        let report = try Linter(workspace: workspace, luacheck: Self.luacheck).check(
            ["Packs/standard", "Sample/reports", "Sample/examples"].map { bundled.appendingPathComponent($0).path })
        #expect(report.files >= 6)
        #expect(report.findings.isEmpty, "\(Self.lines(report))")
    }
}
