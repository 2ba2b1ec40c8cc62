import AccordCore

/// The `accord` module as scripts see it: its functions, records, collections,
/// periods and filters. The rules DSL is in `RulesAPI.swift`, the report
/// builder in `ReportsAPI.swift`, the vocabularies in `EnumsAPI.swift`.
public enum AccordAPI {
    public static let partnership = LuaClass(
        name: "partnership",
        variable: "p",
        doc: "An agreement, programme, MOU, investment or contract between organizations.",
        examples: .script(#"local p = accord.partnership("dksh-hanmi-sea-export-2013")"#),
        example: """
            for _, deal in ipairs(accord.partnerships{ form = "export_contract" }) do
              print(deal.date, deal.title)
            end
            """,
        fields: [
            .init("id", "string", "Stable identifier.", example: "print(p.id)  --> dksh-hanmi-sea-export-2013"),
            .init("title", "string", "Short title.",
                  example: "print(p.title)  --> DKSH exports Hanmi's modified drugs to Southeast Asia"),
            .init("summary", "string?", "What was agreed, in the data keeper's words.",
                  example: #"print(p.summary or "")"#),
            .init("form", "accord.Form", "The instrument: mou, license, export_contract, …", example: "print(p.form)  --> export_contract"),
            .init("status", "accord.Status", "Where it stands: in_talks, announced, signed, active, completed, terminated or unknown.",
                  example: "print(p.status)  --> signed"),
            .init("announced", "string?", "Announcement date, as precise as known: 2019, 2019-06 or 2019-06-30.",
                  example: #"print(p.announced or "not announced")  --> not announced"#),
            .init("signed", "string?", "Signing date.", example: "print(p.signed)  --> 2013"),
            .init("start", "string?", "Start date.", example: #"print(p.start or "no start date")  --> no start date"#),
            .init("finish", "string?", "End date (`end` in data files; `end` is a Lua keyword).",
                  example: #"print(p.finish or "open-ended")  --> open-ended"#),
            .init("date", "string?", "The date the partnership is filed under: signed, else announced, else start.",
                  example: "print(p.date, p.precision)  --> 2013 year"),
            .init("precision", "accord.Precision?", "Precision of `date`: year, month or day.", example: "print(p.precision)  --> year"),
            .init("duration_months", "integer?", "Agreed duration in months.", example: "print(p.duration_months)  --> 120"),
            .init("duration_days", "integer?", "A duration under a month, or one the source gives in days.",
                  example: #"print(p.duration_days or "not given in days")  --> not given in days"#),
            .init("status_as_of", "string?", "The date the status is known as of, normally the source's.",
                  example: #"print(p.status_as_of or "no date for the status")  --> no date for the status"#),
            .init("series", "boolean", "Whether it is a recurring programme, whose editions relate to it with `edition_of`.",
                  example: "print(p.series)  --> false"),
            .init("related", "accord.Relation[]", "Links to other partnerships: part_of, follows, amends, renews, implements, edition_of.",
                  example: "for _, r in ipairs(p.related) do print(r.kind, r.to) end"),
            .init("parent", "string?", "The id of the partnership it is part of, or an edition of (its first `part_of` or `edition_of`).",
                  example: #"print(p.parent or "stands alone")  --> stands alone"#),
            .init("parts", "string[]", "The ids of the partnerships that are part of it, or editions of it, in id order (read when asked for).",
                  example: "print(#p.parts)  --> 0"),
            .init("venue", "accord.Venue?", "Where an event took place.", example: #"print(p.venue and p.venue.city or "no venue")  --> no venue"#),
            .init("people", "accord.Person[]", "Named people: signatories, spokespeople, attendees, speakers.",
                  example: "for _, person in ipairs(p.people) do print(person.name, person.title, person.role) end"),
            .init("parties", "accord.Party[]", "The organizations taking part, each in a role.",
                  example: "for _, party in ipairs(p.parties) do print(party.name, party.role) end"),
            .init("territories", "string[]", "Country codes and named groups (ASEAN, EU, …).",
                  example: #"print(table.concat(p.territories, " "))  --> TH TW SG HK KH LA MM"#),
            .init("products", "accord.Product[]", "Products and assets concerned.",
                  example: "print(#p.products, p.products[1].name)  --> 3 Amosartan"),
            .init("financials", "accord.Financial[]", "Sums of money, with currency and original wording.",
                  example: "for _, f in ipairs(p.financials) do print(f.type, f.amount, f.currency) end"),
            .init("figures", "accord.Figures", "Programme counts: participants, organizations, …",
                  example: "print(p.figures.countries)  --> 7"),
            .init("figure_qualifiers", "table<string, accord.Qualifier>",
                  "How exact each figure is that is not exact: `about`, `at_least`, `more_than` or `up_to`, by figure.",
                  example: #"print(p.figure_qualifiers.countries or "exactly")  --> exactly"#),
            .init("tags", "string[]", "Free keywords.", example: #"print(table.concat(p.tags, ", "))  --> export, modified-drugs, distribution"#),
            .init("labels", "string[]",
                  "Purposes, primary first: set by hand in the data, else saved by `accord classify --save` (rules see only those set by hand).",
                  example: #"print(p.labels[1] or "unclassified")"#),
            .init("sources", "accord.Source[]", "Where the facts come from.", example: "print(p.sources[1].publisher)  --> KRPIA"),
        ],
        methods: [
            .init("mentions", ["...: string"], ["boolean", "string?"],
                  "True, and the word found, when the title, summary, tags or products mention any of the words (case-insensitive).",
                  example: #"print(p:mentions("licence", "distribution"))  --> true distribution"#),
            .init("involves", ["who: string|accord.PartyMatch"], ["boolean", "accord.Party?"],
                  "True, and the party, when a party matches: an organization's id, name or alias (any case) or its group's id, or a table of party fields.",
                  example: #"print(p:involves{ kind = "distributor", country = "KR" })  --> true DKSH Korea (distributor)"#),
            .init("party", ["who: string"], ["accord.Party?"],
                  "The first party whose organization's id, name or alias (any case), or group id, is `who`.",
                  example: #"print(p:party("Hanmi").role)  --> exporter"#),
            .init("covers", ["country: string"], ["boolean"], "Whether the territories include the country, directly or through a group.",
                  example: #"print(p:covers("TH"), p:covers("KR"))  --> true false"#),
        ])

    public static let organization = LuaClass(
        name: "organization",
        variable: "o",
        doc: "A company, agency, association, university, hospital or investor.",
        examples: .script(#"local o = accord.organization("hanmi")"#),
        example: """
            local o = accord.organization("KHIDI")
            print(o.name, o.kind, o.country)  --> Korea Health Industry Development Institute government_agency KR
            """,
        fields: [
            .init("id", "string", "Stable identifier.", example: "print(o.id)  --> hanmi"),
            .init("name", "string", "Usual name.", example: "print(o.name)  --> Hanmi Pharmaceutical"),
            .init("aliases", "string[]", "Other names and abbreviations.", example: #"print(table.concat(o.aliases, ", "))  --> Hanmi"#),
            .init("kind", "accord.Kind", "What it is: global_pharma, local_pharma, government_agency, …", example: "print(o.kind)  --> local_pharma"),
            .init("country", "string", "ISO 3166-1 alpha-2 code.", example: "print(o.country)  --> KR"),
            .init("parent", "string?", "Id of the group a subsidiary belongs to.",
                  example: #"print(accord.organization("roche-korea").parent)  --> roche"#),
            .init("sources", "accord.Source[]", "Where the facts come from.", example: "for _, s in ipairs(o.sources) do print(s.title) end"),
        ],
        methods: [
            .init("partnerships", ["filter: accord.Filter?"], ["accord.Collection"],
                  "The partnerships this organization (or a subsidiary, at any depth) takes part in, narrowed by a filter.",
                  example: #"print(#o:partnerships{ form = "export_contract" })  --> 1"#),
            .init("matches", ["name: string"], ["boolean"], "Whether the id is `name`, or the name or an alias is `name` in any case.",
                  example: #"print(o:matches("HANMI"), o:matches("Hanmi Pharmaceutical"), o:matches("Han"))  --> true true false"#),
        ])

    public static let party = LuaClass(
        name: "party",
        doc: "An organization taking part in a partnership, in a role; an unnamed party has a `description` instead of an organization.",
        examples: .script(#"local party = accord.partnership("dksh-hanmi-sea-export-2013").parties[2]"#),
        example: """
            for _, party in ipairs(accord.partnership("dksh-hanmi-sea-export-2013").parties) do
              print(party.name, party.role, party.country)
            end
            """,
        fields: [
            .init("role", "accord.Role", "The part it plays: licensor, licensee, investor, organizer, …", example: "print(party.role)  --> exporter"),
            .init("organization", "accord.Organization?", "The organization; nil for an unnamed party.",
                  example: "print(party.organization.aliases[1])  --> Hanmi"),
            .init("id", "string?", "The organization's id; nil for an unnamed party.", example: "print(party.id)  --> hanmi"),
            .init("name", "string?", "The organization's name; nil for an unnamed party.", example: "print(party.name)  --> Hanmi Pharmaceutical"),
            .init("kind", "accord.Kind", "The organization's kind, or the kind an unnamed party is described as.", example: "print(party.kind)  --> local_pharma"),
            .init("country", "string?", "The organization's country, or an unnamed party's when the source gives it.", example: "print(party.country)  --> KR"),
            .init("description", "string?", "What the source says of a party it does not name (\"leading local medical associations\").",
                  example: #"print(party.description or party.name)  --> Hanmi Pharmaceutical"#),
            .init("count", "integer?", "How many organizations an unnamed party stands for, when the source counts them.",
                  example: #"print(party.count or "not counted")  --> not counted"#),
            .init("count_qualifier", "accord.Qualifier?", "How exact `count` is.", example: #"print(party.count_qualifier or "exactly")  --> exactly"#),
        ])

    public static let product = LuaClass(
        name: "product",
        doc: "A product or asset a partnership is about.",
        examples: .script(#"local product = accord.partnership("dksh-hanmi-sea-export-2013").products[1]"#),
        example: """
            for _, product in ipairs(accord.partnership("dksh-hanmi-sea-export-2013").products) do
              print(product.name, product.indication)
            end
            """,
        fields: [
            .init("name", "string", "Product name.", example: "print(product.name)  --> Amosartan"),
            .init("kind", "accord.ProductKind", "What it is: drug, biosimilar, vaccine, device, …", example: "print(product.kind)  --> drug"),
            .init("indication", "string?", "What it treats.", example: "print(product.indication)  --> hypertension"),
            .init("therapeutic_area", "string?", "Oncology, cardiovascular, …", example: "print(product.therapeutic_area)  --> cardiovascular"),
        ])

    public static let financial = LuaClass(
        name: "financial",
        doc: "A sum of money named in a partnership.",
        examples: .script(#"local f = accord.partnership("khidi-roche-precision-medicine").financials[1]"#),
        example: """
            for _, f in ipairs(accord.partnership("khidi-roche-precision-medicine").financials) do
              print(f.type, string.format("%.0f", f.amount), f.currency)  --> investment 170000000000 KRW
            end
            """,
        fields: [
            .init("type", "accord.FinancialType", "What the money is: investment, grant, upfront, milestone, …",
                  example: "print(f.type)  --> investment"),
            .init("amount", "number?", "Amount in the currency's unit.", example: #"print(string.format("%.0f", f.amount))  --> 170000000000"#),
            .init("qualifier", "accord.Qualifier?", "How exact the amount is: exactly, about, at_least, more_than or up_to.",
                  example: "print(f.qualifier)  --> exactly"),
            .init("currency", "string?", "ISO 4217 code.", example: "print(f.currency)  --> KRW"),
            .init("per", "string?", "What one amount is for, when the source says so: winner, year, project, …",
                  example: #"print(f.per or "in all")  --> in all"#),
            .init("equivalents", "accord.Equivalent[]?", "The same amount in other currencies, as the source states them.",
                  example: #"for _, m in ipairs(f.equivalents or {}) do print(m.amount, m.currency) end"#),
            .init("wording", "string?", "How the source put it.", example: "print(f.wording)  --> 170 billion won ($153.7 million) over five years"),
        ])

    public static let figures = LuaClass(
        name: "figures",
        doc: "Counts a programme reports about itself; absent counts are nil.",
        examples: .script(#"local figures = accord.partnership("precision-medicine-network-forum-2024").figures"#),
        example: """
            local forum = accord.partnership("precision-medicine-network-forum-2024")
            print(forum.figures.participants, forum.figures.countries)  --> 600 31
            """,
        fields: FigureKey.allCases.map { key in
            LuaField(key.rawValue, "integer?", key.doc, example: #"print(figures.\#(key.rawValue) or "not reported")"#)
        })

    public static let equivalent = LuaClass(
        name: "equivalent",
        doc: "An amount in a currency: one of a financial term's equivalents.",
        examples: .script(#"local m = accord.partnership("khidi-roche-precision-medicine").financials[1].equivalents[1]"#),
        example: """
            for _, f in ipairs(accord.partnership("khidi-roche-precision-medicine").financials) do
              for _, m in ipairs(f.equivalents or {}) do print(f.amount, f.currency, "=", m.amount, m.currency) end
            end
            """,
        fields: [
            .init("amount", "number", "The amount, in the currency's unit.", example: #"print(string.format("%.0f", m.amount))"#),
            .init("qualifier", "accord.Qualifier", "How exact the amount is.", example: "print(m.qualifier)"),
            .init("currency", "string", "ISO 4217 code.", example: "print(m.currency)"),
        ])

    public static let relation = LuaClass(
        name: "relation",
        doc: "A link from a partnership to another (`to`), read \"this one is `kind` the other\".",
        examples: .script(#"local r = { to = "x", kind = "part_of" }"#),
        example: """
            for _, p in ipairs(accord.partnerships{}) do
              for _, r in ipairs(p.related) do print(p.id, r.kind, r.to) end
            end
            """,
        fields: [
            .init("to", "string", "The other partnership's id.", example: "print(r.to)"),
            .init("kind", "accord.RelationKind", "part_of, follows, amends, renews, implements or edition_of.", example: "print(r.kind)"),
        ])

    public static let venue = LuaClass(
        name: "venue",
        doc: "Where an event took place: a place, not a party.",
        examples: .script(#"local v = { city = "Seoul" }"#),
        example: """
            for _, p in ipairs(accord.partnerships{}) do
              if p.venue then print(p.id, p.venue.name, p.venue.city, p.venue.country) end
            end
            """,
        fields: [
            .init("name", "string?", "The venue's name.", example: "print(v.name)"),
            .init("city", "string?", "Its city.", example: "print(v.city)"),
            .init("country", "string?", "Its country (ISO 3166-1 alpha-2).", example: "print(v.country)"),
        ])

    public static let person = LuaClass(
        name: "person",
        doc: "A named person in a partnership; people are never organizations.",
        examples: .script(#"local person = { name = "N", role = "attendee" }"#),
        example: """
            for _, p in ipairs(accord.partnerships{}) do
              for _, person in ipairs(p.people) do print(person.name, person.title, person.role) end
            end
            """,
        fields: [
            .init("name", "string?", "Their name; nil when the source gives only their office (`title`).", example: "print(person.name)"),
            .init("title", "string?", "Their office, as the source gives it.", example: "print(person.title)"),
            .init("org", "string?", "The id of the organization they act for.", example: "print(person.org)"),
            .init("role", "accord.PersonRole", "signatory, spokesperson, attendee or speaker.", example: "print(person.role)"),
        ])

    public static let source = LuaClass(
        name: "source",
        doc: "A document facts were taken from.",
        examples: .script(#"local source = accord.partnership("dksh-hanmi-sea-export-2013").sources[1]"#),
        example: """
            for _, s in ipairs(accord.partnership("khidi-roche-precision-medicine").sources) do
              print(s.title, s.url or s.document)
            end
            """,
        fields: [
            .init("id", "string", "Stable identifier.", example: "print(source.id)  --> krpia-open-innovation"),
            .init("title", "string", "Title or description.", example: "print(source.title)"),
            .init("publisher", "string?", "Who published it.", example: "print(source.publisher)  --> KRPIA"),
            .init("published", "string?", "Publication date.", example: #"print(source.published or "undated")  --> undated"#),
            .init("url", "string?", "Where to read it.", example: #"print(source.url or "no link")  --> no link"#),
            .init("document", "string?", "File name of a local copy.", example: "print(source.document)  --> 001_1f37657759f43b91.txt"),
        ])

    public static let period = LuaClass(
        name: "period",
        variable: "q",
        doc: "A year, quarter, month or ISO week (or a fiscal year or quarter, or a span of days).",
        examples: .script(#"local q = accord.period("2019-Q4")"#),
        example: """
            local q = accord.period("2019-Q4")
            print(#accord.partnerships{ period = q }, #accord.partnerships{ period = q:previous() })
            """,
        fields: [
            .init("label", "string", "2019, 2019-Q4, 2019-06, 2019-W27, FY2020, FY2020-Q1 or 2020-01-01..2020-08-15.",
                  example: "print(q.label)  --> 2019-Q4"),
            .init("grain", "accord.Grain", "year, quarter, month, week or span.", example: "print(q.grain)  --> quarter"),
            .init("year", "integer", "The year (for weeks, the ISO week-numbering year).", example: "print(q.year)  --> 2019"),
            .init("index", "integer?", "Quarter, month or week number; nil for a year or a span.", example: "print(q.index)  --> 4"),
            .init("start", "string", "First day, YYYY-MM-DD.", example: "print(q.start)  --> 2019-10-01"),
            .init("finish", "string", "Last day, YYYY-MM-DD.", example: "print(q.finish)  --> 2019-12-31"),
        ],
        methods: [
            .init("previous", [], ["accord.Period"], "The period before.", example: "print(q:previous().label)  --> 2019-Q3"),
            .init("next", [], ["accord.Period"], "The period after.", example: "print(q:next().label)  --> 2020-Q1"),
            .init("year_before", [], ["accord.Period"], "The same period a year earlier.", example: "print(q:year_before().label)  --> 2018-Q4"),
            .init("contains", ["x: string|accord.Partnership"], ["boolean"],
                  "Whether a date (or a partnership's date) lies wholly in the period; a date coarser than the period (2019 against 2019-Q4) does not.",
                  example: #"print(q:contains("2019-11-05"), q:contains("2019"))  --> true false"#),
            .init("membership", ["x: string|accord.Partnership"], ["accord.Membership"],
                  "How a date (or a partnership's date) relates to the period; `coarser` when it is too coarse to tell.",
                  example: #"print(q:membership("2019-11"), q:membership("2019"), q:membership("2020-01"))  --> inside coarser outside"#),
        ])

    public static let collection = LuaClass(
        name: "collection",
        variable: "c",
        doc: "A list of records (`#c`, `c[1]`, `ipairs(c)`) with helpers; the helpers that select or sort return new collections.",
        examples: .script(#"local c = accord.partnerships{ period = "2019" }"#),
        example: """
            local deals = accord.partnerships{ country = "KR" }
            print(#deals, deals[1].id)
            for _, row in ipairs(deals:count_by("form")) do print(row.key, row.count) end
            """,
        fields: [],
        methods: [
            .init("filter", ["keep: fun(item: any): boolean"], ["accord.Collection"], "The items for which `keep` is true.",
                  example: #"print(#c:filter(function(p) return p.form == "mou" end))"#),
            .init("map", ["f: fun(item: any): any"], ["accord.Collection"], "The results of `f` for each item (nil results are dropped).",
                  example: "local titles = c:map(function(p) return p.title end)"),
            .init("each", ["f: fun(item: any)"], [], "Calls `f` for each item.", example: "c:each(function(p) print(p.id) end)"),
            .init("count", ["keep: (fun(item: any): boolean)?"], ["integer"], "How many items (for which `keep` is true).",
                  example: #"print(c:count(), c:count(function(p) return p:covers("SG") end))  --> 8 2"#),
            .init("sum", ["key: string|(fun(item: any): number?)"], ["number"], "The sum of a field or function over the items; nil counts as 0.",
                  example: "print(c:sum(function(p) return #p.parties end))"),
            .init("group_by", ["key: string|fun(item: any): any"], ["table<any, accord.Collection>", "accord.Collection?", "boolean?"],
                  "Items grouped by a field or function; a key function returning a list puts the item in each group. "
                    + "From `accord.ids`, a dimension (`accord.Dimension`) groups in the database, into groups of ids, "
                    + "and also gives those without a key and whether a partnership can have several keys.",
                  example: """
                    local by_form = c:group_by("form")
                    print(#by_form.program)  --> 4
                    local by_area, none = accord.ids():group_by("area")
                    print(#by_area.oncology, #none)  --> 9 66
                    """),
            .init("count_by", ["key: string|fun(item: any): any"], ["{key: any, count: integer}[]"],
                  "Counts per key, largest first, then by key; a key function returning a list counts the item under each key. "
                    + "From `accord.ids`, a dimension counts in the database.",
                  example: #"for _, row in ipairs(c:count_by("form")) do print(row.key, row.count) end"#),
            .init("distinct", ["key: string|fun(item: any): any"], ["integer"],
                  "How many different keys the items have between them (a list counts each of its keys); from `accord.ids`, "
                    + "a dimension counts in the database.",
                  example: #"print(accord.ids{ period = "2019" }:distinct("organization"), c:distinct("form"))  --> 13 5"#),
            .init("keys", ["key: string|fun(item: any): any"], ["any[]"],
                  "The different keys the items have between them (a list gives each of its keys), sorted; from `accord.ids`, "
                    + "a dimension's keys come from the database.",
                  example: #"print(table.concat(accord.ids{ period = "2019" }:keys("form"), " "))  --> clinical_trial_agreement loi mou other program"#),
            .init("where", ["filter: accord.Filter"], ["accord.Collection"],
                  "The partnerships that also match a filter, as ids selected in the database (`accord.ids`).",
                  example: #"print(#accord.ids{ period = "2019" }:where{ form = "program" })  --> 4"#),
            .init("read", ["columns: accord.PartnershipColumn[]"], ["accord.Collection"],
                  "The partnerships with only these columns, as plain tables with their `id`, read in one pass: "
                    + "a list that shows a title and a date need not build whole records.",
                  example: """
                    local rows = accord.ids{ period = "2019-Q2" }:read{ "title", "date", "parties" }
                    print(rows[1].date, rows[1].parties[1].name)  --> 2019-05 Novartis Korea
                    """),
            .init("partnerships", [], ["accord.Collection"], "The partnerships themselves, read whole.",
                  example: #"print(accord.ids{ form = "export_contract" }:partnerships()[1].title)  --> DKSH exports Hanmi's modified drugs to Southeast Asia"#),
            .init("sort_by", ["key: string|fun(item: any): any", "descending: boolean?"], ["accord.Collection"],
                  "Sorted by a field or function (stable; nil keys last).",
                  example: #"print(c:sort_by("date", true)[1].date)  --> 2019-06"#),
            .init("top", ["n: integer", "key: (string|fun(item: any): any)?"], ["accord.Collection"],
                  "The first `n` items, by `key` descending when given.",
                  example: "print(c:top(1, function(p) return #p.parties end)[1].id)  --> k-pharma-academy-2019-asean"),
            .init("first", [], ["any"], "The first item, or nil.", example: #"print(c:first() ~= nil)  --> true"#),
            .init("ids", [], ["string[]"], "The items' ids.", example: #"print(table.concat(c:top(2):ids(), " "))"#),
        ],
        elements: "any")

    /// The record types, with the metatables the prelude makes for them.
    public static let classes = [partnership, organization, party, product, financial, equivalent, figures, relation, venue, person,
                                 source, period, collection]

    public static let partnershipFilter = LuaClass(
        name: "filter",
        doc: "What `accord.partnerships{…}` and `o:partnerships{…}` select, run in SQL; every key given must hold.",
        examples: .script(),
        example: #"local deals = accord.partnerships{ period = "2019", country = "KR", form = "mou" }"#,
        fields: [
            .init("period", "(string|accord.Period)?", "Partnerships filed in the period (a label or a period); undated ones never match.",
                  example: #"accord.partnerships{ period = "2019-Q4" }"#),
            .init("dated", "accord.Dated?",
                  "With `period`: `inside` (the default), or `coarser` for those dated too coarsely to place in it (2019 for 2019-Q4).",
                  example: #"accord.partnerships{ period = "2019-Q4", dated = "coarser" }"#),
            .init("undated", "boolean?", "`true`: only partnerships with no date; `false`: only dated ones.",
                  example: #"accord.partnerships{ undated = true }"#),
            .init("party", "string?", "An organization's id, name or alias (any case); a group's id also matches its subsidiaries, at any depth.",
                  example: #"accord.partnerships{ party = "roche" }"#),
            .init("country", "string?", "Some party's organization is in this country (ISO 3166-1 alpha-2).",
                  example: #"accord.partnerships{ country = "LV" }"#, vocabulary: .country),
            .init("kind", "accord.Kind?", "Some party's organization is of this kind.", example: #"accord.partnerships{ kind = "government_agency" }"#),
            .init("form", "accord.Form?", "The instrument.", example: #"accord.partnerships{ form = "license" }"#),
            .init("status", "accord.Status?", "Where it stands.", example: #"accord.partnerships{ status = "active" }"#),
            .init("territory", "string?", "A territory listed as is, or a group that covers it (TH matches ASEAN and GLOBAL).",
                  example: #"accord.partnerships{ territory = "TH" }"#, vocabulary: .territory),
            .init("tag", "string?", "A tag, in any case.", example: #"accord.partnerships{ tag = "open-innovation" }"#),
            .init("part_of", "string?", "Only the parts of this partnership, or the editions of this series (`part_of` and `edition_of` links to it).",
                  example: #"accord.partnerships{ part_of = "khidi-roche-precision-medicine" }"#),
            .init("series", "boolean?", "`true`: only series (recurring programmes); `false`: none of them, so that a period counts their editions instead.",
                  example: #"accord.ids{ period = "2019", series = false }"#),
            .init("top_level", "boolean?", "`true`: only partnerships that are not part of another, so that a framework counts once with its parts; `false`: only the parts.",
                  example: #"accord.ids{ top_level = true }"#),
            .init("label", "string?", "A purpose: among the labels set by hand when there are some, else those the last `classify --save` stored.",
                  example: #"accord.partnerships{ label = "export" }"#, vocabulary: .label),
            .init("ids", "string[]?", "Only these partnerships.",
                  example: #"accord.partnerships{ ids = { "dksh-hanmi-sea-export-2013", "janssen-yuhan-lazertinib" } }"#),
            .init("limit", "integer?", "At most this many, the earliest first.", example: "accord.partnerships{ limit = 10 }"),
            .init("abroad", "boolean?",
                  "`true`: only partnerships with a party from outside the home country (`accord.home_country()`); `false`: only those without.",
                  example: #"accord.partnerships{ abroad = true }"#),
            .init("by", "accord.Dimension?", "`accord.count` only: count by this dimension, into a table of counts by key.",
                  example: #"accord.count{ period = "2019", by = "form" }"#),
            .init("distinct", "accord.Dimension?", "`accord.count` only: count the different keys of this dimension.",
                  example: #"accord.count{ period = "2019", distinct = "organization" }"#),
            .init("type", "(accord.FinancialType|accord.FinancialType[])?", "`accord.sum` only: the types of financial terms to add up.",
                  example: #"accord.sum{ period = "2019", type = "grant" }"#),
        ])

    public static let organizationFilter = LuaClass(
        name: "organization_filter",
        doc: "What `accord.organizations{…}` selects, run in SQL; every key given must hold.",
        examples: .script(),
        example: #"local agencies = accord.organizations{ kind = "government_agency", country = "KR" }"#,
        fields: [
            .init("kind", "accord.Kind?", "Of this kind.", example: #"accord.organizations{ kind = "biotech" }"#),
            .init("country", "string?", "In this country (ISO 3166-1 alpha-2).", example: #"accord.organizations{ country = "LV" }"#,
                  vocabulary: .country),
            .init("name", "string?", "The name or an alias, in any case.", example: #"accord.organizations{ name = "khidi" }"#),
            .init("ids", "string[]?", "Only these organizations.", example: #"accord.organizations{ ids = { "hanmi", "khidi" } }"#),
        ])

    /// Keys a partnership filter accepts; `accord.count` and `accord.sum` also read their own.
    public static var partnershipFilterKeys: [String] { partnershipFilter.fieldNames.filter { !aggregateKeys.contains($0) } }
    /// The filter's keys only `accord.count` (`by`, `distinct`) and `accord.sum` (`type`) read.
    static let aggregateKeys = ["by", "distinct", "type"]
    public static var organizationFilterKeys: [String] { organizationFilter.fieldNames }

    /// The functions of the `accord` module (`accord.rules` is declared in `RulesAPI.swift`).
    public static let module = LuaModule(
        name: "accord",
        doc: "The module every script, rule pack and report gets as the global `accord`.",
        examples: .script(),
        functions: [
            .init("partnerships", ["filter: accord.Filter?"], ["accord.Collection"],
                  "Partnerships matching a filter, filed by date (undated last).",
                  example: """
                    local deals = accord.partnerships{ form = "export_contract", country = "KR" }
                    print(#deals, deals[1].title)  --> 2 DKSH exports Hanmi's modified drugs to Southeast Asia
                    """),
            .init("count", ["filter: accord.Filter?"], ["integer|table<string, integer>"],
                  "How many partnerships match a filter, counted in the database without loading them; with `by = dimension` "
                    + "(`accord.Dimension`), a table of how many have each key; with `distinct = dimension`, how many different "
                    + "keys they have between them.",
                  example: """
                    print(accord.count{ form = "export_contract" }, accord.count{ undated = true } > 0)  --> 2 true
                    print(accord.count{ period = "2019", by = "form" }.mou, accord.count{ period = "2019", distinct = "country" })  --> 1 4
                    """),
            .init("ids", ["filter: accord.Filter?"], ["accord.Collection"],
                  "The partnerships matching a filter as a collection of their ids, in the order `accord.partnerships` gives: "
                    + "`#` counts in the database and the ids are read when first listed; grouped by a dimension, counted, "
                    + "narrowed (`where`) or read by column (`read`), they stay in the database. A report's numbers given as "
                    + "such a collection are traced to its partnerships.",
                  example: """
                    local deals = accord.ids{ period = "2019" }
                    print(#deals, deals[1], deals:distinct("partner_country"))  --> 8 abbott-korea-acommerce-2019 4
                    """),
            .init("sum", ["filter: accord.Filter?"], ["{type: string, currency: string, amount: number, terms: integer, partnerships: accord.Collection}[]"],
                  "The amounts of the matching partnerships' financial terms added up in the database by type and currency, "
                    + "by type then currency, each with how many terms and which partnerships (their ids); `type = \"grant\"` or a "
                    + "list of types keeps only those. Terms without an amount or a currency are left out.",
                  example: """
                    for _, s in ipairs(accord.sum{ period = "2019", type = { "investment", "grant" } }) do
                      print(s.type, s.currency, string.format("%.0f", s.amount), s.terms, #s.partnerships)
                    end
                    """),
            .init("organizations", ["filter: accord.OrganizationFilter?"], ["accord.Collection"],
                  "Organizations matching a filter, by id.",
                  example: """
                    for _, o in ipairs(accord.organizations{ kind = "government_agency", country = "LV" }) do print(o.name) end
                    """),
            .init("partnership", ["id: string"], ["accord.Partnership?"], "One partnership by id, or nil.",
                  example: """
                    local p = accord.partnership("dksh-hanmi-sea-export-2013")
                    print(p.form, p.date)  --> export_contract 2013
                    """),
            .init("organization", ["key: string"], ["accord.Organization?"], "One organization by id, name or alias (any case), or nil.",
                  example: #"print(accord.organization("KHIDI").id, accord.organization("nobody"))  --> khidi nil"#),
            .init("period", ["label: string"], ["accord.Period"],
                  "A period: 2019, 2019-Q4, 2019-06, 2019-W27, FY2020, FY2020-Q1, a span, or this-/last- year, quarter, month, week and ytd (against the as-of day).",
                  example: """
                    local q = accord.period("2019-Q4")
                    print(q.start, q.finish, accord.period("2019-W27").start)  --> 2019-10-01 2019-12-31 2019-07-01
                    """),
            .init("home_country", [], ["string?"],
                  "The country the workspace reports from: `home_country` in accord.yaml, or the country of its time zone; "
                    + "nil when neither says.",
                  example: #"print(accord.home_country() or "none")"#),
            .init("convert", ["amount: number", "currency: string"], ["number?"],
                  "The amount in the workspace's reporting currency, at the rate of its `fx` file, or nil when the file "
                    + "gives no rate for the currency (or there is no file). A report that converts cites the rates it used.",
                  example: #"print(accord.convert(100, "KRW"))  --> nil"#),
            .init("quantity", ["value: number", "qualifier: accord.Qualifier?"], ["string"],
                  "A figure or count as reports show it, with its qualifier's mark: `100`, `~62` (about), `100+` (more than), "
                    + "`≥ 100` (at least), `≤ 2` (up to).",
                  example: #"print(accord.quantity(62, "about"), accord.quantity(2, "up_to"))  --> ~62 ≤ 2"#),
            .init("fx", [], ["{ currency: string, date: string, source: string }?"],
                  "The reporting currency, the day of the rates and their source, or nil when the workspace has no `fx` file.",
                  example: #"print(accord.fx())  --> nil"#),
            .init("sorted_pairs", ["t: table"], ["fun(): any, any"], "Like pairs, in key order (for stable output of group_by).",
                  example: """
                    for key, value in accord.sorted_pairs({ b = 2, a = 1 }) do print(key, value) end
                    --> a 1
                    --> b 2
                    """),
            .init("report", ["definition: accord.ReportDef"], ["accord.ReportDef"],
                  "Declares a report; a report script returns it.",
                  example: """
                    return accord.report {
                      title = "Export deals", grain = "quarter",
                      build = function(r, period)
                        r:partnerships{ title = "Export deals", items = accord.partnerships{ period = period, form = "export_contract" } }
                      end,
                    }
                    """),
        ])

    /// Functions of the `accord` module.
    public static var functions: [LuaFunction] { module.functions }

    /// Names in data files that are spelt differently in Lua.
    static let renamed = ["end": "finish", "duration": "duration_months", "therapeuticArea": "therapeutic_area"]
}

extension FigureKey {
    /// What the count is, for the reference.
    var doc: String {
        switch self {
        case .participants: "People taking part."
        case .organizations: "Organizations taking part."
        case .countries: "Countries taking part."
        case .editions: "Editions held."
        case .winners: "Winners selected."
        case .projects: "Projects supported."
        case .trials: "Clinical trials run."
        case .officials: "Officials taking part."
        case .researchers: "Researchers supported."
        }
    }
}
