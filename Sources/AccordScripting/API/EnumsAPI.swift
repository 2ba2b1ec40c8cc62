import AccordCore
import AccordReports

/// The closed vocabularies scripts read and give, each taken from the model's
/// enumeration so that the reference and the meta files list exactly what the
/// data and the bindings accept.
extension AccordAPI {
    public static let form = LuaEnum(
        "accord.Form", PartnershipForm.self, doc: "The instrument a partnership takes (a form, not a purpose).",
        example: #"print(#accord.partnerships{ form = "co_development" })"#)
    public static let status = LuaEnum(
        "accord.Status", PartnershipStatus.self, doc: "Where a partnership stands.",
        example: #"print(#accord.partnerships{ status = "in_talks" })"#)
    public static let kind = LuaEnum(
        "accord.Kind", OrganizationKind.self, doc: "What an organization is.",
        example: #"print(#accord.organizations{ kind = "university" })"#)
    public static let role = LuaEnum(
        "accord.Role", PartyRole.self, doc: "The part an organization plays in a partnership.",
        example: #"print(accord.partnerships():count(function(p) return p:involves{ role = "licensor" } end))"#)
    public static let precision = LuaEnum(
        "accord.Precision", doc: "How precisely a date is known.", values: PartialDate.Precision.allCases.map(\.name),
        example: #"print(accord.partnerships():count(function(p) return p.precision == "day" end))"#)
    public static let productKind = LuaEnum(
        "accord.ProductKind", ProductKind.self, doc: "What a product or asset is.",
        example: #"local vaccines = accord.rules.has_product("vaccine")"#)
    public static let financialType = LuaEnum(
        "accord.FinancialType", FinancialTermType.self, doc: "What a sum of money stands for.",
        example: #"local large = accord.rules.has_financial{ type = "investment", currency = "KRW", min = 1e9 }"#)
    public static let figureKey = LuaEnum(
        "accord.FigureKey", FigureKey.self, doc: "The counts a programme may report (the fields of `accord.Figures`).",
        example: #"local big = accord.rules.has_figure("participants", 100)"#)
    public static let grain = LuaEnum(
        "accord.Grain", Period.Grain.self, doc: "The length of a period; a span is a run of days such as ytd.",
        example: #"print(accord.period("2019-06").grain, accord.period("2020-01-01..2020-03-15").grain)  --> month span"#)
    public static let membership = LuaEnum(
        "accord.Membership", doc: "How a date relates to a period; `undated` when there is no date.",
        values: Period.Membership.allCases.map(\.rawValue) + ["undated"],
        example: #"print(accord.period("2019-Q4"):membership("2019"))  --> coarser"#)
    public static let dated = LuaEnum(
        "accord.Dated", doc: "Which partnerships a period filter selects: those placed inside it, or those dated too coarsely to place.",
        values: Period.Membership.allCases.filter { $0 != .outside }.map(\.rawValue),
        example: #"print(#accord.partnerships{ period = "2019-Q4", dated = "coarser" })"#, noun: "a `dated` value")
    public static let hitPolicy = LuaEnum(
        "accord.HitPolicy", HitPolicy.self, doc: "How a pack's rules combine when several fire on one partnership.",
        example: #"local pack = accord.rules.pack{ name = "example", version = "1.0.0", hit_policy = "first", rules = {} }"#)
    public static let ruleStatus = LuaEnum(
        "accord.RuleStatus", RuleStatus.self, doc: "How far a rule can be trusted; deprecated rules do not run, and the labels of drafts are shown but not saved unless asked.",
        example: #"local rule = accord.rules.rule{ id = "export", label = "export", status = "stable", when = accord.rules.form_is("export_contract") }"#)
    public static let reportFormats = LuaEnum(
        "accord.ReportFormat", ReportFormat.self, doc: "A format a report is rendered to.",
        example: #"local def = accord.report{ title = "Deals", grain = "year", formats = { "html", "csv" }, build = function(r) end }"#)
    public static let reportGrains = LuaEnum(
        "accord.ReportGrain", doc: "The periods a report covers.", values: [Period.Grain.month, .quarter, .year].map(\.rawValue),
        example: #"local def = accord.report{ title = "Monthly deals", grain = "month", build = function(r) end }"#)

    public static let dimension = LuaEnum(
        "accord.Dimension", PartnershipDimension.self,
        doc: "What `accord.count{ by = }` and the collections of `accord.ids` group and count by in the database: `label` "
            + "(none when a partnership has none), `purpose` (its labels, or `unclassified`), `form`, `status`, `organization` "
            + "(the parties' ids), `country` (the parties' countries), `partner_country` (those other than the home country) "
            + "and `area` (the products' therapeutic areas).",
        example: #"print(accord.count{ period = "2019", by = "purpose" }.unclassified)"#)
    public static let qualifier = LuaEnum(
        "accord.Qualifier", Qualifier.self, doc: "How exact a figure, count or amount is, as the source gives it.",
        example: #"print(accord.quantity(100, "more_than"))  --> 100+"#)
    public static let relationKind = LuaEnum(
        "accord.RelationKind", RelationKind.self, doc: "How one partnership relates to another.",
        example: #"print(#accord.partnerships{ part_of = "khidi-roche-precision-medicine" })"#)
    public static let personRole = LuaEnum(
        "accord.PersonRole", PersonRole.self, doc: "The part a named person plays in a partnership.",
        example: #"print(accord.partnerships():count(function(p) return #p.people > 0 end))"#)
    public static let partnershipColumn = LuaEnum(
        "accord.PartnershipColumn", PartnershipColumn.self,
        doc: "What `c:read{…}` reads of each partnership besides its id: `title`, `summary`, `form`, `status`, `date`, "
            + "`parties` (each `id`, `name`, `kind`, `country` and `role`), `products`, `financials` and `labels`.",
        example: #"print(#accord.ids{ period = "2019" }:read{ "title", "labels" })"#)

    public static let enums = [form, status, kind, role, precision, productKind, financialType, figureKey, qualifier, relationKind,
                               personRole, grain, membership, dated, hitPolicy, ruleStatus, reportFormats, reportGrains, dimension,
                               partnershipColumn]
}

extension AccordAPI {
    /// The vocabularies the rules DSL checks its arguments against, by the name `Rules/dsl.lua`
    /// reads them under (`forms`, `kinds`, …); territory groups are `Territory.groups`.
    public static let vocabularies: [(String, [String])] = [
        ("forms", PartnershipForm.allCases.map(\.rawValue)),
        ("statuses", PartnershipStatus.allCases.map(\.rawValue)),
        ("kinds", OrganizationKind.allCases.map(\.rawValue)),
        ("roles", PartyRole.allCases.map(\.rawValue)),
        ("product_kinds", ProductKind.allCases.map(\.rawValue)),
        ("financial_types", FinancialTermType.allCases.map(\.rawValue)),
        ("figure_keys", FigureKey.allCases.map(\.rawValue)),
        ("person_roles", PersonRole.allCases.map(\.rawValue)),
        ("relation_kinds", RelationKind.allCases.map(\.rawValue)),
    ]

    /// The names each record type answers to (fields, then methods), by type: what
    /// `records.lua` receives as `fields_of`.
    public static var recordFields: [(String, [String])] {
        classes.map { ($0.name, $0.fieldNames + $0.methods.map(\.name)) }
    }
}
