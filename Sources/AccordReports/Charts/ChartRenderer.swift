/// Charts as standalone SVG documents (also inlined in HTML), 640 units wide, or 340 for a
/// phone's screen (where a unit is drawn about a pixel, so text keeps its size): a visible
/// title, a legend when there is more than one series, and a tooltip on every bar and point.
enum ChartRenderer {
    static let width = 640.0
    /// The width of the variant for narrow screens.
    static let narrowWidth = 340.0
    static let muted = "#59636e"
    static let fontFamily = "system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, Arial, "
        + "&quot;Noto Sans CJK KR&quot;, &quot;Apple SD Gothic Neo&quot;, &quot;Malgun Gothic&quot;, sans-serif"

    /// - Parameter cssClass: the root element's class, for a page that shows one drawing of two.
    static func svg(_ chart: ReportChart, width: Double = ChartRenderer.width, cssClass: String? = nil) -> String {
        let data = ChartData(chart)
        let header = ChartHeader(chart: chart, data: data, width: width)
        guard !data.isEmpty else {
            let message = SVGText.text("No data", x: width / 2, y: header.bottom + 40,
                                       "text-anchor=\"middle\" font-size=\"14\" fill=\"\(muted)\"")
            return document(chart, width: width, height: header.bottom + 70, body: header.elements + [message], cssClass: cssClass)
        }
        let body: (elements: [String], height: Double)
        switch (chart.kind, chart.horizontal) {
        case (.line, _): body = LineChart.draw(data, below: header.bottom, width: width)
        case (.bar, false): body = ColumnChart.draw(data, stacked: chart.stacked, below: header.bottom, width: width)
        case (.bar, true): body = BarChart.draw(data, stacked: chart.stacked, below: header.bottom, width: width)
        }
        return document(chart, width: width, height: body.height, body: header.elements + body.elements, cssClass: cssClass)
    }

    private static func document(_ chart: ReportChart, width: Double, height: Double, body: [String], cssClass: String?) -> String {
        let size = "width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\""
        let classAttribute = cssClass.map { "class=\"\($0)\" " } ?? ""
        let title = HTMLEscaping.escape(chart.title)
        return ([
            "<svg \(classAttribute)xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" "
                + "\(size) role=\"img\" aria-label=\"\(title)\" font-family=\"\(fontFamily)\" font-size=\"12\" fill=\"#1f2328\">",
            "<title>\(title)</title>",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        ] + body + ["</svg>"]).joined(separator: "\n")
    }
}

/// The chart's title and, for more than one series (unless the lines are named at their
/// ends), its legend, wrapped to the width.
struct ChartHeader {
    private(set) var elements: [String] = []
    /// Where the header ends and the plot may begin.
    private(set) var bottom: Double

    init(chart: ReportChart, data: ChartData, width: Double) {
        // A title too long for one line takes two.
        let lines = SVGText.wrapped(chart.title, maxWidth: width - 24, size: 15, bold: true, lines: 2)
        for (index, line) in lines.enumerated() {
            elements.append(SVGText.text(line, x: 12, y: 24 + 20 * Double(index), "font-size=\"15\" font-weight=\"600\""))
        }
        let below = 20 * Double(lines.count - 1)
        bottom = 34 + below
        guard data.series.count > 1, !(chart.kind == .line && LineChart.namesLinesAtTheirEnds(data, width: width)) else { return }
        var x = 12.0, y = 52.0 + below
        for (index, series) in data.series.enumerated() {
            let name = SVGText.fitted(series.name, maxWidth: width - 54, size: 12)
            let entryWidth = 18 + SVGText.width(name, size: 12) + 18
            if x > 12, x + entryWidth > width - 12 {
                x = 12
                y += 20
            }
            let color = ChartPalette.color(index)
            if chart.kind == .line {
                let dashes = ChartPalette.dashes(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
                elements.append(SVGText.line(x1: x, y1: y - 4, x2: x + 12, y2: y - 4, "stroke=\"\(color)\" stroke-width=\"2.5\"\(dashes)"))
            } else {
                elements.append("<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y - 10))\" width=\"12\" height=\"12\" "
                    + "rx=\"2\" fill=\"\(color)\"/>")
            }
            elements.append(SVGText.text(name, x: x + 18, y: y))
            x += entryWidth
        }
        bottom = y + 12
    }
}
