import Foundation
import LuaKit
import Testing
@testable import AccordScripting

/// The field pass of `accord check`: fields and methods the declared types do
/// not have, found without running the script, and nothing on correct code.
@Suite struct FieldPassTests {
    static let model = LintModel(stringFunctions: ["format", "gsub", "lower", "match", "sub", "upper"])

    static func findings(_ source: String, pack: Bool = false) throws -> [FieldPass.Finding] {
        var pass = FieldPass(model: model, rulesValidated: pack)
        let found = pass.check(source)
        return try #require(found, "the pass could not parse:\n\(source)")
    }

    static func messages(_ source: String, pack: Bool = false) throws -> [String] {
        try findings(source, pack: pack).map { "\($0.line):\($0.column): \($0.message)" }
    }

    // MARK: Vocabularies

    @Test func aLiteralOutsideItsVocabularyIsAnErrorWithASuggestion() throws {
        let source = """
            local deals = accord.partnerships{ form = "licence", status = "signd", kind = "biotek", dated = "insde" }
            local orgs = accord.organizations{ kind = "univercity", country = "kr" }
            local more = accord.partnerships{ country = "KO", territory = "asean", form = "license", label = "anything" }
            for _, p in ipairs(deals) do
              if p:involves{ role = "licensr", country = "KR" } then print(p.id) end
            end
            local R = accord.rules
            local c = R.all{ R.form_is("mou", "licence"), R.has_product{ kind = "vacine" }, R.has_financial{ currency = "usd" } }
            return accord.report { title = "T", grain = "quartr", formats = { "html", "jsn" }, build = function(r) end }
            """
        let got = try Self.messages(source)
        #expect(got == [
            "1:43: 'licence' is not a form (did you mean 'license'?)",
            "1:63: 'signd' is not a status (did you mean 'signed'?)",
            "1:79: 'biotek' is not a kind (did you mean 'biotech'?)",
            "1:97: 'insde' is not a `dated` value (did you mean 'inside'?)",
            "2:43: 'univercity' is not a kind (did you mean 'university'?)",
            "2:67: 'kr' is not an ISO 3166-1 alpha-2 country code (did you mean 'KR'?)",
            "3:45: 'KO' is not an ISO 3166-1 alpha-2 country code",
            "3:63: 'asean' is not a territory (a country code or a group such as ASEAN) (did you mean 'ASEAN'?)",
            "5:25: 'licensr' is not a role (did you mean 'licensor'?)",
            "8:35: 'licence' is not a form (did you mean 'license'?)",
            "8:69: 'vacine' is not a product kind (did you mean 'vaccine'?)",
            "8:109: 'usd' is not an ISO 4217 currency code (did you mean 'USD'?)",
            "9:45: 'quartr' is not a report grain (did you mean 'quarter'?)",
            "9:75: 'jsn' is not a report format (did you mean 'json'?)",
        ], "\(got)")
    }

    @Test func labelsAreCheckedAgainstTheAppliedPacksWhenTheyAreKnown() throws {
        let source = #"local a = accord.partnerships{ label = "exprot" }; local b = accord.partnerships{ label = "export" }"#
        #expect(try Self.messages(source).isEmpty, "no packs known: any label")
        var pass = FieldPass(model: LintModel(stringFunctions: [], labels: ["export", "rnd"]))
        let result = pass.check(source)
        let found = try #require(result)
        #expect(found == [FieldPass.Finding(line: 1, column: 40, code: "unknown-value",
                                            message: "'exprot' is not a label of the applied rule packs (did you mean 'export'?)",
                                            isWarning: true)])
    }

    // MARK: Rule packs

    @Test func aMisspeltFieldInARuleCondition() throws {
        let source = """
            local R = accord.rules
            local abroad = R.condition("abroad", function(p)
              return #p.territorys > 0
            end)
            """
        let found = try Self.findings(source, pack: true)
        #expect(found == [FieldPass.Finding(line: 3, column: 13, code: "unknown-field",
                                            message: "partnership has no field 'territorys' (did you mean 'territories'?)")])
    }

    @Test func aMisspeltFieldInAWhenFunctionAndInCombinators() throws {
        let source = """
            local R = accord.rules
            local rule, any = R.rule, R.any
            return R.pack {
              name = "p", version = "1.0.0", labels = { x = "X" },
              rules = {
                rule { id = "a", label = "x", when = function(p) return p.titel ~= nil end },
                rule { id = "b", label = "x", when = any { R.form_is "mou", function(deal) return deal.figures.participantz end } },
                { id = "c", label = "x", when = function(p) return p:involves{ knd = "biotech" } end },
              },
            }
            """
        let got = try Self.messages(source, pack: true)
        #expect(got == [
            "6:63: partnership has no field 'titel' (did you mean 'title'?)",
            "7:100: figures has no field 'participantz' (did you mean 'participants'?)",
            "8:68: accord.PartyMatch has no field 'knd' (did you mean 'kind'?)",
        ])
    }

    @Test func theTablesOfTheRulesDSLAreLeftToThePackReaderInAPack() throws {
        let source = #"local R = accord.rules; local c = R.has_product{ knd = "drug" }; local r = R.rule{ id = "a", descripton = "x" }"#
        #expect(try Self.messages(source, pack: true).isEmpty)
        let got = try Self.messages(source)
        #expect(got == [
            "1:50: accord.ProductMatch has no field 'knd' (did you mean 'kind'?)",
            "1:94: accord.RuleDef has no field 'descripton' (did you mean 'description'?)",
        ])
    }

    @Test func aMethodTypo() throws {
        let source = """
            local R = accord.rules
            return R.condition("export", function(p) return p:mention("export") end)
            """
        #expect(try Self.messages(source, pack: true) == ["2:51: partnership has no method 'mention' (did you mean 'mentions'?)"])
    }

    @Test func misspeltFunctionsOfTheRulesModule() throws {
        let source = "local R = accord.rules\nlocal c = R.form_iss('mou')\nlocal d = accord.rules.territory_inn('KR')"
        let got = try Self.messages(source)
        #expect(got == [
            "2:13: accord.rules has no field 'form_iss' (did you mean 'form_is'?)",
            "3:24: accord.rules has no field 'territory_inn' (did you mean 'territory_in'?)",
        ])
    }

    // MARK: Reports and scripts

    @Test func aMisspeltFieldInAReportCollectionCallback() throws {
        let source = """
            return accord.report {
              title = "T", grain = "quarter",
              build = function(r, period, params)
                local deals = accord.partnerships{ period = period }
                r:paragraph(#deals:filter(function(p) return p.titel:match("x") end) .. " in " .. period.lable)
                r:tabel{ id = "t" }
              end,
            }
            """
        let got = try Self.messages(source)
        #expect(got == [
            "5:52: partnership has no field 'titel' (did you mean 'title'?)",
            "5:94: period has no field 'lable' (did you mean 'label'?)",
            "6:7: report_builder has no method 'tabel' (did you mean 'table'?)",
        ])
    }

    @Test func theKeysOfTablesPassedToTheAPI() throws {
        let source = """
            return accord.report {
              title = "T", grain = "quarter", colour = "red",
              build = function(r, period)
                local deals = accord.partnerships{ peroid = period }
                r:table{ id = "t", title = "T", colums = {}, rows = {} }
                r:table{ id = "u", title = "U", columns = { "A", { title = "B", unti = "KRW" } }, rows = {} }
                r:figures{ { label = "N", value = function(p) return accord.partnerships{ period = p:previus() } end } }
              end,
            }
            """
        let got = try Self.messages(source)
        #expect(got == [
            "2:35: accord.ReportDef has no field 'colour'",
            "4:40: accord.Filter has no field 'peroid' (did you mean 'period'?)",
            "5:37: accord.TableSpec has no field 'colums' (did you mean 'columns'?)",
            "6:69: accord.Column has no field 'unti' (did you mean 'unit'?)",
            // A figure's value is a function of the period, not of a partnership.
            "7:90: period has no method 'previus' (did you mean 'previous'?)",
        ])
    }

    @Test func loopsOverCollectionsListsAndGroups() throws {
        let source = """
            local o = accord.organization("hanmi")
            for _, p in ipairs(o:partnerships()) do
              print(p.titel)
              for _, party in ipairs(p.parties) do print(party.nme, party.organization.countri) end
              print(p.parties[1].rol, p.sources[1].urls)
            end
            for form, group in accord.sorted_pairs(accord.partnerships():group_by("form")) do print(form, group:cont()) end
            local first = accord.organizations():sort_by("name"):first()
            print(first.nam, o.partnerships, o:partnership())
            local ok, party = accord.partnership("x"):involves("hanmi")
            print(ok, party.rol, accord.period("2019").finsh, ("x"):lowr())
            """
        let got = try Self.messages(source)
        #expect(got == [
            "3:11: partnership has no field 'titel' (did you mean 'title'?)",
            "4:52: party has no field 'nme' (did you mean 'name'?)",
            "4:76: organization has no field 'countri' (did you mean 'country'?)",
            "5:22: party has no field 'rol' (did you mean 'role'?)",
            "5:40: source has no field 'urls' (did you mean 'url'?)",
            "7:101: collection has no method 'cont' (did you mean 'count'?)",
            "9:13: organization has no field 'nam' (did you mean 'name'?)",
            "9:36: organization has no method 'partnership' (did you mean 'partnerships'?)",
            "11:17: party has no field 'rol' (did you mean 'role'?)",
            "11:44: period has no field 'finsh' (did you mean 'finish'?)",
            "11:57: string has no method 'lowr' (did you mean 'lower'?)",
        ])
    }

    @Test func dataFileNamesSuggestTheirLuaSpelling() throws {
        let got = try Self.messages("local p = accord.partnership('x')\nprint(p.duration, p['end'])")
        #expect(got == [
            "2:9: partnership has no field 'duration' (did you mean 'duration_months'?)",
        ])
    }

    // MARK: Staying quiet

    @Test func whatItCannotKnowItDoesNotQuestion() throws {
        let source = """
            local p = accord.partnership("x")
            p = { titel = "mine" }
            print(p.titel)
            local q = accord.partnership("y")
            local function helper(deal) return deal.titel end
            print(helper(q), q.score)
            q.score = 1
            local S = require "lib.summary"
            print(S.filed(accord.period("2019")):filter(function(d) return d.titel end))
            local accord = { partnership = function() return {} end }
            print(accord.partnership("z").titel)
            for _, x in pairs(accord) do print(x.titel) end
            """
        #expect(try Self.messages(source).isEmpty)
    }

    @Test func theBundledScriptsGiveNothing() throws {
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/accord")
        let files = ["Sample", "Packs"].flatMap { LintTarget.luaFiles(under: bundled.appendingPathComponent($0).path) }
        #expect(files.count >= 6)
        for file in files {
            let source = try String(contentsOfFile: file, encoding: .utf8)
            #expect(try Self.messages(source, pack: file.contains("/Packs/")).isEmpty, "\(file)")
        }
    }

    @Test func theExamplesOfTheReferenceGiveNothing() throws {
        for example in APIExampleTests.examples {
            let body = "\(example.setting.setup)\n\(APIExampleTests.body(of: example))"
            let source = example.setting.place == .reportBuild
                ? "return accord.report { title = 'E', grain = 'year', build = function(r, period, params)\n\(body)\nend }"
                : body
            #expect(try Self.messages(source).isEmpty, "\(example.place)\n\(source)")
        }
    }

    @Test func everyDeclaredTypeParses() throws {
        var types = AccordAPI.allClasses.flatMap { $0.fields.map(\.type) + $0.methods.flatMap { $0.parameterList.map(\.type) + $0.returns } }
        types += AccordAPI.modules.flatMap { $0.functions.flatMap { $0.parameterList.map(\.type) + $0.returns } }
        for type in types { #expect(throws: Never.self, "\(type)") { try LuaTypeExpression.parse(type) } }
        let when = try LuaTypeExpression.parse(AccordAPI.ruleDef.fields.first { $0.name == "when" }!.type)
        #expect(when.callbackParameters?.map(\.name) == ["p"])
    }
}
