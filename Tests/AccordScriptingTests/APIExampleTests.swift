import AccordCore
import AccordScripting
import Foundation
import LuaKit
import Testing

/// Every example of the reference runs against the sample data and prints
/// what its `-->` comments say; whole reports are built and whole packs load
/// without a problem, so that the reference never shows broken code.
@Suite struct APIExampleTests {
    struct Example {
        /// Where it is declared: `accord.partnerships`, `partnership.title`.
        let place: String
        let code: String
        let setting: ExampleSetting
        /// A table entry (`grain = "month"`) rather than statements.
        let isEntry: Bool
    }

    static let examples: [Example] = {
        var all: [Example] = []
        for module in AccordAPI.modules {
            all += module.functions.map { Example(place: "\(module.name).\($0.name)", code: $0.example, setting: module.examples, isEntry: false) }
        }
        for type in AccordAPI.allClasses {
            all.append(Example(place: type.typeName, code: type.example, setting: type.examples, isEntry: false))
            all += type.fields.map {
                Example(place: "\(type.name).\($0.name)", code: $0.example, setting: type.examples, isEntry: type.examples.fieldsAreEntries)
            }
            all += type.methods.map { Example(place: "\(type.name):\($0.name)", code: $0.example, setting: type.examples, isEntry: false) }
        }
        all += AccordAPI.enums.map { Example(place: $0.name, code: $0.example, setting: $0.examples, isEntry: false) }
        return all
    }()

    /// The lines the example's `-->` comments say it prints, spaces collapsed.
    static func expectedOutput(of code: String) -> [String] {
        code.split(separator: "\n").compactMap { line in
            line.range(of: "-->").map { normalized(String(line[$0.upperBound...])) }
        }
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func body(of example: Example) -> String {
        example.isEntry ? "local _ = {\n\(example.code)\n}" : example.code
    }

    /// A script that runs the example after its setup, collecting what it
    /// prints, and fails unless that is what its `-->` comments say.
    static func script(for example: Example) -> String {
        let expected = expectedOutput(of: example.code).map { "[==[\($0)]==]" }.joined(separator: ", ")
        return """
            local expected, printed = { \(expected) }, {}
            local function normalized(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end
            local function print(...)
              local parts = {}
              for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
              printed[#printed + 1] = normalized(table.concat(parts, " "))
            end
            local function example()
            \(example.setting.setup)
            \(body(of: example))
            end
            example()
            if #expected > 0 then
              local got, want = table.concat(printed, "\\n"), table.concat(expected, "\\n")
              if got ~= want then error("printed\\n" .. got .. "\\ninstead of\\n" .. want, 0) end
            end
            """
    }

    @Test func theExamplesOfScriptsRunAndPrintWhatTheySay() throws {
        let host = try SampleData.host()
        let scripts = Self.examples.filter { $0.setting.place == .script }
        #expect(scripts.count > 150)
        for example in scripts {
            do { try host.run(Self.script(for: example), chunkName: example.place) } catch {
                Issue.record("\(example.place): \(error.message)\n\(example.code)")
            }
        }
    }

    @Test func aWrongExampleFails() throws {
        let host = try SampleData.host()
        func run(_ code: String) throws {
            try host.run(Self.script(for: Example(place: "q", code: code, setting: AccordAPI.period.examples, isEntry: false)), chunkName: "q")
        }
        try run("print(q.label)  --> 2019-Q4")
        for wrong in ["print(q.label)  --> 2019-Q3", "print(q.label)\nprint(q.year)  --> 2019", "print(q.labels)"] {
            #expect(throws: LuaError.self, "\(wrong)") { try run(wrong) }
        }
    }

    @Test func theExamplesOfTheReportBuilderBuild() throws {
        let folder = try PackFolder()
        let host = try ReportHost(store: SampleData.store(), modulePaths: [], periods: SampleData.periods)
        let builds = Self.examples.filter { $0.setting.place == .reportBuild }
        #expect(builds.count > 40)
        for (i, example) in builds.enumerated() {
            #expect(Self.expectedOutput(of: example.code).isEmpty, "\(example.place): a report does not print")
            let source = """
                return accord.report { id = "example", title = "Example", grain = "year", build = function(r, period, params)
                \(example.setting.setup)
                \(Self.body(of: example))
                end }
                """
            let path = try folder.write("Scripts/reports/example-\(i).lua", source)
            do {
                let script = try host.load(path, display: example.place)
                _ = try host.build(script, period: try SampleData.periods.parse("2019"), params: [:])
            } catch {
                Issue.record("\(example.place): \(error)\n\(example.code)")
            }
        }
    }

    /// Examples that are whole report scripts are built, for a period of their grain.
    @Test func theExampleReportsBuild() throws {
        let folder = try PackFolder()
        let host = try ReportHost(store: SampleData.store(), modulePaths: [], periods: SampleData.periods)
        let reports = Self.examples.filter { !$0.isEntry && $0.code.hasPrefix("return accord.report") }
        #expect(reports.count >= 2)
        for (i, example) in reports.enumerated() {
            let path = try folder.write("Scripts/reports/report-\(i).lua", example.code)
            do {
                let script = try host.load(path, display: example.place)
                let label = ["year": "2019", "quarter": "2019-Q2", "month": "2019-06"][script.grain.rawValue] ?? "2019"
                let params = Dictionary(uniqueKeysWithValues: script.params.map { ($0.name, "khidi") })
                _ = try host.build(script, period: try SampleData.periods.parse(label), params: params)
            } catch {
                Issue.record("\(example.place): \(error)\n\(example.code)")
            }
        }
    }

    /// Examples that are whole rule packs load without a problem.
    @Test func theExamplePacksLoad() throws {
        let packs = Self.examples.filter { !$0.isEntry && $0.code.hasPrefix("return R.pack") }
        #expect(packs.count >= 2)
        for example in packs {
            let folder = try PackFolder()
            try folder.pack("example", "\(example.setting.setup)\n\(example.code)")
            #expect(try folder.loadProblems() == [], "\(example.place)")
        }
    }
}
