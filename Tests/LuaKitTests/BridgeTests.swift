import Foundation
import Testing
@testable import LuaKit

@Suite struct BridgeTests {
    /// A state with a global `boom(msg)` that throws from Swift and `add(a, b)`.
    func makeState() throws -> LuaState {
        let state = try LuaState()
        state.lua.push(function: { lua in throw LuaScriptError(try lua.checkString(1, function: "boom")) })
        state.setGlobal("boom")
        state.lua.push(function: { lua in
            guard let a = lua.number(at: 1), let b = lua.number(at: 2) else {
                throw LuaScriptError("add needs two numbers")
            }
            lua.push(a + b)
            return 1
        })
        state.setGlobal("add")
        return state
    }

    @Test func stringsPrecedeEachOtherAsLuasLessThanOrdersThem() throws {
        let words = ["", "a", "A", "ab", "a\u{0}b", "a\u{0}", "a\u{0}a", "\u{0}", "b", "Ba", "é", "가", "org-10", "org-9", "org-1"]
        let state = try LuaState()
        state.lua.push(words)
        state.setGlobal("words")
        try state.run("""
            local out = {}
            for _, a in ipairs(words) do
              for _, b in ipairs(words) do out[#out + 1] = a < b and "1" or "0" end
            end
            order = table.concat(out)
            """, chunkName: "order.lua")
        state.getGlobal("order")
        let luas = state.lua.string(at: -1)
        state.lua.pop()
        let swifts = words.flatMap { a in words.map { b in Lua.stringPrecedes(a, b) ? "1" : "0" } }.joined()
        #expect(swifts == luas)
        #expect(swifts.contains("1") && swifts.contains("0"))
    }

    /// What `address` says of each item of the global list `list` that `source` makes.
    private func addresses(of source: String, _ address: (Lua) -> UnsafeRawPointer?) throws -> [UnsafeRawPointer?] {
        let state = try LuaState()
        try state.run(source, chunkName: "t.lua")
        state.getGlobal("list")
        let lua = state.lua
        defer { lua.pop() }
        return (1...lua.length(at: -1)).map { i in
            lua.getIndex(i, in: -1)
            defer { lua.pop() }
            return address(lua)
        }
    }

    @Test func aStringsAddressIsTheSameForEqualShortStringsAndNoneForOtherValues() throws {
        let addresses = try addresses(of: "list = { 'same-id', 'other', 'same' .. '-id', 42 }") { $0.stringAddress(at: -1) }
        #expect(addresses[0] != nil && addresses[0] == addresses[2])
        #expect(addresses[1] != nil && addresses[1] != addresses[0])
        #expect(addresses[3] == nil)
    }

    @Test func equalStringsAreOneStringUpToTheLongestInternedAndTwoPastIt() throws {
        let n = Lua.longestInterned
        let addresses = try addresses(of: """
            local function made(n) return string.rep('a', n - 1) .. 'b' end
            list = { made(\(n)), made(\(n)), made(\(n + 1)), made(\(n + 1)) }
            """) { $0.stringAddress(at: -1) }
        #expect(addresses[0] == addresses[1])
        #expect(addresses[2] != addresses[3])
    }

    @Test func aTablesAddressIsItsOwnAndNoneForOtherValues() throws {
        let addresses = try addresses(of: "local t = {}; list = { t, {}, t, 'text' }") { $0.tableAddress(at: -1) }
        #expect(addresses[0] != nil && addresses[0] == addresses[2])
        #expect(addresses[1] != nil && addresses[1] != addresses[0])
        #expect(addresses[3] == nil)
    }

    @Test func swiftErrorIsCatchableByPcall() throws {
        let state = try makeState()
        try state.run("""
            local ok, err = pcall(boom, "direct")
            assert(not ok and err == "direct", err)
            ok, err = pcall(function() boom("from swift") end)
            assert(not ok)
            caught = err
            """, chunkName: "t.lua")
        state.getGlobal("caught")
        #expect(state.lua.string(at: -1) == "t.lua:3: from swift")
        state.lua.pop()
    }

