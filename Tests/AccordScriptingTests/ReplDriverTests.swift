import AccordCore
import AccordScripting
import Testing

/// Lines typed at the REPL: continuation, line numbers, dot commands.
@Suite struct ReplDriverTests {
    func driver(_ commands: [ReplDriver.Command] = []) throws -> ReplDriver {
        ReplDriver(session: try ReplSession(host: Fixture.host()), commands: commands)
    }

    /// Feeds each line and returns every event.
    func feed(_ driver: ReplDriver, _ lines: [String]) -> [ReplDriver.Event] {
        lines.flatMap { driver.feed($0) }
    }

    @Test func anOpenChunkContinuesUntilItIsComplete() throws {
        let d = try driver()
        #expect(d.prompt == "> ")
        #expect(d.feed("total = 0") == [])
        #expect(d.feed("for i = 1, 3 do") == [])
        #expect(d.prompt == ">> " && d.isContinuing)
        #expect(d.feed("  total = total + i") == [])
        #expect(d.feed("end") == [])
        #expect(d.prompt == "> " && !d.isContinuing)
        #expect(d.feed("total") == [.output("6")])
    }

    @Test func anExpressionOverSeveralLinesPrintsItsValue() throws {
        let d = try driver()
        #expect(feed(d, ["#accord.partnerships{", "  form = 'program',", "}"]) == [.output("1")])
        #expect(feed(d, ["1 +", "2"]) == [.output("3")])
        _ = d.feed("'unfinished' ..")
        #expect(d.finish() == [.error("stdin:6: unexpected symbol near <eof>")])
    }

    @Test func errorsNameTheLineOfInput() throws {
        let d = try driver()
        let events = feed(d, ["x = 1", "", ".help", "local t = {", "  a = nil .. 1,", "}", "x.y = 2"])
        #expect(events.dropFirst() == [.error("stdin:5: attempt to concatenate a nil value"),
                                       .error("stdin:7: attempt to index a number value (global 'x')")])
        #expect(d.failures == 2)
    }

    @Test func aTracebackOnlyWhenThereIsMoreThanTheChunk() throws {
        let d = try driver()
        _ = d.feed("function boom() error('deep') end")
        let events = d.feed("local ok = boom()")
        guard case .error(let text) = events.first else { Issue.record("no error"); return }
        #expect(text.hasPrefix("stdin:1: deep\nstack traceback:\n\tstdin:1: in "))
        #expect(text.hasSuffix("boom'\n\tstdin:2: in main chunk"))
        #expect(d.feed("error('shallow')") == [.error("stdin:3: shallow")])
    }

    @Test func severalValuesShareALineUnlessOneTakesSeveral() throws {
        let d = try driver()
        #expect(d.feed("1, 'a', nil") == [.output("1\t\"a\"\tnil")])
        #expect(d.feed("1, accord.organization('khidi')")
            == [.output("1\norganization khidi\n  name     Korea Health Industry Development Institute\n  kind     government_agency\n  country  KR")])
    }

    @Test func interruptingForgetsTheOpenChunk() throws {
        let d = try driver()
        _ = d.feed("for i = 1, 3 do")
        d.interrupt()
        #expect(d.prompt == "> ")
        #expect(d.feed("1 + 1") == [.output("2")])
    }

    @Test func endOfInputInsideAChunkIsAnError() throws {
        let d = try driver()
        _ = feed(d, ["print(1)", "if true then", "  print(2)"])
        #expect(d.finish() == [.error("stdin:3: 'end' expected (to close 'if' at line 2) near <eof>")])
        #expect(d.failures == 1)
        #expect(try driver().finish() == [])
    }

    @Test func dotCommands() throws {
        var received: [String] = []
        let d = try driver([ReplDriver.Command(name: "explain", argument: "ID", summary: "why") { argument in
            received.append(argument)
            if argument == "bad" { throw ReplTestError(description: "no partnership 'bad'") }
            return "explained \(argument)"
        }])
        #expect(d.feed("  .explain export-q4  ") == [.output("explained export-q4")])
        #expect(d.feed(".explain bad") == [.error("no partnership 'bad'")])
        #expect(received == ["export-q4", "bad"])
        #expect(d.feed(".explian x") == [.error("unknown command '.explian' (did you mean '.explain'?); .help lists the commands")])
        #expect(d.feed(".frobnicate") == [.error("unknown command '.frobnicate'; .help lists the commands")])
        #expect(d.failures == 3)
        #expect(d.feed(".5") == [.output("0.5")])
        #expect(d.feed(".quit") == [.quit])
    }

    @Test func helpListsTheCommandsAndTheDeclaredFunctions() throws {
        let d = try driver([ReplDriver.Command(name: "explain", argument: "ID", summary: "why a partnership has its labels") { _ in "" }])
        guard case .output(let help) = d.feed(".help").first else { Issue.record("no help"); return }
        #expect(help.contains(".explain ID") && help.contains(".quit") && help.contains(".help [NAME]"))
        for function in AccordAPI.functions {
            #expect(help.contains("accord.\(function.name)(") && help.contains(function.doc), "\(function.name)")
        }
        for type in AccordAPI.classes { #expect(help.contains(type.name)) }
    }

    @Test func helpOnATopic() throws {
        let d = try driver()
        guard case .output(let partnership) = d.feed(".help partnership").first else { Issue.record("no help"); return }
        for field in AccordAPI.partnership.fields { #expect(partnership.contains("  \(field.name) "), "\(field.name)") }
        #expect(partnership.contains("p:involves(who)"))
        #expect(d.feed(".help accord.period") == [.output("accord.period(label)\n  " + AccordAPI.functions.first { $0.name == "period" }!.doc)])
        guard case .output(let rules) = d.feed(".help rules").first else { Issue.record("no help"); return }
        #expect(rules.contains("accord.rules.form_is(...)"))
        guard case .error(let unknown) = d.feed(".help partnersip").first else { Issue.record("no error"); return }
        #expect(unknown.hasPrefix("no help on 'partnersip' (did you mean 'partnership'?)"))
    }
}

struct ReplTestError: Error, CustomStringConvertible {
    let description: String
}
