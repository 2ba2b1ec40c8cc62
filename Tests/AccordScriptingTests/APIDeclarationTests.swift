import AccordCore
import Foundation
import LuaKit
import Testing
@testable import AccordScripting

/// The declarations in `AccordAPI` and what scripts really get must agree, in
/// both directions wherever what Lua defines can be listed.
@Suite struct APIDeclarationTests {
    /// A Lua set of names.
    private static func lua(_ names: [String]) -> String {
        "{ " + names.map { "['\($0)'] = true" }.joined(separator: ", ") + " }"
    }

    /// A Lua list of names.
    private static func list(_ names: [String]) -> String {
        "{ " + names.map { "'\($0)'" }.joined(separator: ", ") + " }"
    }

    private func module() throws -> AccordModule {
        try AccordModule(state: LuaState(), store: Store.inMemory(), periods: SampleData.periods)
    }

    // MARK: Records, collections, periods

    @Test func everyDeclaredMethodExistsAndEveryFieldIsReadable() throws {
        let checks = AccordAPI.classes.map { type -> String in
            let methods = type.methods.map { "assert(type(\(sample(type.name)).\($0.name)) == 'function', '\(type.name).\($0.name)')" }
            let fields = type.fields.map { "local _ = \(sample(type.name)).\($0.name)" }
            return (methods + fields).joined(separator: "\n")
        }
        try Fixture.check(checks.joined(separator: "\n"))
    }