    @Test func swiftErrorNamesTheCallingLine() throws {
        let state = try makeState()
        let error = #expect(throws: LuaError.self) {
            try state.run("local x = 1\nboom('bad thing')\n", chunkName: "scripts/a.lua")
        }
        #expect(error?.message == "scripts/a.lua:2: bad thing")
        #expect(error?.chunk == "scripts/a.lua")
        #expect(error?.line == 2)
        #expect(error?.traceback.contains { $0.contains("scripts/a.lua:2") } == true)
    }

    @Test func hundredThousandCallsAndErrorsDoNotCrash() throws {
        let state = try makeState()
        try state.run("""
            local sum, failures = 0, 0
            for i = 1, 100000 do
              sum = add(sum, 1)
              if i % 10 == 0 and not pcall(boom, "x") then failures = failures + 1 end
            end
            assert(sum == 100000, sum)
            assert(failures == 10000, failures)
            """, chunkName: "loop.lua")
        #expect(state.lua.top == 0)
    }

    @Test func syntaxErrorIsTyped() throws {
        let state = try LuaState()
        let error = #expect(throws: LuaError.self) { try state.run("local = 1", chunkName: "bad.lua") }
        #expect(error?.kind == .syntax)
        #expect(error?.line == 1)
        #expect(error?.message.hasPrefix("bad.lua:1:") == true)
    }

    @Test func runtimeErrorCarriesTraceback() throws {
        let state = try LuaState()
        let error = #expect(throws: LuaError.self) {
            try state.run("local function f() local t = nil; return t.x end\nf()\n", chunkName: "rt.lua")
        }
        #expect(error?.kind == .runtime)
        #expect(error?.message.contains("rt.lua:1: attempt to index a nil value") == true)
        #expect(error?.traceback.contains { $0.hasPrefix("rt.lua:2") } == true)
    }

    @Test(arguments: [
        ("error({})", "error object is a table value"),
        ("error(nil)", "error object is nil"),
        ("error(setmetatable({}, {__tostring = function() return 'custom' end}))", "custom"),
        ("error(42)", "42"),
    ])
    func nonStringErrorValuesBecomeMessages(source: String, expected: String) throws {
        let state = try LuaState()
        let error = #expect(throws: LuaError.self) { try state.run(source, chunkName: "e.lua") }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func binaryChunksAreRefused() throws {
        let state = try LuaState()
        let dump = "\u{1B}Lua\u{54}\u{00}"
        let error = #expect(throws: LuaError.self) { try state.run(dump, chunkName: "bin.lua") }
        #expect(error?.message.contains("attempt to load a binary chunk") == true)
    }

    @Test func describeRunsTostringUnderProtection() throws {
        let state = try LuaState()
        try state.run("bad = setmetatable({}, {__tostring = function() error('no string for you') end})",
                      chunkName: "d.lua")
        state.getGlobal("bad")
        let error = #expect(throws: LuaError.self) { try state.lua.describe(at: -1) }
        #expect(error?.message.contains("no string for you") == true)
        #expect(state.lua.top == 1)
    }

    @Test func memoryLimitStopsAScript() throws {
        let state = try LuaState()
        state.memoryLimit = 4 << 20
        let error = #expect(throws: LuaError.self) {
            try state.run("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end", chunkName: "mem.lua")
        }
        #expect(error?.kind == .limit)
        #expect(error?.message.hasPrefix("mem.lua:1: memory limit (4194304 bytes) exceeded") == true, "\(String(describing: error))")
        #expect(state.peakMemory <= 5 << 20)
    }

    @Test func stackStaysBalanced() throws {
        let state = try makeState()
        for _ in 0..<100 {
            _ = try? state.run("boom('x')", chunkName: "b.lua")
            try state.run("local y = add(1, 2)", chunkName: "c.lua")
        }
        #expect(state.lua.top == 0)
    }
}

@Suite struct StackTests {
    @Test func setFieldAndGetFieldAreRawAndBalanced() throws {
        let state = try LuaState()
        let lua = state.lua
        lua.newTable()
        lua.push("value")
        lua.setField("key")
        lua.push(42)
        lua.setField("n", in: -2)
        #expect(lua.top == 1)
        #expect(lua.getField("key", in: -1) == .string)
        #expect(lua.string(at: -1) == "value")
        lua.pop()
        lua.getField("n", in: 1)
        #expect(lua.integer(at: -1) == 42)
        lua.pop(2)
        #expect(lua.top == 0)
    }

    @Test func runFileSetsArg() throws {
        let sandbox = try LuaSandbox(state: LuaState())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("arg-\(UUID()).lua").path
        try "assert(arg[0] == ... or true); assert(arg[1] == 'a' and arg[2] == 'b'); assert(select('#', ...) == 2)"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try sandbox.runFile(path, arguments: ["a", "b"], environment: try sandbox.makeEnvironment())
        #expect(sandbox.state.lua.top == 0)
    }
}
