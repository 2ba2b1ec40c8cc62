import Foundation
import Testing
@testable import LuaKit

/// One budget shared by several states, as a command that runs scripts on several threads uses it.
@Suite struct BudgetTests {
    /// A sandbox counting against `budget` for every call.
    func sandbox(_ budget: LuaBudget) throws -> (LuaSandbox, LuaReference) {
        let sandbox = try LuaSandbox(state: LuaState(budget: budget), limits: LuaLimits(), scope: .budget)
        return (sandbox, try sandbox.makeEnvironment())
    }

    @Test func statesSharingABudgetStopAtItsOneCeiling() throws {
        let budget = LuaBudget(LuaLimits(memory: 16 << 20))
        let (a, envA) = try sandbox(budget)
        let (b, envB) = try sandbox(budget)
        // 10 MB each: one fits under 16 MiB, two do not.
        let hoard = "kept = {} for i = 1, 1000 do kept[i] = string.rep('x', 10000) .. i end"
        try a.run(hoard, chunkName: "a.lua", environment: envA)
        let error = #expect(throws: LuaError.self) { try b.run(hoard, chunkName: "b.lua", environment: envB) }
        #expect(error?.kind == .limit)
        #expect(error?.message == "b.lua:1: memory limit (16777216 bytes) exceeded", "\(String(describing: error))")
        #expect(budget.peakMemory <= 16 << 20)
        let (c, envC) = try sandbox(LuaBudget(LuaLimits(memory: 16 << 20)))
        try c.run(hoard, chunkName: "c.lua", environment: envC)
    }

    @Test func statesOnThreadsCountAgainstOneBudget() throws {
        let budget = LuaBudget(LuaLimits(memory: 64 << 20))
        let sandboxes = try (0..<4).map { _ in try sandbox(budget) }
        let failures = Unchecked([LuaError?](repeating: nil, count: sandboxes.count))
        let parts = Unchecked(sandboxes)
        DispatchQueue.concurrentPerform(iterations: sandboxes.count) { i in
            let (sandbox, environment) = parts.value[i]
            do {
                try sandbox.run("""
                    local t = {}
                    for i = 1, 200 do t[i] = string.rep('z', 100000) .. i end
                    for round = 1, 20 do local g = {} for i = 1, 1000 do g[i] = {} end end
                    """, chunkName: "t\(i).lua", environment: environment)
            } catch let error as LuaError {
                failures.value[i] = error
            } catch {
                Issue.record(error)
            }
        }
        // Each holds 20 MB: three fit, four do not.
        #expect(failures.value.compactMap { $0 }.contains { $0.message.contains("memory limit (67108864 bytes) exceeded") })
        #expect(budget.peakMemory <= 64 << 20)
    }

    @Test func instructionsOfShortCallsAddUp() throws {
        let budget = LuaBudget(LuaLimits(instructions: 200_000))
        let (sandbox, environment) = try sandbox(budget)
        try sandbox.run("function work() local n = 0 for i = 1, 500 do n = n + i end return n end",
                        chunkName: "w.lua", environment: environment)
        var calls = 0
        let error = #expect(throws: LuaError.self) {
            while calls < 10_000 {
                calls += 1
                try sandbox.run("work()", chunkName: "call.lua", environment: environment)
            }
        }
        #expect(error?.message.contains("instruction limit (200000) exceeded") == true, "\(String(describing: error))")
        #expect(calls < 400, "\(calls) calls of more than 1,000 instructions ran under 200,000")
    }

    @Test func aBudgetHasOneDeadline() throws {
        let budget = LuaBudget(LuaLimits(timeout: 0.5))
        let (sandbox, environment) = try sandbox(budget)
        let start = Date()
        let error = #expect(throws: LuaError.self) {
            for _ in 0..<100 {
                try sandbox.run("local t = os.clock() + 0.05 while os.clock() < t do end", chunkName: "spin.lua", environment: environment)
            }
        }
        #expect(error?.message == "spin.lua:1: time limit (0.5 s) exceeded", "\(String(describing: error))")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func theHostChargesItsCopiesToTheBudget() throws {
        let budget = LuaBudget(LuaLimits(memory: 8 << 20))
        let (sandbox, environment) = try sandbox(budget)
        #expect(budget.charge(6 << 20))
        #expect(!budget.charge(4 << 20))
        #expect(throws: LuaError.self) {
            try sandbox.run("local s = string.rep('x', 3 * 1024 * 1024)", chunkName: "s.lua", environment: environment)
        }
        budget.discharge(6 << 20)
        try sandbox.run("local s = string.rep('x', 3 * 1024 * 1024)", chunkName: "s.lua", environment: environment)
    }

    @Test func closingAStateGivesItsBytesBack() throws {
        let budget = LuaBudget()
        do {
            let (sandbox, environment) = try sandbox(budget)
            try sandbox.run("kept = string.rep('x', 4 * 1024 * 1024)", chunkName: "k.lua", environment: environment)
            #expect(budget.memoryInUse >= 4 << 20)
        }
        #expect(budget.memoryInUse == 0)
    }
}

/// A value handed to other threads, each of which touches its own part.
private final class Unchecked<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