    @Test func everyMethodThePreludeDefinesIsDeclared() throws {
        let defined = try module().definitions().methods
        for type in AccordAPI.classes {
            let declared = Set(type.methods.map(\.name))
            #expect(defined[type.name, default: []] == declared,
                    "\(type.name): defined but not declared \(defined[type.name, default: []].subtracting(declared).sorted()), declared but not defined \(declared.subtracting(defined[type.name, default: []]).sorted())")
        }
        #expect(Set(defined.keys).isSubset(of: Set(AccordAPI.classes.map(\.name))), "\(defined.keys.sorted())")
    }

    /// Every field a record really has, over the fixture and the whole sample
    /// (where every optional field is set somewhere), is declared.
    @Test func everyPushedFieldIsDeclared() throws {
        let declared = AccordAPI.classes.map { "['\($0.name)'] = \(Self.lua($0.fieldNames))" }.joined(separator: ",\n")
        let script = """
            local declared = { \(declared) }
            local function check(name, record)
              for k in pairs(record) do assert(declared[name][k], name .. "." .. tostring(k) .. " is not declared") end
            end
            for _, p in ipairs(accord.partnerships()) do
              check("partnership", p)
              check("figures", p.figures)
              for _, x in ipairs(p.parties) do
                check("party", x)
                if rawget(x, "organization") then check("organization", x.organization) end
              end
              for _, x in ipairs(p.products) do check("product", x) end
              for _, x in ipairs(p.financials) do
                check("financial", x)
                for _, m in ipairs(rawget(x, "equivalents") or {}) do check("equivalent", m) end
              end
              for _, x in ipairs(p.related) do check("relation", x) end
              for _, x in ipairs(p.people) do check("person", x) end
              if rawget(p, "venue") then check("venue", p.venue) end
              for _, x in ipairs(p.sources) do check("source", x) end
            end
            for _, o in ipairs(accord.organizations()) do check("organization", o) end
            for _, label in ipairs({ "2019", "2019-Q4", "2019-06", "2019-W27", "2020-01-01..2020-02-01" }) do
              check("period", accord.period(label))
            end
            """
        try Fixture.host().run(script, chunkName: "fixture.lua")
        try SampleData.host().run(script, chunkName: "sample.lua")
    }

    /// Records with every optional field set have exactly the declared fields.
    @Test func aRecordWithEverythingHasExactlyTheDeclaredFields() throws {
        let dataset = Dataset(
            sources: [Source(id: "full", title: "Full", publisher: "P", published: PartialDate("2019-12"),
                             url: "https://example.org", document: "full.txt")],
            organizations: [Organization(id: "group", name: "Group", kind: .globalPharma, country: "CH", sources: ["full"]),
                            Organization(id: "sub", name: "Sub", aliases: ["S"], kind: .localPharma, country: "KR",
                                         parent: "group", sources: ["full"])],
            partnerships: [Partnership(
                id: "full", title: "Full", summary: "All", form: .license, status: .signed, announced: PartialDate("2019-01"),
                signed: PartialDate("2019-02-03"), start: PartialDate("2019-03"), end: PartialDate("2020"), durationMonths: 12,
                parties: [Party(organization: "sub", role: .licensee),
                          Party(unnamed: UnnamedParty(description: "Local hospitals", kind: .hospital, country: "KR",
                                                      count: Quantity(3, .about)), role: .participant)],
                territories: ["KR"],
                products: [Product(name: "X", kind: .drug, indication: "pain", therapeuticArea: "neurology")],
                financials: [FinancialTerm(type: .upfront, amount: 1, qualifier: .upTo, currency: "USD", per: "year",
                                           equivalents: [Money(amount: 1400, currency: "KRW")], wording: "one dollar")],
                figures: Dictionary(uniqueKeysWithValues: FigureKey.allCases.map { ($0, Quantity(1, .about)) }), tags: ["t"],
                labels: ["export"], sources: ["full"], statusAsOf: PartialDate("2020-01"), durationDays: 3, isSeries: true,
                related: [Relation(to: "framework", kind: .partOf)], venue: Venue(name: "Hall", city: "Seoul", country: "KR"),
                people: [Person(name: "N", title: "T", organization: "group", role: .signatory)]),
                           Partnership(id: "framework", title: "Framework", form: .framework,
                                       parties: [Party(organization: "group", role: .signatory)], sources: ["full"])])
        let store = try Store.inMemory()
        try store.upsert(dataset)
        let host = try ScriptHost(store: store, modulePaths: [], periods: SampleData.periods)
        let declared = AccordAPI.classes.map { "['\($0.name)'] = \(Self.lua($0.fieldNames))" }.joined(separator: ",\n")
        try host.run("""
            local declared = { \(declared) }
            -- Fields read when asked for (`p.parts`) are not in the table: they count when they give a value.
            local function same(name, ...)
              local seen, records = {}, { ... }
              for _, record in ipairs(records) do
                for k in pairs(record) do
                  seen[k] = true
                  assert(declared[name][k], name .. "." .. tostring(k) .. " is not declared")
                end
              end
              for k in pairs(declared[name]) do
                local computed = false
                for _, record in ipairs(records) do computed = computed or record[k] ~= nil end
                assert(seen[k] or computed, name .. "." .. k .. " is declared but no record has it")
              end
            end
            local p = accord.partnership("full")
            same("partnership", p, accord.partnership("framework"))
            same("figures", p.figures)
            same("party", p.parties[1], p.parties[2])
            same("relation", p.related[1])
            same("venue", p.venue)
            same("person", p.people[1])
            same("equivalent", p.financials[1].equivalents[1])
            same("organization", p.parties[1].organization)
            same("product", p.products[1])
            same("financial", p.financials[1])
            same("source", p.sources[1])
            same("period", accord.period("2019-Q4"))
            """, chunkName: "full.lua")
    }

    @Test func recordsNameTheirDeclaredType() throws {
        try Fixture.check(AccordAPI.classes.map { type in
            "assert(getmetatable(\(sample(type.name))) == 'accord.\(type.name)', '\(type.name)')"
        }.joined(separator: "\n"))
    }

    // MARK: Module tables

    @Test func everyModuleFunctionIsDeclared() throws {
        let tables = AccordAPI.modules.filter { $0.name != "accord" }.map { $0.name.dropFirst("accord.".count) }
        try Fixture.check("""
            local declared = \(Self.lua(AccordAPI.functions.map(\.name)))
            local tables = \(Self.lua(tables.map(String.init)))
            for k, v in pairs(accord) do
              assert(declared[k] or (tables[k] and type(v) == "table"), "accord." .. k .. " is not declared")
            end
            for k in pairs(declared) do assert(type(accord[k]) == "function", "accord." .. k .. " is missing") end
            for k in pairs(tables) do assert(type(accord[k]) == "table", "accord." .. k .. " is missing") end
            """)
    }

    @Test func everyRulesFunctionIsDeclared() throws {
        try Fixture.check("""
            local declared = \(Self.lua(AccordAPI.rules.map(\.name)))
            for k in pairs(accord.rules) do assert(declared[k], "accord.rules." .. k .. " is not declared") end
            for k in pairs(declared) do assert(type(accord.rules[k]) == "function", "accord.rules." .. k .. " is missing") end
            """)
    }

    @Test func eachScriptGetsItsOwnRulesTable() throws {
        let host = try Fixture.host()
        try host.run("accord.rules.mentions = nil", chunkName: "a.lua")
        try host.run("assert(type(accord.rules.mentions) == 'function')", chunkName: "b.lua")
    }

    // MARK: Filters

    /// A filter key the reader skipped would accept any value: each declared
    /// key must refuse a value of the wrong type, naming itself.
    @Test func everyDeclaredFilterKeyIsRead() throws {
        for (function, type) in [("partnerships", AccordAPI.partnershipFilter), ("organizations", AccordAPI.organizationFilter)] {
            for field in type.fields {
                let (key, wrong) = (field.name, field.type.hasPrefix("boolean") ? "'yes'" : "true")
                let message = try Fixture.error("accord.\(function){ \(key) = \(wrong) }")
                #expect(message.contains("'\(key)'") || message.contains(" \(key) "), "\(function) ignores '\(key)': \(message)")
            }
            let unknown = try Fixture.error("accord.\(function){ colour = 'red' }")
            // `by`, `distinct` and `type` are read by accord.count and accord.sum only.
            let accepted = function == "partnerships" ? AccordAPI.partnershipFilterKeys : type.fieldNames
            #expect(unknown.contains("unknown filter 'colour'") && unknown.contains(accepted.joined(separator: ", ")), "\(unknown)")
        }
    }

    // MARK: Rules DSL

    @Test func theTablesTheRulesDSLReadsAreDeclared() throws {
        let defined = try module().definitions().ruleTables
        for type in [AccordAPI.packDef, AccordAPI.ruleDef, AccordAPI.overlay, AccordAPI.partyMatch] {
            #expect(defined[type.name] == Set(type.fieldNames),
                    "\(type.name): the DSL reads \(defined[type.name]?.sorted() ?? []), declared \(type.fieldNames)")
        }
    }

    /// `has_product()` and `has_financial()` list the fields they take when given nothing.
    @Test func theMatchTablesArePredicatesFields() throws {
        for (predicate, type) in [("has_product", AccordAPI.productMatch), ("has_financial", AccordAPI.financialMatch)] {
            let message = try Fixture.error("accord.rules.\(predicate)()")
            let listed = message.split(separator: "{").last.map { $0.split(separator: "}")[0] } ?? ""
            let names = listed.split(separator: ",").map { $0.replacingOccurrences(of: "=", with: "").trimmingCharacters(in: .whitespaces) }
            #expect(Set(names) == Set(type.fieldNames), "\(predicate): \(message)")
        }
    }

    @Test func conditionsHaveTheDeclaredFields() throws {
        try Fixture.check("""
            local declared = \(Self.lua(AccordAPI.condition.fieldNames))
            for _, c in ipairs({ accord.rules.form_is("mou"), accord.rules.all{ function() return true end } }) do
              for k in pairs(c) do assert(declared[k], "condition." .. k .. " is not declared") end
              for k in pairs(declared) do assert(k == "at" or c[k] ~= nil, "condition." .. k .. " is missing") end
            end
            """)
    }

    // MARK: Report builder

    @Test func everyBuilderMethodIsDeclared() throws {
        let defined = try module().definitions().builderMethods
        let declared = Set(AccordAPI.reportBuilder.methods.map(\.name))
        #expect(defined == declared, "defined but not declared \(defined.subtracting(declared).sorted()), declared but not defined \(declared.subtracting(defined).sorted())")
    }

    /// The builder reads its tables' fields from the declarations, so a field
    /// outside them is refused.
    @Test func theBuilderRefusesFieldsOutsideTheDeclarations() throws {
        let folder = try PackFolder()
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let host = try ReportHost(store: store, modulePaths: [], periods: SampleData.periods)
        let calls = [
            ("figures", "r:figures{ { label = 'x', value = 1, colour = 1 } }"),
            ("table", "r:table{ id = 't', title = 't', columns = { 'a' }, rows = {}, colour = 1 }"),
            ("table column", "r:table{ id = 't', title = 't', columns = { { title = 'a', colour = 1 } }, rows = {} }"),
            ("bar_chart", "r:bar_chart{ id = 'c', title = 'c', categories = {}, series = {}, colour = 1 }"),
            ("bar_chart series", "r:bar_chart{ id = 'c', title = 'c', categories = {}, series = { { name = 's', values = {}, colour = 1 } } }"),
            ("breakdown", "r:breakdown{ id = 'b', title = 'b', of = accord.partnerships(), by = 'form', colour = 1 }"),
            ("trend", "r:trend{ id = 't', title = 't', series = {}, colour = 1 }"),
            ("trend series", "r:trend{ id = 't', title = 't', series = { { name = 's', value = function() return 1 end, colour = 1 } } }"),
            ("partnerships", "r:partnerships{ title = 'p', items = accord.partnerships(), colour = 1 }"),
        ]
        for (what, call) in calls {
            let path = try folder.write("r.lua", "return accord.report{ title = 'T', grain = 'year', build = function(r)\n\(call)\nend }")
            let script = try host.load(path, display: "r.lua")
            let error = try #require(throws: LuaError.self) { _ = try host.build(script, period: try SampleData.periods.parse("2019"), params: [:]) }
            #expect(error.message.contains("\(what): unknown field 'colour'"), "\(error.message)")
        }
    }

    // MARK: Vocabularies

    @Test func everyEnumValueIsAcceptedWhereItIsChecked() throws {
        var checks: [String] = []
        for v in AccordAPI.form.values { checks += ["accord.partnerships{ form = '\(v)' }", "accord.rules.form_is('\(v)')"] }
        for v in AccordAPI.status.values { checks += ["accord.partnerships{ status = '\(v)' }", "accord.rules.status_is('\(v)')"] }
        for v in AccordAPI.kind.values {
            checks += ["accord.partnerships{ kind = '\(v)' }", "accord.organizations{ kind = '\(v)' }", "accord.rules.involves{ kind = '\(v)' }"]
        }
        for v in AccordAPI.role.values { checks.append("accord.rules.involves{ role = '\(v)' }") }
        for v in AccordAPI.productKind.values { checks.append("accord.rules.has_product('\(v)')") }
        for v in AccordAPI.financialType.values { checks.append("accord.rules.has_financial('\(v)')") }
        for v in AccordAPI.figureKey.values { checks.append("accord.rules.has_figure('\(v)')") }
        for v in AccordAPI.dated.values { checks.append("accord.partnerships{ period = '2019', dated = '\(v)' }") }
        try Fixture.check(checks.joined(separator: "\n"))
        #expect(try Fixture.error("accord.partnerships{ period = '2019', dated = 'outside' }").contains("'dated' must be"))
        #expect(AccordAPI.figures.fieldNames == AccordAPI.figureKey.values)
    }

    /// The sample has partnerships of every precision, and undated ones.
    @Test func theGrainsMembershipsAndPrecisionsAreThoseScriptsSee() throws {
        try SampleData.host().run("""
            local function set(list) local s = {}; for _, v in ipairs(list) do s[v] = true end; return s end
            local function same(seen, declared, what)
              for v in pairs(seen) do assert(declared[v], what .. " '" .. v .. "' is not declared") end
              for v in pairs(declared) do assert(seen[v], what .. " '" .. v .. "' is declared but never seen") end
            end
            local grains = {}
            for _, label in ipairs({ "2019", "2019-Q4", "2019-06", "2019-W27", "2020-01-01..2020-02-01" }) do
              grains[accord.period(label).grain] = true
            end
            same(grains, set(\(Self.list(AccordAPI.grain.values))), "grain")
            local q, memberships = accord.period("2019-Q4"), {}
            for _, x in ipairs({ "2019-11", "2020", "2019", accord.partnership("abbvie-dong-a-st-mertk") }) do
              memberships[q:membership(x)] = true
            end
            same(memberships, set(\(Self.list(AccordAPI.membership.values))), "membership")
            local precisions = {}
            for _, p in ipairs(accord.partnerships()) do
              if p.precision then precisions[p.precision] = true end
            end
            same(precisions, set(\(Self.list(AccordAPI.precision.values))), "precision")
            """, chunkName: "sample.lua")
    }

    @Test func everyHitPolicyAndRuleStatusLoads() throws {
        for policy in AccordAPI.hitPolicy.values {
            for status in AccordAPI.ruleStatus.values {
                let folder = try PackFolder()
                try folder.pack("p", dsl + """
                    return pack { name = "p", version = "1.0.0", hit_policy = "\(policy)", labels = { x = "X" },
                      rules = { rule { id = "a", label = "x", status = "\(status)", when = form_is "mou" } } }
                    """)
                #expect(try folder.loadProblems().isEmpty, "\(policy) \(status)")
            }
        }
    }

    @Test func everyReportGrainAndFormatLoads() throws {
        let folder = try PackFolder()
        let host = try ReportHost(store: Store.inMemory(), modulePaths: [], periods: SampleData.periods)
        for grain in AccordAPI.reportGrains.values {
            let formats = AccordAPI.reportFormats.values.map { "'\($0)'" }.joined(separator: ", ")
            let path = try folder.write("r.lua", "return accord.report{ title = 'T', grain = '\(grain)', formats = { \(formats) }, build = function() end }")
            let script = try host.load(path, display: "r.lua")
            #expect(script.grain.rawValue == grain)
            #expect(script.formats == AccordAPI.reportFormats.values)
        }
        let week = try folder.write("w.lua", "return accord.report{ title = 'T', grain = 'week', build = function() end }")
        #expect(throws: LuaError.self) { _ = try host.load(week, display: "w.lua") }
    }

    // MARK: The declarations themselves

    @Test func everyTypeNamedIsDeclared() {
        let known = Set(AccordAPI.allClasses.map(\.typeName) + AccordAPI.enums.map(\.name))
        var types: [(String, String)] = []
        for type in AccordAPI.allClasses {
            types += type.fields.map { ("\(type.name).\($0.name)", $0.type) }
            types += type.methods.flatMap { m in m.parameterList.map { ("\(type.name):\(m.name)", $0.type) } + m.returns.map { ("\(type.name):\(m.name)", $0) } }
            if let elements = type.elements { types.append((type.name, elements)) }
        }
        for module in AccordAPI.modules {
            types += module.functions.flatMap { f in f.parameterList.map { ("\(module.name).\(f.name)", $0.type) } + f.returns.map { ("\(module.name).\(f.name)", $0) } }
        }
        for (place, type) in types {
            for name in Self.accordNames(in: type) {
                #expect(known.contains(name), "\(place): \(name) is not declared")
            }
        }
    }

    @Test func everyEntryHasADocAndAnExample() {
        func check(_ place: String, doc: String, example: String, oneLine: Bool = false) {
            #expect(!doc.isEmpty && !doc.contains("\n"), "\(place): the doc must be one line")
            #expect(!example.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(place): no example")
            if oneLine { #expect(!example.contains("\n"), "\(place): a field's example is one line") }
        }
        for type in AccordAPI.allClasses {
            check(type.typeName, doc: type.doc, example: type.example)
            for field in type.fields { check("\(type.name).\(field.name)", doc: field.doc, example: field.example, oneLine: true) }
            for method in type.methods { check("\(type.name):\(method.name)", doc: method.doc, example: method.example) }
            if !type.methods.isEmpty {
                #expect(type.variable != nil, "\(type.name) has methods: name the variable its examples use")
                if let variable = type.variable, type.examples.place == .script {
                    #expect(type.examples.setup.contains("local \(variable) = "), "\(type.name): the setup binds \(variable)")
                }
            }
        }
        for module in AccordAPI.modules {
            #expect(!module.doc.isEmpty)
            for f in module.functions { check("\(module.name).\(f.name)", doc: f.doc, example: f.example) }
        }
        for e in AccordAPI.enums {
            check(e.name, doc: e.doc, example: e.example)
            #expect(!e.values.isEmpty && Set(e.values).count == e.values.count, "\(e.name)")
        }
        #expect(Set(AccordAPI.allClasses.map(\.typeName)).count == AccordAPI.allClasses.count)
        for (_, target) in AccordAPI.renamed { #expect(AccordAPI.classes.contains { $0.fieldNames.contains(target) }) }
    }

    /// A trailing `?` marks an optional field or parameter; a function type
    /// whose last result is optional must be in parentheses to not read as one.
    @Test func optionalMarksAreUnambiguous() {
        var types = AccordAPI.allClasses.flatMap { $0.fields.map(\.type) + $0.methods.flatMap { $0.parameterList.map(\.type) } }
        types += AccordAPI.modules.flatMap { $0.functions.flatMap { $0.parameterList.map(\.type) } }
        for type in types where type.hasSuffix("?") {
            let bare = String(type.dropLast())
            #expect(!bare.contains("fun(") || (bare.hasPrefix("(") && bare.hasSuffix(")")), "\(type)")
        }
    }

    static func accordNames(in type: String) -> [String] {
        var names: [String] = []
        var rest = type[...]
        while let range = rest.range(of: "accord.") {
            let tail = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            names.append("accord." + tail)
            rest = rest[range.upperBound...]
        }
        return names
    }

    private func sample(_ type: String) -> String {
        switch type {
        case "partnership": "accord.partnership('academy-2020')"
        case "organization": "accord.organization('hanmi')"
        case "party": "accord.partnership('export-q4').parties[1]"
        case "product": "accord.partnership('export-q4').products[1]"
        case "financial": "accord.partnership('year-only').financials[1]"
        case "figures": "accord.partnership('academy-2020').figures"
        case "source": "accord.partnership('export-q4').sources[1]"
        case "relation": "accord.partnership('academy-2020').related[1]"
        case "venue": "accord.partnership('academy-2020').venue"
        case "person": "accord.partnership('academy-2020').people[1]"
        case "equivalent": "accord.partnership('year-only').financials[1].equivalents[1]"
        case "period": "accord.period('2019')"
        default: "accord.partnerships()"
        }
    }
}
