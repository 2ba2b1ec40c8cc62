import AccordCore
import AccordScripting
import Foundation
import LuaKit
import Testing

/// Chunks in a REPL session: expressions and statements, what persists,
/// incomplete chunks, errors and limits.
@Suite struct ReplSessionTests {
    func session(limits: ScriptLimits = ScriptLimits()) throws -> ReplSession {
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        return try ReplSession(host: ScriptHost(store: store, modulePaths: [],
                                                periods: PeriodContext(asOf: CalendarDay(year: 2020, month: 8, day: 15)!),
                                                limits: limits))
    }

    func message(_ outcome: ReplSession.Outcome) -> String? {
        switch outcome {
        case .failed(let error), .incomplete(let error): error.message
        case .ran: nil
        }
    }

    @Test func expressionsReturnValuesAndStatementsNone() throws {
        let s = try session()
        #expect(s.evaluate("x = 20") == .ran([]))
        #expect(s.evaluate("x + 1") == .ran(["21"]))
        #expect(s.evaluate("x, x * 2") == .ran(["20", "40"]))
        #expect(s.evaluate("do return x end") == .ran(["20"]))
    }

    @Test func topLevelLocalsPersist() throws {
        let s = try session()
        #expect(s.evaluate("local a, b = 1, 2") == .ran([]))
        #expect(s.evaluate("local function twice(n) return 2 * n end") == .ran([]))
        #expect(s.evaluate("local mous = accord.partnerships{form = 'export_contract'}") == .ran([]))
        #expect(s.evaluate("twice(a + b), #mous") == .ran(["6", "1"]))
        #expect(s.evaluate("local a = 10; local a = a + 1") == .ran([]))
        #expect(s.evaluate("a") == .ran(["11"]))
        // Locals of inner blocks stay inside them.
        #expect(s.evaluate("do local inner = 1 end") == .ran([]))
        #expect(s.evaluate("inner") == .ran(["nil"]))
    }

    @Test(arguments: ["for i = 1, 3 do", "x = ", "local t = {", "s = [[long", "f(", "if x then else", "--[[ open comment"])
    func incompleteChunks(chunk: String) throws {
        let outcome = try session().evaluate(chunk)
        guard case .incomplete(let error) = outcome else {
            Issue.record("\(chunk): \(outcome)")
            return
        }
        #expect(error.message.hasSuffix("<eof>"))
    }

    @Test func syntaxErrorsAreNotIncomplete() throws {
        #expect(message(try session().evaluate("x = = 1")) == "stdin:1: unexpected symbol near '='")
        #expect(message(try session().evaluate("end", line: 4)) == "stdin:4: <eof> expected near 'end'")
    }

    @Test func errorsNameTheInputLine() throws {
        let s = try session()
        #expect(message(s.evaluate("error('boom')", line: 7)) == "stdin:7: boom")
        #expect(message(s.evaluate("local x = 1\nlocal y = x .. {}", line: 12))
            == "stdin:13: attempt to concatenate a table value")
        #expect(s.evaluate("function f()\n  error('inside')\nend", line: 20) == .ran([]))
        #expect(message(s.evaluate("f()", line: 30)) == "stdin:21: inside")
        #expect(message(s.evaluate("require('../x')", line: 9))?.hasPrefix("stdin:9: module '../x' is not a valid module name") == true)
        #expect(message(s.evaluate("accord.partnership('export-q4').titel", line: 3))
            == "stdin:3: unknown field 'titel' (did you mean 'title'?)")
    }

    @Test func eachChunkGetsTheLimitsAndTheSessionGoesOn() throws {
        let s = try session(limits: ScriptLimits(instructions: 1_000_000))
        #expect(s.evaluate("kept = 'yes'") == .ran([]))
        for _ in 0..<2 {
            let outcome = s.evaluate("while true do end", line: 2)
            #expect(message(outcome) == "stdin:2: instruction limit (1000000) exceeded")
            #expect(s.evaluate("pcall(function() while true do end end)") != .ran([]))
        }
        // Each chunk counts afresh: ten chunks of 600,000 instructions all run.
        for _ in 0..<10 {
            #expect(s.evaluate("for i = 1, 600000 do end") == .ran([]))
        }
        #expect(s.evaluate("kept") == .ran(["\"yes\""]))
    }

    @Test func anInterruptionStopsTheChunk() throws {
        let s = try session()
        let interruption = s.interruption
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            interruption.interrupt()
        }
        let started = Date()
        let outcome = s.evaluate("while true do end", line: 5)
        #expect(message(outcome) == "stdin:5: interrupted")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(s.evaluate("1 + 1") == .ran(["2"]))
    }

    @Test func theSandboxHolds() throws {
        let s = try session()
        #expect(s.evaluate("io, os.execute, debug, dofile") == .ran(["nil", "nil", "nil", "nil"]))
        guard case .ran(let refused) = s.evaluate("load('\\27Lua')") else { Issue.record("load raised"); return }
        #expect(refused.count == 2 && refused[1].contains("binary"))
        #expect(message(s.evaluate("require('../x')"))?.contains("not a valid module name") == true)
    }

    @Test func theWatchBracketsEveryCall() throws {
        let s = try session(limits: ScriptLimits(timeout: 30))
        var events: [String] = []
        s.watch = { seconds in
            events.append("start \(seconds ?? 0)")
            return { events.append("stop") }
        }
        _ = s.evaluate("1, 2")
        #expect(events == ["start 30.0", "stop", "start 30.0", "stop", "start 30.0", "stop"])
    }
}
