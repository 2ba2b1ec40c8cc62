import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the editor meta files (`accord init`, `accord stubs`) and the reference (`accord docs`).
@Suite(.serialized) struct EditorWorkflowTests {
    static let metaFiles = ["accord.lua", "rules.lua", "reports.lua", "enums.lua"]

    private func settings(_ accord: AccordProcess, _ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: accord.folder.appendingPathComponent(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func initWritesTheMetaFilesAndStubsKeepsThemCurrent() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let created = try accord.run("init", "ws")
        #expect(created.status == 0, "\(created.stderr)")
        for name in Self.metaFiles {
            #expect(try accord.read("ws/.accord/types/\(name)").hasPrefix("---@meta\n"), "\(name)")
        }
        let rc = try settings(accord, "ws/.luarc.json")
        #expect((rc["runtime"] as? [String: Any])?["version"] as? String == "Lua 5.4")
        #expect((rc["workspace"] as? [String: Any])?["library"] as? [String] == [".accord/types"])
        #expect((rc["diagnostics"] as? [String: Any])?["globals"] as? [String] == ["accord"])

        let again = try accord.run("stubs", in: "ws")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.isEmpty)
        #expect(again.stderr == "wrote 4 meta files to .accord/types; .luarc.json unchanged\n")

        try accord.write(#"{ "hint": { "enable": true }, "workspace": { "library": ["lib"] } }"#, to: "ws/.luarc.json")
        let merged = try accord.run("stubs", in: "ws/Scripts")
        #expect(merged.stderr.hasSuffix(".luarc.json updated\n"), "\(merged.stderr)")
        let updated = try settings(accord, "ws/.luarc.json")
        #expect((updated["hint"] as? [String: Any])?["enable"] as? Bool == true)
        #expect((updated["workspace"] as? [String: Any])?["library"] as? [String] == ["lib", ".accord/types"])

        let elsewhere = try accord.run("stubs", "--out", "editor/types", "--no-luarc", in: "ws")
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(try accord.read("ws/editor/types/accord.lua") == accord.read("ws/.accord/types/accord.lua"))
        #expect(try settings(accord, "ws/.luarc.json")["workspace"] as? [String: Any] != nil)
    }

    @Test func aLuarcItCannotReadIsRefusedAndNothingIsWritten() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        #expect(try accord.run("init", ".").status == 0)
        try FileManager.default.removeItem(at: accord.folder.appendingPathComponent(".accord/types"))
        let own = "{\n  // my settings\n  \"runtime\": { \"version\": \"LuaJIT\" }\n}\n"
        try accord.write(own, to: ".luarc.json")
        let refused = try accord.run("stubs")
        #expect(refused.status == 78)
        #expect(refused.stderr.contains(".luarc.json: cannot add the settings accord needs"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--no-luarc"))
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent(".accord/types").path))
        #expect(try accord.read(".luarc.json") == own)

        let without = try accord.run("stubs", "--no-luarc")
        #expect(without.status == 0, "\(without.stderr)")
        #expect(try accord.read(".luarc.json") == own)
    }

    @Test func stubsNeedAWorkspace() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        #expect(try accord.run("stubs").status == 78)
    }

    @Test func docsWritesTheCommittedReference() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)

        let written = try accord.run("docs", "--out", "out/reference.md")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(try accord.read("out/reference.md") == committed)

        let printed = try accord.run("docs", "--out", "-")
        #expect(printed.stdout == committed)

        #expect(try accord.run("init", "ws").status == 0)
        #expect(try accord.run("docs", in: "ws/Scripts").status == 0)
        #expect(try accord.read("ws/docs/lua-api.md") == committed)
    }
}
