import Foundation
import Testing
@testable import LuaKit

@Suite struct SandboxTests {
    func run(_ source: String, modulePaths: [String] = []) throws {
        let sandbox = try LuaSandbox(state: LuaState(), modulePaths: modulePaths)
        let env = try sandbox.makeEnvironment()
        try sandbox.state.run(source, chunkName: "s.lua", environment: env)
    }

    @Test(arguments: ["io", "debug", "package", "dofile", "loadfile", "require_c", "string.dump_is_harmless"])
    func absentOrHarmless(name: String) throws {
        switch name {
        case "require_c":
            try run("assert(package == nil); assert(require ~= nil)")
        case "string.dump_is_harmless":
            try run("""
                local ok, err = load(string.dump(function() return 1 end))
                assert(ok == nil and err:find("binary chunk"), err)
                assert(not pcall(load, "return 1", "x", "b"))
                """)
        default:
            try run("assert(\(name) == nil, '\(name) is reachable')")
        }
    }

    @Test func ioOpenFailsClearly() throws {
        let error = #expect(throws: LuaError.self) { try run("local f = io.open('/etc/passwd')") }
        #expect(error?.message.contains("attempt to index a nil value (global 'io')") == true)
    }

    @Test func osIsReducedToTimeFunctions() throws {
        try run("""
            assert(os.execute == nil and os.remove == nil and os.getenv == nil and os.exit == nil)
            assert(type(os.time()) == 'number' and type(os.clock()) == 'number')
            assert(os.date('!%Y', 0) == '1970')
            """)
        let error = #expect(throws: LuaError.self) { try run("os.execute('true')") }
        #expect(error?.message.contains("field 'execute'") == true)
    }

    @Test func collectgarbageOnlyCounts() throws {
        try run("assert(type(collectgarbage('count')) == 'number')")
        let error = #expect(throws: LuaError.self) { try run("collectgarbage('stop')") }
        #expect(error?.message.contains("only 'count' is allowed") == true)
    }

    @Test func stringMetatableIsHidden() throws {
        try run("assert(getmetatable('') == false); assert(('abc'):upper() == 'ABC')")
    }

    @Test func environmentsDoNotLeak() throws {
        let sandbox = try LuaSandbox(state: LuaState())
        let first = try sandbox.makeEnvironment()
        let second = try sandbox.makeEnvironment()
        try sandbox.state.run("string.upper = nil; leaked = true; math.pi = 3", chunkName: "a.lua", environment: first)
        try sandbox.state.run("assert(leaked == nil); assert(string.upper('a') == 'A'); assert(math.pi > 3.14)",
                              chunkName: "b.lua", environment: second)
    }

    @Test func requireLoadsSourceModulesFromConfiguredPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("luakit-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("util"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "return { twice = function(x) return 2 * x end, io_seen = io ~= nil }"
            .write(to: dir.appendingPathComponent("util/math2.lua"), atomically: true, encoding: .utf8)
        try run("""
            local m = require('util.math2')
            assert(m.twice(21) == 42)
            assert(m.io_seen == false)
            assert(require('util.math2') == m)
            """, modulePaths: [dir.path])
    }

    @Test(arguments: ["../secret", "/etc/passwd", "a..b", "x/y", ""])
    func requireRefusesPaths(name: String) throws {
        let error = #expect(throws: LuaError.self) { try run("require('\(name)')", modulePaths: ["."]) }
        #expect(error?.message.contains("is not a valid module name") == true, "\(String(describing: error))")
    }

    @Test func requireNamesSearchedPaths() throws {
        let error = #expect(throws: LuaError.self) { try run("require('nope')", modulePaths: ["rules", "lib"]) }
        #expect(error?.message.contains("module 'nope' not found:") == true)
        #expect(error?.message.contains("no file 'rules/nope.lua'") == true)
        #expect(error?.message.contains("no file 'lib/nope.lua'") == true)
    }

    @Test func loadUsesTheSandboxedEnvironment() throws {
        try run("local f = load('return io'); assert(f() == nil)")
    }
}

@Suite struct FinalizerTests {
    @Test func scriptsCannotRegisterFinalizers() throws {
        let sandbox = try LuaSandbox(state: LuaState())
        let error = #expect(throws: LuaError.self) {
            try sandbox.state.run("setmetatable({}, {__gc = function() end})", chunkName: "gc.lua",
                                  environment: try sandbox.makeEnvironment())
        }
        #expect(error?.message == "gc.lua:1: setmetatable: __gc finalizers are not allowed in scripts")
        try sandbox.state.run("local t = setmetatable({}, {__index = {x = 1}}); assert(t.x == 1)",
                              chunkName: "ok.lua", environment: try sandbox.makeEnvironment())
    }

    @Test func manyScriptArgumentsFitOnTheStack() throws {
        let sandbox = try LuaSandbox(state: LuaState())
        let arguments = (1...5000).map(String.init)
        try sandbox.state.run("assert(select('#', ...) == 5000 and select(5000, ...) == '5000')", chunkName: "args.lua",
                              environment: try sandbox.makeEnvironment(), arguments: arguments)
    }
}
