/// A declaration of what the `accord` module exposes to scripts: each type's
/// fields and methods with their Lua types and a one-line doc. The bindings
/// check themselves against it, and the reference is generated from it.
public struct LuaClass: Sendable {
    /// The record kind, as used in messages: `partnership`.
    public let name: String
    public let doc: String
    public let fields: [LuaField]
    public let methods: [LuaFunction]

    public var fieldNames: [String] { fields.map(\.name) }
    public var typeName: String { "accord." + name.prefix(1).uppercased() + name.dropFirst() }
}

public struct LuaField: Sendable {
    public let name: String
    /// A LuaLS type: `string`, `string?`, `integer`, `accord.Party[]`.
    public let type: String
    public let doc: String

    init(_ name: String, _ type: String, _ doc: String) {
        self.name = name
        self.type = type
        self.doc = doc
    }
}

public struct LuaFunction: Sendable {
    public let name: String
    /// `name: type` pairs, as LuaLS writes them.
    public let parameters: [String]
    public let returns: String
    public let doc: String

    init(_ name: String, _ parameters: [String], _ returns: String, _ doc: String) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.doc = doc
    }
}

public enum AccordAPI {
    public static let partnership = LuaClass(
        name: "partnership",
        doc: "An agreement, programme, MOU, investment or contract between organizations.",
        fields: [
            .init("id", "string", "Stable identifier."),
            .init("title", "string", "Short title."),
            .init("summary", "string?", "What was agreed, in the data keeper's words."),
            .init("form", "accord.Form", "The instrument: mou, license, export_contract, …"),
            .init("status", "accord.Status", "in_talks, announced, signed, active, completed, terminated or unknown."),
            .init("announced", "string?", "Announcement date, as precise as known: 2019, 2019-06 or 2019-06-30."),
            .init("signed", "string?", "Signing date."),
            .init("start", "string?", "Start date."),
            .init("finish", "string?", "End date (`end` in data files; `end` is a Lua keyword)."),
            .init("date", "string?", "The date the partnership is filed under: signed, else announced, else start."),
            .init("precision", "accord.Precision?", "Precision of `date`: year, month or day."),
            .init("duration_months", "integer?", "Agreed duration in months."),
            .init("parties", "accord.Party[]", "The organizations taking part, each in a role."),
            .init("territories", "string[]", "Country codes and named groups (ASEAN, EU, …)."),
            .init("products", "accord.Product[]", "Products and assets concerned."),
            .init("financials", "accord.Financial[]", "Sums of money, with currency and original wording."),
            .init("figures", "accord.Figures", "Programme counts: participants, organizations, …"),
            .init("tags", "string[]", "Free keywords."),
            .init("labels", "string[]", "Purposes, primary first: set by hand in the data, else saved by `accord classify --save` (rules see only those set by hand)."),
            .init("sources", "accord.Source[]", "Where the facts come from."),
        ],
        methods: [
            .init("mentions", ["...: string"], "boolean, string?",
                  "True, and the word found, when the title, summary, tags or products mention any of the words (case-insensitive)."),
            .init("involves", ["who: string|table"], "boolean, accord.Party?",
                  "True, and the party, when a party matches: an organization's id, name or alias (any case) or its group's id, or a table of party fields ({kind = \"government_agency\", country = \"KR\"})."),
            .init("party", ["who: string"], "accord.Party?", "The first party whose organization's id, name or alias (any case), or group id, is `who`."),
            .init("covers", ["country: string"], "boolean", "Whether the territories include the country, directly or through a group."),
        ])

    public static let organization = LuaClass(
        name: "organization",
        doc: "A company, agency, association, university, hospital or investor.",
        fields: [
            .init("id", "string", "Stable identifier."),
            .init("name", "string", "Usual name."),
            .init("aliases", "string[]", "Other names and abbreviations."),
            .init("kind", "accord.Kind", "global_pharma, local_pharma, government_agency, …"),
            .init("country", "string", "ISO 3166-1 alpha-2 code."),
            .init("parent", "string?", "Id of the group a subsidiary belongs to."),
            .init("sources", "accord.Source[]", "Where the facts come from."),
        ],
        methods: [
            .init("partnerships", ["filter: accord.Filter?"], "accord.Collection",
                  "The partnerships this organization (or a subsidiary) takes part in."),
            .init("matches", ["name: string"], "boolean", "Whether the id is `name`, or the name or an alias is `name` in any case."),
        ])

    public static let party = LuaClass(
        name: "party",
        doc: "An organization taking part in a partnership, in a role.",
        fields: [
            .init("role", "accord.Role", "licensor, licensee, investor, organizer, …"),
            .init("organization", "accord.Organization", "The organization."),
            .init("id", "string", "The organization's id."),
            .init("name", "string", "The organization's name."),
            .init("kind", "accord.Kind", "The organization's kind."),
            .init("country", "string", "The organization's country."),
        ],
        methods: [])

    public static let product = LuaClass(
        name: "product",
        doc: "A product or asset a partnership is about.",
        fields: [
            .init("name", "string", "Product name."),
            .init("kind", "string", "drug, biosimilar, vaccine, device, digital, technology, candidate, service or other."),
            .init("indication", "string?", "What it treats."),
            .init("therapeutic_area", "string?", "Oncology, cardiovascular, …"),
        ],
        methods: [])

    public static let financial = LuaClass(
        name: "financial",
        doc: "A sum of money named in a partnership.",
        fields: [
            .init("type", "string", "investment, research_funding, grant, prize, upfront, milestone, royalty, deal_value, fund or other."),
            .init("amount", "number?", "Amount in the currency's unit."),
            .init("currency", "string?", "ISO 4217 code."),
            .init("wording", "string?", "How the source put it."),
        ],
        methods: [])

