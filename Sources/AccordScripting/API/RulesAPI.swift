extension AccordAPI {
    /// The condition a rule's `when` takes: a condition, or a function of the
    /// partnership returning whether it holds and, optionally, evidence.
    static let conditionType = "accord.Condition|(fun(p: accord.Partnership): boolean, string?)"

    /// `accord.rules`, the rules DSL.
    public static let rulesModule = LuaModule(
        name: "accord.rules",
        doc: "Declares rule packs and rules, and builds the conditions rules test; a condition describes itself in explanations.",
        examples: .script("local R = accord.rules"),
        functions: [
            .init("pack", ["def: accord.PackDef"], ["accord.PackDef"],
                  "Declares a pack; a pack's init.lua returns it.",
                  example: """
                    return R.pack {
                      name = "example", version = "1.0.0",
                      labels = { export = "Selling abroad" },
                      rules = { R.rule{ id = "export-contract", label = "export", when = R.form_is("export_contract") } },
                    }
                    """),
            .init("rule", ["def: accord.RuleDef"], ["accord.RuleDef"],
                  "Declares a rule, remembering its line for messages.",
                  example: #"local rule = R.rule{ id = "export-contract", label = "export", priority = 80, when = R.form_is("export_contract") }"#),
            .init("all", ["conditions: (\(conditionType))[]"], ["accord.Condition"],
                  "Holds when every condition holds; the evidence joins theirs.",
                  example: #"print(R.all{ R.form_is("license"), R.territory_in("ASEAN") })  --> all{ form_is "license", territory_in "ASEAN" }"#),
            .init("any", ["conditions: (\(conditionType))[]"], ["accord.Condition"],
                  "Holds when some condition holds; the evidence is the first that held.",
                  example: #"print(R.any{ R.form_is("export_contract"), R.mentions("export") })  --> any{ form_is "export_contract", mentions "export" }"#),
            .init("none", ["conditions: (\(conditionType))[]"], ["accord.Condition"],
                  "Holds when no condition holds.",
                  example: #"local abroad = R.all{ R.form_is("distribution"), R.none{ R.territory_in("KR") } }"#),
            .init("mentions", ["...: string|{[integer]: string, fields: (\"title\"|\"summary\"|\"tags\"|\"products\"|\"financials\")[]?}"],
                  ["accord.Condition"],
                  "The title, summary, tags or products (or the `fields` given, financials included) have a word starting with one of these, in any case; punctuation and spacing do not count (`R&D` finds \"R & D\").",
                  example: """
                    print(R.mentions("export", "distribution"))  --> mentions "export", "distribution"
                    local in_title = R.mentions{ "trial", fields = { "title" } }
                    """),
            .init("form_is", ["...: accord.Form"], ["accord.Condition"], "The partnership's form is one of these.",
                  example: #"print(R.form_is("license", "co_development"))  --> form_is "license", "co_development""#),
            .init("status_is", ["...: accord.Status"], ["accord.Condition"], "The partnership's status is one of these.",
                  example: #"local live = R.status_is("signed", "active")"#),
            .init("involves", ["...: string|accord.PartyMatch"], ["accord.Condition"],
                  "Some party matches one of these: an organization's id, name, alias or group, or a table of party fields.",
                  example: #"print(R.involves("roche", { kind = "regulator" }))  --> involves "roche" or {kind = "regulator"}"#),
            .init("territory_in", ["...: string"], ["accord.Condition"],
                  "Some territory is one of these codes, lies in one of these groups, or is a group containing one.",
                  example: #"local southeast_asia = R.territory_in("ASEAN", "VN")"#),
            .init("tagged", ["...: string"], ["accord.Condition"], "The partnership has one of these tags, in any case.",
                  example: #"local digital = R.tagged("digital-health", "ai")"#),
            .init("abroad", [], ["accord.Condition"],
                  "Some territory lies outside every party's home country (a group such as ASEAN or GLOBAL always does).",
                  example: #"print(R.abroad())  --> a territory beyond the parties' home countries"#),
            .init("party_abroad", ["...: accord.Role"], ["accord.Condition"],
                  "A party in one of these roles is based outside the home countries of every other party (a licence to a group abroad is a technology export).",
                  example: #"print(R.party_abroad("licensee"))  --> party_abroad "licensee""#),
            .init("has_product", ["spec: accord.ProductKind|accord.ProductMatch"], ["accord.Condition"],
                  "Some product matches: a kind, or a table of kind, therapeutic area and name.",
                  example: #"print(R.has_product{ kind = "drug", area = "oncology" })  --> has_product {area = "oncology", kind = "drug"}"#),
            .init("has_financial", ["spec: accord.FinancialType|accord.FinancialMatch"], ["accord.Condition"],
                  "Some financial term matches: a type, or a table of type, currency and minimum amount (which needs a currency).",
                  example: #"local large = R.has_financial{ type = "investment", currency = "KRW", min = 1e9 }"#),
            .init("condition", ["text: string", "f: (fun(p: accord.Partnership): boolean, string?)"], ["accord.Condition"],
                  "A function as a condition, named `text` in explanations; it returns whether it holds and, optionally, evidence (cut at 240 bytes).",
                  example: """
                    local abroad = R.condition("a territory abroad", function(p)
                      for _, t in ipairs(p.territories) do
                        if t ~= "KR" then return true, "territory " .. t end
                      end
                      return false
                    end)
                    """),
            .init("has_figure", ["key: accord.FigureKey", "min: number?"], ["accord.Condition"],
                  "The programme reports this figure, at least `min` when given.",
                  example: #"print(R.has_figure("participants", 100))  --> has_figure "participants" >= 100"#),
            .init("has_person", ["...: accord.PersonRole"], ["accord.Condition"],
                  "A named person takes part, in one of these roles when given (signatory, spokesperson, attendee, speaker).",
                  example: #"print(R.has_person("signatory"))  --> has_person "signatory""#),
            .init("related_to", ["...: accord.RelationKind"], ["accord.Condition"],
                  "The partnership links to another, in one of these ways when given (part_of, follows, amends, renews, implements, edition_of).",
                  example: #"print(R.related_to("part_of", "edition_of"))  --> related_to "part_of", "edition_of""#),
        ])

    /// Functions of `accord.rules`.
    public static var rules: [LuaFunction] { rulesModule.functions }

    public static let packDef = LuaClass(
        name: "pack_def",
        doc: "What `accord.rules.pack{…}` takes: a named, versioned set of rules.",
        examples: .script("local R = accord.rules", fieldsAreEntries: true),
        example: """
            return R.pack {
              name = "example", version = "1.0.0",
              description = "Export purposes as the export team reads them",
              hit_policy = "collect",
              labels = { export = "Selling products abroad" },
              rules = {
                R.rule{ id = "export-contract", label = "export", priority = 80, when = R.form_is("export_contract") },
                R.rule{ id = "export-mention", label = "export", when = R.all{ R.mentions("export"), R.none{ R.territory_in("KR") } } },
              },
            }
            """,
        fields: [
            .init("name", "string", "The pack's name: its folder's, lower-case letters, digits, '_' and '-'.", example: #"name = "export-team""#),
            .init("version", "string", "A semantic version.", example: #"version = "1.2.0""#),
            .init("description", "string?", "What the pack is for.", example: #"description = "Export purposes as the export team reads them""#),
            .init("hit_policy", "accord.HitPolicy?", "How its rules combine: collect (the default), first or unique.",
                  example: #"hit_policy = "first""#),
            .init("labels", "table<string, string>?", "The labels its rules may give, each with what it means.",
                  example: #"labels = { export = "Selling abroad", rnd = "Research and development" }"#),
            .init("requires", "table<string, string>?", "Other packs it needs, each with a version range.", example: #"requires = { standard = "^1.0" }"#),
            .init("rules", "accord.RuleDef[]?", "Its rules.",
                  example: #"rules = { R.rule{ id = "export-contract", label = "export", when = R.form_is("export_contract") } }"#),
            .init("overlays", "accord.Overlay[]?", "Changes to rules of the packs it requires.",
                  example: #"overlays = { { rule = "standard.export-contract", disable = true, reason = "we do not track exports" } }"#),
            .init("accord", "string?", "The versions of Accord it needs, as a version range; a pack whose range leaves out "
                  + "the running Accord is refused when it loads.", example: #"accord = ">=0.9""#),
            .init("license", "string?", "Its licence, recorded when the pack is published (an SPDX identifier such as MIT).",
                  example: #"license = "MIT""#),
            .init("authors", "string[]?", "Who wrote it, recorded when the pack is published.",
                  example: #"authors = { "Export team <export@example.com>" }"#),
        ])

    public static let ruleDef = LuaClass(
        name: "rule_def",
        doc: "What `accord.rules.rule{…}` takes: a label and the condition that gives it.",
        examples: .script("local R = accord.rules", fieldsAreEntries: true),
        example: """
            local export = R.rule {
              id = "export-contract", label = "export", priority = 80, status = "stable",
              description = "Selling products abroad: an export contract, or distribution outside Korea",
              when = R.any{
                R.form_is("export_contract"),
                R.all{ R.form_is("distribution", "license"), R.territory_in("ASEAN"), R.none{ R.territory_in("KR") } },
              },
            }
            """,
        fields: [
            .init("id", "string", "Unique in its pack, which prefixes it: standard.export-contract.", example: #"id = "export-contract""#),
            .init("label", "string", "The label it gives, one of the pack's `labels`.", example: #"label = "export""#),
            .init("description", "string?", "What it looks for.", example: #"description = "Selling products abroad""#),
            .init("priority", "integer?", "Higher runs first and gives the primary label (default 0).", example: "priority = 80"),
            .init("status", "accord.RuleStatus?", "experimental (the default), stable (a test case must expect it to fire), draft (shown, marked, "
                  + "but saved only with --include-drafts) or deprecated (which does not run).",
                  example: #"status = "stable""#),
            .init("tags", "string[]?", "Free keywords.", example: #"tags = { "trade" }"#),
            .init("when", conditionType, "The condition; a function returns whether it holds and, optionally, evidence "
                  + "(cut at 240 bytes; a rule's whole evidence at 1,000).",
                  example: #"when = R.any{ R.form_is("export_contract"), R.mentions("export") }"#),
        ])

    public static let overlay = LuaClass(
        name: "overlay",
        doc: "A change a pack makes to a rule of a pack it requires, without editing it: disable it, or narrow it with a condition.",
        examples: .script("local R = accord.rules", fieldsAreEntries: true),
        example: #"local only_asean = { rule = "standard.export-contract", narrow = R.territory_in("ASEAN"), reason = "only our region" }"#,
        fields: [
            .init("rule", "string", "The namespaced id of the rule to change.", example: #"rule = "standard.export-contract""#),
            .init("disable", "boolean?", "Turns the rule off.", example: "disable = true"),
            .init("narrow", "(\(conditionType))?", "A condition that must also hold for the rule to fire.",
                  example: #"narrow = R.territory_in("ASEAN")"#),
            .init("reason", "string?", "Why, for explanations.", example: #"reason = "only our region""#),
        ])

    public static let condition = LuaClass(
        name: "condition",
        doc: "What the predicates and combinators of `accord.rules` return; `tostring` gives its text.",
        examples: .script(#"local R = accord.rules; local c = R.form_is("mou")"#),
        example: #"print(R.all{ R.form_is("mou"), R.involves{ kind = "government_agency" } })  --> all{ form_is "mou", involves {kind = "government_agency"} }"#,
        fields: [
            .init("kind", "string", "The predicate or combinator that made it: form_is, all, function, …", example: "print(c.kind)  --> form_is"),
            .init("text", "string", "How explanations show it.", example: #"print(c.text)  --> form_is "mou""#),
            .init("at", "string?", "Where it was made: file:line.", example: "print(c.at)"),
        ])

    public static let partyMatch = LuaClass(
        name: "party_match",
        doc: "Party fields that `p:involves{…}` and `accord.rules.involves{…}` match; every field given must match.",
        examples: .script(#"local R = accord.rules; local p = accord.partnership("k-pharma-academy-2019-asean")"#, fieldsAreEntries: true),
        example: #"print(p:involves{ kind = "government_agency", role = "organizer" })  --> true Korea Health Industry Development Institute (organizer)"#,
        fields: [
            .init("role", "accord.Role?", "The party's role.", example: #"role = "licensor""#),
            .init("kind", "accord.Kind?", "The organization's kind.", example: #"kind = "government_agency""#),
            .init("country", "string?", "The organization's country.", example: #"country = "KR""#, vocabulary: .country),
            .init("id", "string?", "The organization's id.", example: #"id = "khidi""#),
            .init("name", "string?", "The organization's name or an alias, in any case.", example: #"name = "KHIDI""#),
            .init("parent", "string?", "The id of the organization's group.", example: #"parent = "roche""#),
        ])

    public static let productMatch = LuaClass(
        name: "product_match",
        doc: "What `accord.rules.has_product{…}` matches; every field given must match.",
        examples: .script("local R = accord.rules", fieldsAreEntries: true),
        example: #"local oncology_drug = R.has_product{ kind = "drug", area = "oncology" }"#,
        fields: [
            .init("kind", "accord.ProductKind?", "The product's kind.", example: #"kind = "vaccine""#),
            .init("area", "string?", "The therapeutic area, in any case.", example: #"area = "oncology""#),
            .init("name", "string?", "The product's name, in any case.", example: #"name = "Amosartan""#),
        ])

    public static let financialMatch = LuaClass(
        name: "financial_match",
        doc: "What `accord.rules.has_financial{…}` matches; every field given must match.",
        examples: .script("local R = accord.rules", fieldsAreEntries: true),
        example: #"local large = R.has_financial{ type = "investment", currency = "KRW", min = 1e9 }"#,
        fields: [
            .init("type", "accord.FinancialType?", "What the money is.", example: #"type = "grant""#),
            .init("currency", "string?", "The ISO 4217 code.", example: #"currency = "USD""#, vocabulary: .currency),
            .init("min", "number?", "The least amount, in `currency` (which it needs).", example: "min = 1e6"),
        ])

    /// The tables of the rules DSL.
    public static let rulesClasses = [packDef, ruleDef, overlay, condition, partyMatch, productMatch, financialMatch]
}
