import Foundation
import Testing
@testable import LuaKit

@Suite struct LimitTests {
    /// Runs `source` in a sandbox under `limits`, with `functions` as globals.
    func run(_ source: String, _ limits: LuaLimits, functions: [String: LuaCallback] = [:]) throws -> LuaError? {
        let sandbox = try LuaSandbox(state: LuaState(), limits: limits)
        let environment = try sandbox.makeEnvironment { lua in
            for (name, body) in functions {
                lua.push(function: body)
                lua.setField(name)
            }
        }
        do {
            try sandbox.run(source, chunkName: "s.lua", environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func instructionLimit() throws {
        let error = try run("local x = 0\nwhile true do x = x + 1 end", LuaLimits(instructions: 1_000_000))
        #expect(error?.kind == .limit)
        #expect(error?.message == "s.lua:2: instruction limit (1000000) exceeded")
    }

    @Test func timeoutInPureLua() throws {
        let start = Date()
        let error = try run("while true do end", LuaLimits(timeout: 0.3))
        #expect(error?.message == "s.lua:1: time limit (0.3 s) exceeded")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test(arguments: [
        "while true do pcall(function() while true do end end) end",
        "for i = 1, 1e9 do local ok, e = pcall(function() for j = 1, 1e9 do end end) end",
        "while true do xpcall(function() while true do end end, function(e) while true do end end) end",
        "local co = coroutine.wrap(function() while true do end end); while true do pcall(co) end",
        "while true do local co = coroutine.create(function() while true do end end); coroutine.resume(co) end",
        "local ok = pcall(function() while true do end end); print('escaped'); while true do end",
    ])
    func stopsCannotBeSwallowed(source: String) throws {
        let start = Date()
        let error = try run(source, LuaLimits(instructions: 2_000_000))
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("instruction limit (2000000) exceeded") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func afterAStopNothingRuns() throws {
        let sandbox = try LuaSandbox(state: LuaState(), limits: LuaLimits(instructions: 100_000))
        sandbox.state.lua.push(function: { _ in
            Issue.record("code ran after the stop")
            return 0
        })
        sandbox.state.setGlobal("after")
        let env = try sandbox.makeEnvironment()
        env.push()
        sandbox.state.getGlobal("after")
        sandbox.state.lua.setField("after")
        sandbox.state.lua.pop()
        #expect(throws: LuaError.self) {
            try sandbox.run("pcall(function() while true do end end)\nafter()", chunkName: "s.lua", environment: env)
        }
    }

    @Test func memoryCeiling() throws {
        let error = try run("local s = string.rep('x', 2^30)", LuaLimits(memory: 32 << 20))
        #expect(error?.kind == .limit)
        #expect(error?.message == "s.lua:1: memory limit (33554432 bytes) exceeded")
    }

    @Test func messageHandlersCannotLoopAfterAMemoryStop() throws {
        let error = try run("""
            while true do xpcall(function() local s = string.rep('x', 2^30) end, function(e) while true do end end) end
            """, LuaLimits(memory: 32 << 20))
        #expect(error?.message.contains("memory limit (33554432 bytes) exceeded") == true, "\(String(describing: error))")
    }

    @Test func memoryStopCannotBeSwallowed() throws {
        let error = try run("""
            local ok = pcall(string.rep, 'x', 2^30)
            local t = {}
            for i = 1, 100 do t[i] = i end
            print('escaped')
            """, LuaLimits(memory: 32 << 20))
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("memory limit (33554432 bytes) exceeded") == true, "\(String(describing: error))")
    }

    @Test func garbageAloneIsCollectedNotStopped() throws {
        let error = try run("""
            for i = 1, 200 do local t = {} for j = 1, 10000 do t[j] = j end end
            """, LuaLimits(memory: 4 << 20))
        #expect(error == nil, "\(String(describing: error))")
    }

    @Test func memoryOverrunInASwiftCallbackIsRaisedFromC() throws {
        let error = try run("local kept = big(); print('escaped')", LuaLimits(memory: 8 << 20), functions: [
            "big": { lua in
                lua.newTable()
                for i in 1...16 {
                    lua.push(String(repeating: "y", count: 1 << 20))
                    lua.setIndex(i)
                }
                return 1
            },
        ])
        #expect(error?.kind == .limit)
        #expect(error?.message.hasPrefix("s.lua:1: memory limit (8388608 bytes) exceeded") == true, "\(String(describing: error?.message))")
    }

    @Test func limitsAreCountedAfreshForEachRun() throws {
        let sandbox = try LuaSandbox(state: LuaState(), limits: LuaLimits(instructions: 1_000_000))
        for _ in 0..<3 {
            try sandbox.run("for i = 1, 200000 do end", chunkName: "ok.lua", environment: try sandbox.makeEnvironment())
        }
        #expect(throws: LuaError.self) {
            try sandbox.run("while true do end", chunkName: "loop.lua", environment: try sandbox.makeEnvironment())
        }
        try sandbox.run("local x = 1", chunkName: "after.lua", environment: try sandbox.makeEnvironment())
    }
}
