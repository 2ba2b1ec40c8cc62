import Foundation

/// `report.md`, with each chart beside it as `charts/<id>.svg`.
struct MarkdownRenderer {
    static func render(_ document: ReportDocument) -> [RenderedFile] {
        var renderer = MarkdownRenderer(period: document.period)
        let period = MarkdownEscaping.line(PeriodText.line(document.period))
        renderer.add("# \(MarkdownEscaping.heading(document.title))",
                     document.workspace.map { "\(MarkdownEscaping.line($0)) · \(period)" } ?? period)
        for block in document.blocks { renderer.block(block) }
        if let source = document.source {
            renderer.add("---")
            for line in source.lines(period: document.period.label) { renderer.add("*\(MarkdownEscaping.line(line))*") }
        }
        let report = RenderedFile(name: "report.md", text: renderer.sections.joined(separator: "\n\n") + "\n")
        return [report] + renderer.charts
    }

    private let period: ReportPeriod
    private var sections: [String] = []
    private var charts: [RenderedFile] = []

    private init(period: ReportPeriod) {
        self.period = period
    }

    private mutating func add(_ sections: String...) {
        self.sections += sections
    }

    private mutating func block(_ block: ReportBlock) {
        switch block {
        case let .heading(text, level):
            add(String(repeating: "#", count: min(max(level, 1), 3) + 1) + " " + MarkdownEscaping.heading(text))
        case let .paragraph(text), let .highlights(text):
            add(MarkdownEscaping.inline(text))
        case let .note(text):
            add("> " + MarkdownEscaping.inline(text))
        case let .figures(figures):
            add(self.figures(figures))
        case let .table(table) where table.shown && table.titleShown:
            add("**\(MarkdownEscaping.line(table.title))**", self.table(table))
        case let .table(table) where table.shown:
            add(self.table(table))
        case .table:
            break
        case let .chart(chart):
            let name = FileNames.chart(chart)
            charts.append(RenderedFile(name: name, text: ChartRenderer.svg(chart) + "\n"))
            add("![\(MarkdownEscaping.line(chart.title))](\(name))")
        case let .partnerships(list):
            add("**\(MarkdownEscaping.line(list.title))**", partnerships(list))
        }
    }

    private func figures(_ figures: [KeyFigure]) -> String {
        // For a year, the previous period is the year before: one column then.
        let both = period.yearBefore != period.previous
        var header = ["Figure", "Value", "vs previous (\(period.previous))"]
        if both { header.append("vs year before (\(period.yearBefore))") }
        let rows = figures.map { figure in
            [MarkdownEscaping.cell(figure.label),
             MarkdownEscaping.cell(NumberFormat.value(figure.value, unit: figure.unit)),
             MarkdownEscaping.cell(Change(from: figure.previous, to: figure.value, unit: figure.unit).text)]
                + (both ? [MarkdownEscaping.cell(Change(from: figure.yearBefore, to: figure.value, unit: figure.unit).text)] : [])
        }
        return pipeTable(header.map(MarkdownEscaping.cell), rightAligned: [false] + Array(repeating: true, count: header.count - 1), rows)
    }

    private func table(_ table: ReportTable) -> String {
        let columns = table.columns
        let totals = TableValues.totals(table, traced: false)
        let decimals = TableValues.decimals(table, totals: totals)
        func row(_ cells: [TableCell]) -> [String] {
            cells.indices.map { MarkdownEscaping.cell(TableValues.display(cells[$0], in: columns[$0], decimals: decimals[$0])) }
        }
        var rows = table.rows.map { row(TableValues.cells($0, columns: columns.count)) }
        if let totals {
            rows.append(row(totals).map { $0.isEmpty ? "" : "**\($0)**" })
        }
        return pipeTable(columns.map { MarkdownEscaping.cell($0.title) }, rightAligned: columns.map { $0.kind == .number }, rows)
    }

    private func pipeTable(_ header: [String], rightAligned: [Bool], _ rows: [[String]]) -> String {
        let rule = rightAligned.map { $0 ? "---:" : "---" }
        return ([header, rule] + rows).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }

    private func partnerships(_ list: PartnershipList) -> String {
        list.items.map { item in
            var parts = [MarkdownEscaping.line(item.date ?? "undated"), "**\(MarkdownEscaping.line(item.title))**",
                         MarkdownEscaping.line(item.formName)]
            if !item.labelNames.isEmpty {
                parts.append(item.labelNames.map { "`\(MarkdownEscaping.folded($0).replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: " "))
            }
            if !item.parties.isEmpty { parts.append(MarkdownEscaping.line(item.parties.joined(separator: ", "))) }
            let sources = item.sources.map { source in
                let title = MarkdownEscaping.line(source.title)
                guard let url = source.url, HTMLEscaping.safeURL(url) != nil else { return title }
                return "[\(title)](\(MarkdownEscaping.destination(url)))"
            }
            if !sources.isEmpty { parts.append("Sources: " + sources.joined(separator: ", ")) }
            return "- " + MarkdownEscaping.blockStart(parts.joined(separator: " · "))
        }.joined(separator: "\n")
    }
}
