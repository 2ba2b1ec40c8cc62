/// `report.html`: the whole report in one file, with inline CSS and SVG charts, and
/// neither script nor anything fetched from the network.
struct HTMLRenderer {
    static func render(_ document: ReportDocument, navigation: ReportNavigation? = nil) -> RenderedFile {
        var renderer = HTMLRenderer(document: document, navigation: navigation)
        renderer.page()
        return RenderedFile(name: "report.html", text: renderer.lines.joined(separator: "\n") + "\n")
    }

    private let document: ReportDocument
    private let navigation: ReportNavigation?
    private var lines: [String] = []
    private var headingIDs = Set<String>()

    private init(document: ReportDocument, navigation: ReportNavigation?) {
        self.document = document
        self.navigation = navigation
    }

    private mutating func page() {
        let title = HTMLEscaping.escape("\(document.title) · \(document.period.label)")
        lines += [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(title)</title>",
            "<style>",
            HTMLStyleSheet.css,
            HTMLStyleSheet.runningHeader("\(document.title) · \(document.period.label)"),
            "</style>",
            "</head>",
            "<body>",
            "<main class=\"report\">",
            "<header class=\"report-header\">",
        ] + (navigation.map { [Self.links($0)] } ?? []) + (document.workspace.map { ["<p class=\"workspace\">\(HTMLEscaping.escape($0))</p>"] } ?? []) + [
            "<h1>\(HTMLEscaping.escape(document.title))</h1>",
            "<p class=\"period\">\(HTMLEscaping.escape(PeriodText.line(document.period)))</p>",
            "</header>",
        ]
        for block in document.blocks { self.block(block) }
        if let source = document.source {
            lines.append("<footer class=\"source\">"
                + source.lines(period: document.period.label).map { "<p>\(HTMLEscaping.escape($0))</p>" }.joined() + "</footer>")
        }
        lines += ["</main>", "</body>", "</html>"]
    }