    public static let figures = LuaClass(
        name: "figures",
        doc: "Counts a programme reports about itself; absent counts are nil.",
        fields: [
            .init("participants", "integer?", "People taking part."),
            .init("organizations", "integer?", "Organizations taking part."),
            .init("countries", "integer?", "Countries taking part."),
            .init("editions", "integer?", "Editions held."),
            .init("winners", "integer?", "Winners selected."),
            .init("projects", "integer?", "Projects supported."),
            .init("trials", "integer?", "Clinical trials run."),
            .init("officials", "integer?", "Officials taking part."),
            .init("researchers", "integer?", "Researchers supported."),
        ],
        methods: [])

    public static let source = LuaClass(
        name: "source",
        doc: "A document facts were taken from.",
        fields: [
            .init("id", "string", "Stable identifier."),
            .init("title", "string", "Title or description."),
            .init("publisher", "string?", "Who published it."),
            .init("published", "string?", "Publication date."),
            .init("url", "string?", "Where to read it."),
            .init("document", "string?", "File name of a local copy."),
        ],
        methods: [])

    public static let period = LuaClass(
        name: "period",
        doc: "A year, quarter, month or ISO week.",
        fields: [
            .init("label", "string", "2019, 2019-Q4, 2019-06 or 2019-W27."),
            .init("grain", "string", "year, quarter, month or week."),
            .init("year", "integer", "The year (for weeks, the ISO week-numbering year)."),
            .init("index", "integer?", "Quarter, month or week number; nil for a year."),
            .init("start", "string", "First day, YYYY-MM-DD."),
            .init("finish", "string", "Last day, YYYY-MM-DD."),
        ],
        methods: [
            .init("previous", [], "accord.Period", "The period before."),
            .init("next", [], "accord.Period", "The period after."),
            .init("year_before", [], "accord.Period", "The same period a year earlier."),
            .init("contains", ["x: string|accord.Partnership"], "boolean",
                  "Whether a date (or a partnership's date) lies wholly in the period. A date coarser than the period (2019 against 2019-Q4) is not contained."),
            .init("membership", ["x: string|accord.Partnership"], "\"inside\"|\"outside\"|\"coarser\"|\"undated\"",
                  "How a date relates to the period; `coarser` when it is too coarse to tell."),
        ])

    public static let collection = LuaClass(
        name: "collection",
        doc: "A list of records (`#c`, `c[1]`, `ipairs(c)`) with helpers. Helpers return new collections.",
        fields: [],
        methods: [
            .init("filter", ["keep: fun(item): boolean"], "accord.Collection", "The items for which `keep` is true."),
            .init("map", ["f: fun(item): any"], "accord.Collection", "The results of `f` for each item (nil results are dropped)."),
            .init("each", ["f: fun(item)"], "nil", "Calls `f` for each item."),
            .init("count", ["keep: (fun(item): boolean)?"], "integer", "How many items (for which `keep` is true)."),
            .init("sum", ["key: string|fun(item): number?"], "number", "The sum of a field or function over the items; nil counts as 0."),
            .init("group_by", ["key: string|fun(item): any"], "table<any, accord.Collection>",
                  "Items grouped by a field or function; a key function returning a list puts the item in each group."),
            .init("count_by", ["key: string|fun(item): any"], "{key: any, count: integer}[]",
                  "Counts per key, largest first, then by key."),
            .init("sort_by", ["key: string|fun(item): any", "descending: boolean?"], "accord.Collection",
                  "Sorted by a field or function (stable; nil keys last)."),
            .init("top", ["n: integer", "key: (string|fun(item): any)?"], "accord.Collection",
                  "The first `n` items, by `key` descending when given."),
            .init("first", [], "any", "The first item, or nil."),
            .init("ids", [], "string[]", "The items' ids."),
        ])

    public static let classes = [partnership, organization, party, product, financial, figures, source, period, collection]

    /// Functions of the `accord` module.
    public static let functions: [LuaFunction] = [
        .init("partnerships", ["filter: accord.Filter?"], "accord.Collection",
              "Partnerships matching a filter, filed by date: period, party, country, kind, form, status, territory, tag, label, ids, limit, dated."),
        .init("organizations", ["filter: {kind: string?, country: string?, name: string?, ids: string[]?}?"], "accord.Collection",
              "Organizations matching a filter, by id."),
        .init("partnership", ["id: string"], "accord.Partnership?", "One partnership by id."),
        .init("organization", ["id: string"], "accord.Organization?", "One organization by id, name or alias."),
        .init("period", ["label: string"], "accord.Period",
              "A period: 2019, 2019-Q4, 2019-06, 2019-W27, or this-/last- year, quarter, month, week (against the as-of date)."),
        .init("sorted_pairs", ["t: table"], "fun(): any, any", "Like pairs, in key order (for stable output of group_by)."),
        .init("report", ["def: accord.ReportDef"], "accord.ReportDef",
              "Declares a report: id, title, grain, start, formats, skip_if_empty, params, build = function(r, period, params). Return it from the script."),
    ]

    /// Keys a partnership filter accepts.
    public static let partnershipFilterKeys = ["period", "dated", "party", "country", "kind", "form", "status",
                                               "territory", "tag", "label", "ids", "limit"]
    public static let organizationFilterKeys = ["kind", "country", "name", "ids"]

    /// Names in data files that are spelt differently in Lua.
    static let renamed = ["end": "finish", "duration": "duration_months", "therapeuticArea": "therapeutic_area"]
}
