import Testing
@testable import AccordScripting

/// The declarations in `AccordAPI` and what scripts really get must agree.
@Suite struct APIDeclarationTests {
    @Test func everyDeclaredMethodExistsAndEveryFieldIsReadable() throws {
        let checks = AccordAPI.classes.map { type -> String in
            let methods = type.methods.map { "assert(type(\(sample(type.name)).\($0.name)) == 'function', '\(type.name).\($0.name)')" }
            let fields = type.fields.map { "local _ = \(sample(type.name)).\($0.name)" }
            return (methods + fields).joined(separator: "\n")
        }
        try Fixture.check(checks.joined(separator: "\n"))
    }

    @Test func everyPushedFieldIsDeclared() throws {
        let declared = AccordAPI.classes.map { type in
            "['\(type.name)'] = {" + type.fieldNames.map { "['\($0)'] = true" }.joined(separator: ",") + "}"
        }.joined(separator: ",\n")
        try Fixture.check("""
            local declared = { \(declared) }
            local function check(name, record)
              for k in pairs(record) do assert(declared[name][k], name .. "." .. tostring(k) .. " is not declared") end
            end
            for _, id in ipairs({"year-only", "export-q4", "academy-2020"}) do
              local p = accord.partnership(id)
              check("partnership", p)
              check("figures", p.figures)
              for _, x in ipairs(p.parties) do check("party", x); check("organization", x.organization) end
              for _, x in ipairs(p.products) do check("product", x) end
              for _, x in ipairs(p.financials) do check("financial", x) end
              for _, x in ipairs(p.sources) do check("source", x) end
            end
            check("period", accord.period("2019-Q4"))
            """)
    }

    @Test func everyModuleFunctionIsDeclared() throws {
        let names = AccordAPI.functions.map { "['\($0.name)'] = true" }.joined(separator: ", ")
        try Fixture.check("""
            local declared = { \(names) }
            for k in pairs(accord) do assert(declared[k] or k == "rules", "accord." .. k .. " is not declared") end
            for k in pairs(declared) do assert(type(accord[k]) == "function", "accord." .. k .. " is missing") end
            """)
    }

    @Test func everyRulesFunctionIsDeclared() throws {
        let names = AccordAPI.rules.map { "['\($0.name)'] = true" }.joined(separator: ", ")
        try Fixture.check("""
            local declared = { \(names) }
            for k in pairs(accord.rules) do assert(declared[k], "accord.rules." .. k .. " is not declared") end
            for k in pairs(declared) do assert(type(accord.rules[k]) == "function", "accord.rules." .. k .. " is missing") end
            """)
    }

    @Test func eachScriptGetsItsOwnRulesTable() throws {
        let host = try Fixture.host()
        try host.run("accord.rules.mentions = nil", chunkName: "a.lua")
        try host.run("assert(type(accord.rules.mentions) == 'function')", chunkName: "b.lua")
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
        case "period": "accord.period('2019')"
        default: "accord.partnerships()"
        }
    }
}