    /// `← 2019-Q3 · All periods · All reports · 2020-Q1 →`
    private static func links(_ navigation: ReportNavigation) -> String {
        func link(_ href: String, _ text: String, rel: String? = nil) -> String {
            "<a href=\"\(HTMLEscaping.escape(href))\"\(rel.map { " rel=\"\($0)\"" } ?? "")>\(HTMLEscaping.escape(text))</a>"
        }
        var parts: [String] = []
        if let previous = navigation.previous { parts.append(link(previous.href, "← " + previous.label, rel: "prev")) }
        parts += [link(navigation.reportIndex, "All periods"), link(navigation.allReports, "All reports")]
        if let next = navigation.next { parts.append(link(next.href, next.label + " →", rel: "next")) }
        return "<nav class=\"periods\">" + parts.joined(separator: " · ") + "</nav>"
    }

    private mutating func block(_ block: ReportBlock) {
        switch block {
        case let .heading(text, level):
            let tag = "h\(min(max(level, 1), 3) + 1)"
            lines.append("<\(tag) id=\"\(headingID(text))\">\(HTMLEscaping.escape(text))</\(tag)>")
        case let .paragraph(text):
            lines.append("<p>\(InlineMarkdown.html(text))</p>")
        case let .highlights(text):
            lines.append("<p class=\"highlights\">\(InlineMarkdown.html(text))</p>")
        case let .note(text):
            lines.append("<aside class=\"note\"><p>\(InlineMarkdown.html(text))</p></aside>")
        case let .figures(figures):
            self.figures(figures)
        case let .table(table):
            if table.shown { self.table(table) }
        case let .chart(chart):
            // Two drawings: a phone shows the narrow one, whose text keeps its size.
            lines += ["<figure class=\"chart\">", ChartRenderer.svg(chart, cssClass: "wide"),
                      ChartRenderer.svg(chart, width: ChartRenderer.narrowWidth, cssClass: "narrow"), "</figure>"]
        case let .partnerships(list):
            partnerships(list)
        }
    }

    private mutating func figures(_ figures: [KeyFigure]) {
        let period = document.period
        lines.append("<div class=\"figures\">")
        for figure in figures {
            let value = NumberFormat.value(figure.value, unit: figure.unit)
            lines += [
                "<div class=\"figure\">",
                "<div class=\"figure-label\">\(HTMLEscaping.escape(figure.label))</div>",
                "<div\(attributes(value.count > 12 ? ["figure-value", "long"] : ["figure-value"], figure.partnerships))>"
                    + "\(HTMLEscaping.escape(value))</div>",
            ]
            if let trend = figure.trend,
               let line = Sparkline.svg(trend, periods: "The last \(trend.count) \(Self.plural(of: period.grain))", unit: figure.unit) {
                lines.append(line)
            }
            // A figure given without earlier values has no changes to show; for
            // a year, the previous period is the year before: say it once.
            if figure.previous != nil || figure.yearBefore != nil {
                lines.append("<dl class=\"changes\">")
                lines.append(change(against: period.previous, Change(from: figure.previous, to: figure.value, unit: figure.unit)))
                if period.yearBefore != period.previous {
                    lines.append(change(against: period.yearBefore, Change(from: figure.yearBefore, to: figure.value, unit: figure.unit)))
                }
                lines.append("</dl>")
            }
            lines.append("</div>")
        }
        lines.append("</div>")
    }

    /// `quarters` for `quarter`.
    static func plural(of grain: String) -> String { grain.isEmpty ? "periods" : grain + "s" }

    private func change(against label: String, _ change: Change) -> String {
        let arrow = change.arrow.isEmpty ? "" : "<span aria-hidden=\"true\">\(change.arrow)</span> "
        return "<dt>vs \(HTMLEscaping.escape(label))</dt>"
            + "<dd class=\"\(change.direction.rawValue)\">\(arrow)\(HTMLEscaping.escape(change.detail))</dd>"
    }

    private mutating func table(_ table: ReportTable) {
        let columns = table.columns
        let caption = table.titleShown ? "<caption>" : "<caption class=\"unseen\">"
        lines += ["<table>", caption + "\(HTMLEscaping.escape(table.title))</caption>", "<thead>", "<tr>"]
        for column in columns {
            lines.append("<th scope=\"col\"\(attributes(classes(column)))>\(HTMLEscaping.escape(column.title))</th>")
        }
        lines += ["</tr>", "</thead>", "<tbody>"]
        let totals = TableValues.totals(table, traced: true)
        let decimals = TableValues.decimals(table, totals: totals)
        for row in table.rows { lines.append(tableRow(TableValues.cells(row, columns: columns.count), columns, decimals)) }
        lines.append("</tbody>")
        if let totals {
            lines += ["<tfoot>", tableRow(totals, columns, decimals), "</tfoot>"]
        }
        lines.append("</table>")
    }

    private func tableRow(_ cells: [TableCell], _ columns: [TableColumn], _ decimals: [Int]) -> String {
        let tds = cells.indices.map { i in
            if let trend = cells[i].trend,
               let line = Sparkline.svg(trend, periods: "The last \(trend.count) \(Self.plural(of: document.period.grain))", unit: nil) {
                return "<td class=\"trend\">\(line)</td>"
            }
            return "<td\(attributes(classes(columns[i]), cells[i].partnerships))>"
                + "\(HTMLEscaping.escape(TableValues.display(cells[i], in: columns[i], decimals: decimals[i])))</td>"
        }
        return "<tr>" + tds.joined() + "</tr>"
    }

    private func classes(_ column: TableColumn) -> [String] {
        column.kind == .number ? ["num"] : []
    }

    private mutating func partnerships(_ list: PartnershipList) {
        lines += ["<section class=\"partnerships\">", "<p class=\"list-title\">\(HTMLEscaping.escape(list.title))</p>", "<ol>"]
        for item in list.items {
            let chips = item.labelNames.map { "<span class=\"chip\">\(HTMLEscaping.escape($0))</span>" }
            let sources = item.sources.map { source in
                let title = HTMLEscaping.escape(source.title)
                guard let url = source.url.flatMap(HTMLEscaping.safeURL) else { return title }
                return "<a href=\"\(url)\" rel=\"noreferrer\">\(title)</a>"
            }
            lines += [
                "<li class=\"partnership\" id=\"p-\(HTMLEscaping.escape(item.id))\">",
                "<div class=\"partnership-head\"><span class=\"date\">\(HTMLEscaping.escape(item.date ?? "undated"))</span> "
                    + "<span class=\"partnership-title\">\(HTMLEscaping.escape(item.title))</span></div>",
                "<div class=\"meta\"><span class=\"form\">\(HTMLEscaping.escape(item.formName))</span>"
                    + chips.map { " " + $0 }.joined() + "</div>",
            ]
            if !item.parties.isEmpty {
                lines.append("<div class=\"parties\">\(HTMLEscaping.escape(item.parties.joined(separator: " · ")))</div>")
            }
            if !sources.isEmpty {
                lines.append("<div class=\"sources\">Sources: \(sources.joined(separator: ", "))</div>")
            }
            lines.append("</li>")
        }
        lines += ["</ol>", "</section>"]
    }

    /// `class` and, for a number that counts partnerships, a `title` naming them, shown on hover:
    /// the first `tooltipIDs`, and how many more (the JSON keeps every id).
    private func attributes(_ classes: [String], _ partnerships: [String] = []) -> String {
        let classes = partnerships.isEmpty ? classes : classes + ["traced"]
        var text = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        if !partnerships.isEmpty {
            text += " title=\"\(HTMLEscaping.escape(Self.tooltip(partnerships)))\""
        }
        return text
    }

    /// The most ids a tooltip lists.
    static let tooltipIDs = 20

    /// "Partnerships: a, b, c", or "Partnerships: a, …, t and 647 more".
    static func tooltip(_ partnerships: [String]) -> String {
        let shown = partnerships.prefix(tooltipIDs).joined(separator: ", ")
        let more = partnerships.count - tooltipIDs
        return "Partnerships: " + shown + (more > 0 ? " and \(more) more" : "")
    }

    /// A unique id for a heading, so that `[text](#overview)` links to it.
    private mutating func headingID(_ text: String) -> String {
        let base = Words.slug(text)
        var id = base
        var n = 2
        while !headingIDs.insert(id).inserted {
            id = "\(base)-\(n)"
            n += 1
        }
        return HTMLEscaping.escape(id)
    }
}
