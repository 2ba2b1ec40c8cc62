import Foundation
import Testing
@testable import LuaKit

/// Stopping a running script from outside (Ctrl-C at the REPL), and reading a
/// chunk's locals.
@Suite struct InterruptionTests {
    func run(_ source: String, in sandbox: LuaSandbox, environment: LuaReference? = nil) -> LuaError? {
        do {
            try sandbox.run(source, chunkName: "s.lua", environment: try environment ?? sandbox.makeEnvironment())
            return nil
        } catch let error as LuaError {
            return error
        } catch {
            return LuaError(kind: .runtime, message: "\(error)")
        }
    }

    @Test(arguments: [LuaLimits.none, LuaLimits(instructions: 1_000_000_000, timeout: 60)])
    func anInterruptionStopsTheScriptAndCannotBeSwallowed(limits: LuaLimits) throws {
        let sandbox = try LuaSandbox(state: LuaState(), limits: limits)
        let interruption = sandbox.state.interruption
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            interruption.interrupt()
        }
        let started = Date()
        let error = run("local n = 0\nwhile true do pcall(function() while true do n = n + 1 end end) end", in: sandbox)
        #expect(error?.kind == .limit)
        #expect(error?.message == "s.lua:2: interrupted")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(run("x = 1", in: sandbox) == nil)
    }

    @Test func anInterruptionBetweenScriptsIsForgotten() throws {
        let sandbox = try LuaSandbox(state: LuaState())
        let environment = try sandbox.makeEnvironment()
        sandbox.state.interruption.interrupt()
        #expect(run("for i = 1, 100000 do end", in: sandbox, environment: environment) == nil)
    }

    @Test func theLocalsOfTheCallerThatIsNamed() throws {
        let state = try LuaState()
        try state.load("""
            local locals = ...
            local function probe(f)
              local names, values = locals(f, 2)
              return names, values
            end
            local function chunk()
              local a, b = 1, nil
              do local hidden = 3 end
              local c = "three"
              local names, values = probe(chunk)
              local none = select("#", locals(print, 1))
              return table.concat(names, ","), values[1], values[2], values[3], none
            end
            return chunk()
            """, chunkName: "(test)")
        state.lua.pushLocalsReader()
        try state.call(arguments: 1, results: 5)
        #expect(state.lua.string(at: -5) == "a,b,c")
        #expect(state.lua.integer(at: -4) == 1)
        #expect(state.lua.type(at: -3) == .nil)
        #expect(state.lua.string(at: -2) == "three")
        #expect(state.lua.integer(at: -1) == 0)
    }
}
