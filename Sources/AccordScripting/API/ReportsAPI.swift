extension AccordAPI {
    /// The builder a report's `build(r, period, params)` receives. A value
    /// given as a collection of partnerships counts them and keeps their ids,
    /// so that each number in the report can be traced.
    public static let reportBuilder = LuaClass(
        name: "report_builder",
        doc: "Builds a report document; every format is rendered from it.",
        fields: [],
        methods: [
            .init("heading", ["text: string", "level: integer?"], "nil", "A heading, level 1 to 3 (default 2)."),
            .init("paragraph", ["text: string"], "nil", "Text with Markdown inline formatting: **bold**, *emphasis*, `code`, [text](url)."),
            .init("note", ["text: string"], "nil", "A remark set apart from the text."),
            .init("figures", ["list: {label: string, value: number|accord.Collection|fun(period: accord.Period): number|accord.Collection, unit: string?}[]"],
                  "nil", "Key figures as tiles; a value that is a function of the period is compared with the previous period and the same period a year before."),
            .init("table", ["t: {id: string, title: string, columns: (string|{title: string, unit: string?})[], rows: any[][], totals: boolean?}"],
                  "nil", "A table; cells are text, numbers, collections (counted) or records; `totals` adds a row of sums."),
            .init("bar_chart", ["t: {id: string, title: string, categories: string[], series: {name: string, values: (number|accord.Collection)[]}[], stacked: boolean?, horizontal: boolean?, unit: string?}"],
                  "nil", "A bar chart: grouped, stacked, or horizontal for top-N lists."),
            .init("line_chart", ["t: {id: string, title: string, categories: string[], series: {name: string, values: (number|accord.Collection)[]}[], unit: string?}"],
                  "nil", "A line chart, for trends."),
            .init("breakdown", ["t: {id: string, title: string, of: accord.Collection, by: string|fun(p: accord.Partnership): any, column: string?, top: integer?, chart: (\"bar\"|\"horizontal\")?}"],
                  "nil", "Counts by key, largest first, as a table with totals and an optional chart; `top` lumps the rest into Other."),
            .init("trend", ["t: {id: string, title: string, periods: integer?, series: {name: string, value: fun(period: accord.Period): number|accord.Collection}[], unit: string?}"],
                  "nil", "A line chart of values over this period and the ones before it (5 by default)."),
            .init("partnerships", ["t: {title: string, items: accord.Collection}"], "nil",
                  "A list of partnerships with date, form, labels, parties and links to their sources."),
            .init("coarse_dates", [], "nil",
                  "Places the line counting partnerships dated too coarsely for the period (added at the end otherwise)."),
        ])
}
