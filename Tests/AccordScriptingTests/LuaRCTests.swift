import Foundation
import Testing
import AccordScripting

/// `.luarc.json`: created, completed in the spelling it uses, never clobbered.
@Suite struct LuaRCTests {
    private func object(_ text: String?) throws -> [String: Any] {
        let data = Data(try #require(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aNewFileHasEverySetting() throws {
        let text = try LuaRC.merged(nil, library: ".accord/types")
        let json = try object(text)
        #expect((json["runtime"] as? [String: Any])?["version"] as? String == "Lua 5.4")
        #expect((json["workspace"] as? [String: Any])?["library"] as? [String] == [".accord/types"])
        #expect((json["diagnostics"] as? [String: Any])?["globals"] as? [String] == ["accord"])
        #expect(try LuaRC.merged(text, library: ".accord/types") == nil)
    }

    @Test func anExistingFileKeepsWhatItHas() throws {
        let existing = """
            { "runtime": { "version": "Lua 5.4", "path": ["?.lua"] },
              "workspace": { "library": ["lib"], "checkThirdParty": false },
              "hint": { "enable": true } }
            """
        let text = try LuaRC.merged(existing, library: ".accord/types")
        let json = try object(text)
        #expect((json["runtime"] as? [String: Any])?["path"] as? [String] == ["?.lua"])
        #expect((json["workspace"] as? [String: Any])?["library"] as? [String] == ["lib", ".accord/types"])
        #expect((json["workspace"] as? [String: Any])?["checkThirdParty"] as? Bool == false)
        #expect((json["hint"] as? [String: Any])?["enable"] as? Bool == true)
        #expect((json["diagnostics"] as? [String: Any])?["globals"] as? [String] == ["accord"])
        #expect(try LuaRC.merged(text, library: ".accord/types") == nil)
    }

    @Test func dottedKeysStayDotted() throws {
        let existing = #"{ "Lua.workspace.library": ["lib"], "runtime.version": "Lua 5.4" }"#
        let json = try object(try LuaRC.merged(existing, library: "types"))
        #expect(json["Lua.workspace.library"] as? [String] == ["lib", "types"])
        #expect(json["diagnostics.globals"] as? [String] == ["accord"])
        #expect(json["runtime.version"] as? String == "Lua 5.4")
        #expect(json["workspace"] == nil)
    }

    @Test func aFileItCannotUnderstandIsRefused() {
        for bad in ["not json", "[1, 2]", #"{ "runtime": { "version": "LuaJIT" } }"#, #"{ "workspace": 3 }"#,
                    #"{ "workspace": { "library": "types" } }"#, #"{ "diagnostics.globals": [1] }"#] {
            #expect(throws: LuaRCError.self, "\(bad)") { _ = try LuaRC.merged(bad, library: "types") }
        }
    }

    @Test func updateWritesOnlyWhenSomethingChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-luarc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try LuaRC.update(in: folder, library: "types") == .created)
        #expect(try LuaRC.update(in: folder, library: "types") == .unchanged)
        #expect(try LuaRC.update(in: folder, library: "more") == .updated)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [LuaRC.fileName])
    }
}
