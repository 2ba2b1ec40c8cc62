extension AccordAPI {
    /// A value given as a collection of partnerships counts them and keeps
    /// their ids, so that each number in a report can be traced.
    static let numberType = "number|accord.Collection"
    static let periodValueType = "fun(period: accord.Period): number|accord.Collection"

    static let reportSetup = "local deals = accord.partnerships{ period = period }"

    public static let reportDef = LuaClass(
        name: "report_def",
        doc: "What `accord.report{…}` takes; a report script returns it, and Accord renders what `build` makes into every format.",
        examples: .script(fieldsAreEntries: true),
        example: """
            return accord.report {
              id = "export-quarterly", title = "Export deals", grain = "quarter", start = "2019-Q1",
              formats = { "html", "md" }, params = { org = "An organization id" },
              build = function(r, period, params)
                local deals = accord.partnerships{ period = period, form = "export_contract", party = params.org }
                r:heading("Export deals in " .. period.label, 1)
                r:partnerships{ title = "The deals", items = deals }
              end,
            }
            """,
        fields: [
            .init("id", "string?", "Names the report's folder (default: the script's file name).", example: #"id = "export-quarterly""#),
            .init("title", "string", "The report's title.", example: #"title = "Export deals by quarter""#),
            .init("description", "string?", "What the report is for, as `accord report list` shows it.",
                  example: #"description = "New export contracts and distribution deals""#),
            .init("grain", "accord.ReportGrain", "The periods it covers: month, quarter or year.", example: #"grain = "quarter""#),
            .init("start", "string?", "The first period it covers, for scheduling.", example: #"start = "2019-Q1""#),
            .init("formats", "accord.ReportFormat[]?", "What it renders to when no format is asked for (default: all).",
                  example: #"formats = { "html", "csv" }"#),
            .init("skip_if_empty", "boolean?", "Write nothing for a period without partnerships.", example: "skip_if_empty = true"),
            .init("params", "table<string, string>?", "The parameters `--param` may set, each with what it means.",
                  example: #"params = { org = "An organization id" }"#),
            .init("listing", "(fun(period: accord.Period, params: table<string, string>): table?)?",
                  "Which of the period's partnerships `partnerships.csv` and the workbook's Partnerships and Amounts "
                  + "sheets list: conditions of `accord.partnerships{…}` besides the period (default: every one).",
                  example: #"listing = function(period, params) return { party = params.org } end"#),
            .init("build", "fun(r: accord.ReportBuilder, period: accord.Period, params: table<string, string>)",
                  "Builds the report for one period.",
                  example: #"build = function(r, period, params) r:heading("Partnerships in " .. period.label, 1) end"#),
        ])

    /// The builder a report's `build(r, period, params)` receives.
    public static let reportBuilder = LuaClass(
        name: "report_builder",
        variable: "r",
        doc: "Builds a report document, block by block; every format is rendered from it.",
        examples: .reportBuild(reportSetup),
        example: """
            r:heading("Partnerships in " .. period.label, 1)
            r:figures{ { label = "New partnerships", value = function(p) return accord.partnerships{ period = p } end } }
            r:breakdown{ id = "by-form", title = "By form", of = deals, by = "form", column = "Form", chart = "bar" }
            r:partnerships{ title = "The partnerships", items = deals }
            """,
        fields: [],
        methods: [
            .init("heading", ["text: string", "level: integer?"], [], "A heading, level 1 to 3 (default 2).",
                  example: #"r:heading("Partnerships in " .. period.label, 1)"#),
            .init("paragraph", ["text: string"], [], "Text with Markdown inline formatting: **bold**, *emphasis*, `code`, [text](url).",
                  example: #"r:paragraph("**" .. #deals .. "** new partnerships; see [the sources](https://www.krpia.or.kr).")"#),
            .init("note", ["text: string"], [], "A remark set apart from the text.",
                  example: #"r:note("Partnerships dated only to the year are not placed in quarters.")"#),
            .init("figures", ["list: accord.Figure[]"], [],
                  "Key figures as tiles; a value that is a function of the period is compared with the previous period and the same period a year before.",
                  example: """
                    r:figures{
                      { label = "New partnerships", value = function(p) return accord.partnerships{ period = p } end },
                      { label = "Organizations", value = #accord.organizations(), unit = "organizations" },
                    }
                    """),
            .init("table", ["t: accord.TableSpec"], [],
                  "A table; cells are text, numbers, collections (counted) or records; `totals` adds a row of sums.",
                  example: """
                    r:table{
                      id = "by-status", title = "By status", columns = { "Status", "Partnerships" }, totals = true,
                      rows = { { "signed", deals:filter(function(p) return p.status == "signed" end) },
                               { "other", deals:filter(function(p) return p.status ~= "signed" end) } },
                    }
                    """),
            .init("bar_chart", ["t: accord.ChartSpec"], [], "A bar chart: grouped, stacked, or horizontal for top-N lists.",
                  example: """
                    r:bar_chart{ id = "forms", title = "Forms", categories = { "mou", "license" },
                                 series = { { name = "Partnerships", values = { 3, 1 } } } }
                    """),
            .init("line_chart", ["t: accord.ChartSpec"], [], "A line chart, for trends.",
                  example: """
                    r:line_chart{ id = "per-year", title = "Per year", categories = { "2018", "2019" },
                                  series = { { name = "Partnerships", values = { accord.partnerships{ period = "2018" }, deals } } } }
                    """),
            .init("breakdown", ["t: accord.BreakdownSpec"], [],
                  "Counts by key, largest first, as a table with totals and an optional chart; `top` lumps the rest into Other.",
                  example: """
                    r:breakdown{ id = "by-territory", title = "By territory", of = deals, by = function(p) return p.territories end,
                                 column = "Territory", top = 5, chart = "horizontal" }
                    """),
            .init("highlights", ["t: accord.HighlightsSpec"], [],
                  "What changed since the period before, in words: the total, then up to three keys that moved by 2 or "
                    + "more and by a quarter or more (new keys by 2 or more), the largest moves first.",
                  example: """
                    r:highlights{ of = function(p) return accord.partnerships{ period = p } end,
                                  by = function(p) return p.labels end, name = accord.names.label }
                    """),
            .init("trend", ["t: accord.TrendSpec"], [],
                  "A line chart of values over this period and the ones before it (5 by default).",
                  example: """
                    r:trend{ id = "trend", title = "Partnerships", periods = 8,
                             series = { { name = "All", value = function(p) return accord.partnerships{ period = p } end } } }
                    """),
            .init("partnerships", ["t: accord.PartnershipList"], [],
                  "A list of partnerships with date, form, labels, parties and links to their sources.",
                  example: #"r:partnerships{ title = "The partnerships", items = deals }"#),
            .init("coarse_dates", ["c: accord.Collection?"], [],
                  "Places the line counting partnerships dated too coarsely for the period: of `c`, or of the whole database (added at the end otherwise).",
                  example: #"r:coarse_dates(accord.partnerships{ period = period, dated = "coarser", party = "khidi" })"#),
        ])

    public static let figure = LuaClass(
        name: "figure",
        doc: "A key figure of `r:figures{…}`.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:figures{ { label = "New partnerships", value = function(p) return accord.partnerships{ period = p } end } }"#,
        fields: [
            .init("label", "string", "What it counts.", example: #"label = "New partnerships""#),
            .init("value", "\(numberType)|\(periodValueType)",
                  "The figure: a number, a collection (counted), or a function of the period (also computed for the seven "
                    + "periods before and a year before) giving either, or a number and the collection it counts from, which traces it.",
                  example: "value = function(p) return accord.partnerships{ period = p } end"),
            .init("unit", "string?", "Shown after the number.", example: #"unit = "KRW bn""#),
            .init("previous", "(\(numberType))?", "The previous period's value, for a value that is not a function.", example: "previous = 5"),
            .init("year_before", "(\(numberType))?", "The value a year before, for a value that is not a function.", example: "year_before = 4"),
        ])

    public static let tableSpec = LuaClass(
        name: "table_spec",
        doc: "What `r:table{…}` takes.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:table{ id = "deals", title = "Deals", columns = { "Deal", "Parties" }, rows = { { deals[1], #deals[1].parties } } }"#,
        fields: [
            .init("id", "string", "Names the table's CSV file: lower-case letters, digits and dashes, unique in the report.", example: #"id = "by-form""#),
            .init("title", "string", "The table's title.", example: #"title = "By form""#),
            .init("columns", "(string|accord.Column)[]", "Column titles, or titles with a unit.",
                  example: #"columns = { "Deal", { title = "Amount", unit = "KRW" } }"#),
            .init("rows", "any[][]", "Rows of cells: text, numbers, collections (counted), records (their title or name) "
                    + "or amounts of money (`accord.Money`).",
                  example: #"rows = { { "All", deals }, { "MOUs", deals:filter(function(p) return p.form == "mou" end) } }"#),
            .init("totals", "boolean?", "Adds a row of sums.", example: "totals = true"),
            .init("hidden", "boolean?",
                  "Kept out of the page and the Markdown; the CSV and the JSON have it (a full list for a spreadsheet).",
                  example: "hidden = true"),
        ])

    public static let column = LuaClass(
        name: "column",
        doc: "A column of `r:table{…}` with a unit or a format.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"local amount = { title = "Committed", format = "money" }"#,
        fields: [
            .init("title", "string", "The column's title.", example: #"title = "Amount""#),
            .init("unit", "string?", "The unit of its numbers.", example: #"unit = "KRW""#),
            .init("format", "(\"integer\"|\"decimal\"|\"percent\"|\"money\"|\"date\")?",
                  "How its numbers read: whole; with `places` decimals; a share (0.25 reads 25.0%); an amount in short form "
                    + "with its currency (₩477.5bn, $153.7m: each cell's own currency, or the column's `unit`); dates. "
                    + "Percentages and dates have no total, nor amounts in more than one currency.",
                  example: #"format = "percent""#),
            .init("places", "integer?", "The decimals of a `decimal` column, 0 to 6 (2 unless given).", example: "places = 1"),
            .init("additive", "boolean?",
                  "Whether a totals row sums it (default true, except percentages, dates and mixed currencies); false for "
                    + "numbers that do not add up, such as averages or a partnership counted under several keys.",
                  example: "additive = false"),
        ])

    public static let money = LuaClass(
        name: "money",
        doc: "An amount of money as a table cell: its value, its currency and, to trace it, its partnerships.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"local cell = { amount = 170e9, currency = "KRW", of = deals }"#,
        fields: [
            .init("amount", "number", "The amount.", example: "amount = 170e9"),
            .init("currency", "string", "Its ISO 4217 code.", example: #"currency = "KRW""#),
            .init("of", "accord.Collection?", "The partnerships it comes from.", example: "of = deals"),
        ])

    public static let chartSpec = LuaClass(
        name: "chart_spec",
        doc: "What `r:bar_chart{…}` and `r:line_chart{…}` take.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:bar_chart{ id = "deals", title = "Deals", categories = { period.label }, series = { { name = "All", values = { deals } } } }"#,
        fields: [
            .init("id", "string", "Names the chart's SVG file: lower-case letters, digits and dashes, unique in the report.", example: #"id = "by-year""#),
            .init("title", "string", "The chart's title.", example: #"title = "Partnerships per year""#),
            .init("categories", "string[]", "The labels along the axis, at most 1,000 bytes each.", example: #"categories = { "2018", "2019", "2020" }"#),
            .init("series", "accord.Series[]", "The series of values, one value per category.",
                  example: #"series = { { name = "All", values = { 4, 8, 3 } } }"#),
            .init("stacked", "boolean?", "Bars stacked rather than side by side.", example: "stacked = true"),
            .init("horizontal", "boolean?", "Horizontal bars, for top-N lists.", example: "horizontal = true"),
            .init("unit", "string?", "The unit of the values.", example: #"unit = "partnerships""#),
        ])

    public static let series = LuaClass(
        name: "series",
        doc: "A series of a chart: one value per category.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"local mous = { name = "MOUs", values = { deals:filter(function(p) return p.form == "mou" end) } }"#,
        fields: [
            .init("name", "string", "Shown in the legend.", example: #"name = "MOUs""#),
            .init("values", "(\(numberType))[]", "A number or a collection (counted) per category.", example: "values = { 3, deals }"),
        ])

    public static let breakdownSpec = LuaClass(
        name: "breakdown_spec",
        doc: "What `r:breakdown{…}` takes.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:breakdown{ id = "by-form", title = "By form", of = deals, by = "form", column = "Form", chart = "bar" }"#,
        fields: [
            .init("id", "string", "Names the table (and `<id>-chart`): lower-case letters, digits and dashes.", example: #"id = "by-form""#),
            .init("title", "string", "The table's title.", example: #"title = "By form""#),
            .init("of", "accord.Collection", "The partnerships to count.", example: "of = deals"),
            .init("by", "string|fun(p: accord.Partnership): any",
                  "A field, or a function giving a key or a list of keys; partnerships without a key count in a (none) row.",
                  example: "by = function(p) return p.labels end"),
            .init("name", "(fun(key: any): string)?",
                  "What a reader sees for a key, e.g. `accord.names.label`; the key itself stays in the JSON and in "
                    + "the CSV's `id` column. Asked only for the keys shown, or sorted among them, once each.",
                  example: "name = accord.names.form"),
            .init("column", "string?", "The title of the key column.", example: #"column = "Purpose""#),
            .init("noun", "string?",
                  "What the keys are, in the plural: the Other row then says what it hides and what it counts "
                    + "(`Other (4 more organizations, 6 partnerships)`).",
                  example: #"noun = "organizations""#),
            .init("none", "string?", "What the row of partnerships without a key is called (default `(none)`).",
                  example: #"none = "No partner abroad""#),
            .init("top", "integer?", "Keeps the first `top` keys and lumps the rest into Other (N more).", example: "top = 5"),
            .init("compare", "(fun(period: accord.Period): accord.Collection)?",
                  "The partnerships of any period, to add each key's count in the period before and a year before, with "
                    + "the change (`+3 (+50.0%)`, `new`); the table is then shown beside the chart.",
                  example: "compare = function(p) return accord.partnerships{ period = p } end"),
            .init("order", "(\"count\"|\"key\")?", "Rows by count, the most first (the default), or by key (quarters in order).",
                  example: #"order = "key""#),
            .init("chart", "(\"bar\"|\"horizontal\")?",
                  "The chart of the counts: horizontal bars (the default, best for rankings and names) or vertical ones.",
                  example: #"chart = "horizontal""#),
            .init("show", "(\"chart\"|\"table\"|\"both\")?",
                  "What the page and the Markdown show: the chart (the default when `chart` is given), the table "
                    + "(otherwise) or both. The CSV and the JSON always have the table.",
                  example: #"show = "both""#),
        ])

    public static let highlightsSpec = LuaClass(
        name: "highlights_spec",
        doc: "What `r:highlights{…}` takes.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:highlights{ of = function(p) return accord.partnerships{ period = p } end, by = "form", name = accord.names.form }"#,
        fields: [
            .init("of", "fun(period: accord.Period): accord.Collection", "The partnerships of a period.",
                  example: "of = function(p) return accord.partnerships{ period = p } end"),
            .init("by", "string|fun(p: accord.Partnership): any", "A field, or a function giving a key or a list of keys.",
                  example: #"by = "form""#),
            .init("name", "(fun(key: any): string)?", "What a reader sees for a key.", example: "name = accord.names.form"),
            .init("noun", "string?", "What the keys are, for the sentence when none moved notably (default `purpose`).",
                  example: #"noun = "form""#),
        ])

    public static let trendSpec = LuaClass(
        name: "trend_spec",
        doc: "What `r:trend{…}` takes.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:trend{ id = "trend", title = "Partnerships", series = { { name = "All", value = function(p) return accord.partnerships{ period = p } end } } }"#,
        fields: [
            .init("id", "string", "Names the chart's file: lower-case letters, digits and dashes.", example: #"id = "trend""#),
            .init("title", "string", "The chart's title.", example: #"title = "Partnerships over eight quarters""#),
            .init("periods", "integer?", "How many periods, this one last: 2 to 60 (default 5).", example: "periods = 8"),
            .init("series", "accord.TrendSeries[]", "The lines, each a function of the period.",
                  example: #"series = { { name = "MOUs", value = function(p) return accord.partnerships{ period = p, form = "mou" } end } }"#),
            .init("unit", "string?", "The unit of the values.", example: #"unit = "partnerships""#),
        ])

    public static let trendSeries = LuaClass(
        name: "trend_series",
        doc: "A line of `r:trend{…}`.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"local all = { name = "All", value = function(p) return accord.partnerships{ period = p } end }"#,
        fields: [
            .init("name", "string", "Shown in the legend.", example: #"name = "All""#),
            .init("value", periodValueType, "The value for a period: a number, or a collection (counted).",
                  example: "value = function(p) return #accord.partnerships{ period = p, country = \"LV\" } end"),
        ])

    public static let partnershipList = LuaClass(
        name: "partnership_list",
        doc: "What `r:partnerships{…}` takes.",
        examples: .reportBuild(reportSetup, fieldsAreEntries: true),
        example: #"r:partnerships{ title = "Export deals", items = deals:filter(function(p) return p.form == "export_contract" end) }"#,
        fields: [
            .init("title", "string", "The list's heading.", example: #"title = "The partnerships""#),
            .init("items", "accord.Collection", "The partnerships, in the order given.", example: #"items = deals:sort_by("date")"#),
        ])

    /// The tables of the report builder.
    public static let reportClasses = [reportDef, reportBuilder, figure, tableSpec, column, money, chartSpec, series, breakdownSpec,
                                       highlightsSpec, trendSpec, trendSeries, partnershipList]
}
