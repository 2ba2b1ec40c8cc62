import AccordCore
import AccordScripting
import Testing

/// How the REPL prints the values of expressions.
@Suite struct ReplPrinterTests {
    /// The printed values of `expression` in a fresh session on the fixture.
    func shown(_ expression: String, prepare: (Store) throws -> Void = { _ in }) throws -> [String] {
        let session = try ReplSession(host: Fixture.host(prepare))
        let outcome = session.evaluate(expression)
        guard case .ran(let values) = outcome else {
            Issue.record("\(expression): \(outcome)")
            return []
        }
        return values
    }

    func show(_ expression: String) throws -> String { try shown(expression).joined(separator: "\t") }

    @Test func plainValues() throws {
        #expect(try shown("1 + 1, 2.5, true, nil") == ["2", "2.5", "true", "nil"])
        #expect(try show("'it says \"hi\"\\n\\tand\\0'") == #""it says \"hi\"\n\tand\0""#)
        #expect(try shown("print('x')") == [])
    }

    @Test func tablesSortKeysAndShowListsFirst() throws {
        #expect(try show("{3, 1, b = 2, a = {x = true}, [10] = 'ten', ['two words'] = 1, ['end'] = 0}")
            == #"{3, 1, [10] = "ten", a = {x = true}, b = 2, ["end"] = 0, ["two words"] = 1}"#)
        #expect(try show("{}") == "{}")
    }

    @Test func wideTablesTakeSeveralLines() throws {
        #expect(try show("{alpha = string.rep('a', 30), beta = string.rep('b', 30), gamma = {1, 2}}") == """
            {
              alpha = "\(String(repeating: "a", count: 30))",
              beta = "\(String(repeating: "b", count: 30))",
              gamma = {1, 2}
            }
            """)
    }

    @Test func cyclesDepthAndSizeAreBounded() throws {
        #expect(try show("local t = {name = 'loop'}; t.self = t; return t") == #"{name = "loop", self = <cycle>}"#)
        #expect(try show("{{{{{{1}}}}}}") == "{{{{{…}}}}}")
        let long = try show("local t = {} for i = 1, 120 do t[i] = i end return t")
        #expect(long.hasSuffix("  50,\n  … 70 more\n}"))
        #expect(try show("{string.rep('é', 300)}").contains(String(repeating: "é", count: 199) + "…\""))
    }

    @Test func metamethodsDoNotRun() throws {
        let values = try shown("""
            setmetatable({a = 1}, {__index = function() error('index') end, __pairs = function() error('pairs') end}),
            setmetatable({}, {__tostring = function() return 'custom' end}),
            setmetatable({}, {__tostring = function() error('broken') end})
            """)
        #expect(values == ["{a = 1}", "custom", "?"])
    }

    @Test func partnership() throws {
        #expect(try show("accord.partnership('export-q4')") == """
            partnership export-q4
              title    Export contract to Southeast Asia
              form     export_contract
              status   signed
              date     2019-11-05
              parties  DKSH Korea (distributor), Hanmi Pharmaceutical (exporter)
            """)
        #expect(try show("accord.partnership('academy-2020')").hasSuffix("\n  labels   training"))
    }

    @Test func organizationPeriodAndSmallRecords() throws {
        #expect(try show("accord.organization('roche-korea')") == """
            organization roche-korea
              name     Roche Korea
              kind     global_pharma
              country  KR
              parent   roche
            """)
        #expect(try show("accord.period('2019-Q4')") == "period 2019-Q4: 2019-10-01 to 2019-12-31")
        #expect(try show("accord.partnership('export-q4').parties")
            == "{DKSH Korea (distributor), Hanmi Pharmaceutical (exporter)}")
        #expect(try show("accord.partnership('year-only').financials[1]") == "investment 170000000000 KRW")
        #expect(try show("{accord.period('2019')}") == "{period 2019}")
    }

    @Test func collectionsShowACountAndTheFirstRows() throws {
        #expect(try show("accord.partnerships()") == """
            collection of 3 partnerships
              id            date        form             title
              year-only     2019        investment       Precision medicine investment
              export-q4     2019-11-05  export_contract  Export contract to Southeast Asia
              academy-2020  2020-06     program          Regulator training academy
            """)
        #expect(try show("accord.organizations{country = 'CH'}") == """
            collection of 1 organizations
              id     kind           country  name
              roche  global_pharma  CH       Roche
            """)
        #expect(try show("accord.partnerships{form = 'grant'}") == "collection of 0 items")
        #expect(try show("accord.partnerships():map(function(p) return p.date end)") == """
            collection of 3 values
              "2019"
              "2019-11-05"
              "2020-06"
            """)
    }

    @Test func longCollectionsSayHowManyMore() throws {
        let values = try shown("accord.partnerships{form = 'grant'}") { store in
            try store.upsert(Dataset(partnerships: (1...14).map { i in
                Partnership(id: "grant-\(i)", title: "Grant number \(i) with a title long enough to be cut short in a row",
                            form: .grant, signed: PartialDate("2020-01-\(10 + i)"), sources: ["news"])
            }))
        }
        let lines = values.first?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.first == "collection of 14 partnerships")
        #expect(lines.count == 1 + 1 + 10 + 1)
        #expect(lines.last == "  … 4 more")
        #expect(lines[2].hasSuffix("Grant number 1 with a title long enough to be c…"))
    }

    @Test func groupsOfCollectionsPrintTheirCounts() throws {
        #expect(try show("accord.partnerships():group_by('form')") == """
            {
              export_contract = collection of 1 partnerships,
              investment = collection of 1 partnerships,
              program = collection of 1 partnerships
            }
            """)
    }
}
