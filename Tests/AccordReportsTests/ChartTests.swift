@testable import AccordReports
import Testing

@Suite struct ChartTests {
    private func chart(_ kind: ReportChart.Kind = .bar, horizontal: Bool = false, stacked: Bool = false,
                       categories: [String] = ["Q3 2019", "Q4 2019"],
                       series: [ChartSeries] = [ChartSeries(name: "export", values: [1, 3])], unit: String? = nil) -> String {
        ChartRenderer.svg(ReportChart(id: "c", title: "Deals <by> quarter", kind: kind, horizontal: horizontal, stacked: stacked,
                                      categories: categories, series: series, unit: unit))
    }

    private func count(_ part: String, in text: String) -> Int { text.components(separatedBy: part).count - 1 }

    @Test func aChartIsAnAccessibleImage() {
        let svg = chart()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\""))
        #expect(svg.contains("role=\"img\" aria-label=\"Deals &lt;by&gt; quarter\""))
        #expect(svg.contains("<title>Deals &lt;by&gt; quarter</title>"))
    }

    @Test func everyBarHasATooltip() {
        let svg = chart()
        #expect(svg.contains("<title>Q4 2019 · export: 3</title></rect>"))
        #expect(count("</title></rect>", in: svg) == 2)
    }

    @Test func groupedStackedAndHorizontalBarsDrawEveryValue() {
        let series = [ChartSeries(name: "a", values: [1, 2]), ChartSeries(name: "b", values: [3, nil])]
        for svg in [chart(series: series), chart(stacked: true, series: series), chart(horizontal: true, series: series)] {
            #expect(count("</title></rect>", in: svg) == 3)
        }
    }

    @Test func aLegendOnlyForMoreThanOneSeries() {
        #expect(!chart().contains(">export</text>"))
        let two = chart(series: [ChartSeries(name: "export", values: [1, 2]), ChartSeries(name: "R&D", values: [2, 1])])
        #expect(two.contains(">export</text>") && two.contains(">R&amp;D</text>"))
    }

    @Test func otherIsDrawnApartInGreyAndDoesNotSetTheScale() {
        let data = ReportChart(id: "o", title: "Top", kind: .bar, horizontal: true, categories: ["A", "B", "Other (9 more)"],
                               series: [ChartSeries(name: "n", values: [4, 2, 40])], other: 2)
        let svg = ChartRenderer.svg(data)
        #expect(svg.contains("fill=\"\(ChartPalette.other)\""))
        // The scale ends at A's 4 (ticks up to 4), not at Other's 40, whose value is said at its end.
        #expect(svg.contains(">4</text>") && !svg.contains(">40</text>\n<rect") && svg.contains(">40</text>"))
        #expect(!svg.contains(">10</text>") && !svg.contains(">20</text>"))
    }

    @Test func aFewLinesAreNamedAtTheirEndsAndManyGetALegendWithDashes() {
        let two = chart(.line, series: [ChartSeries(name: "export", values: [1, 2]), ChartSeries(name: "R&D", values: [2, 1])])
        #expect(two.contains("font-weight=\"600\" fill=\"#0072B2\">export</text>"), "named at its end, in its colour")
        let many = (0..<10).map { ChartSeries(name: "s\($0)", values: [Double($0), 1]) }
        let svg = chart(.line, series: many)
        #expect(svg.contains(">s9</text>") && svg.contains("stroke-dasharray=\"6 3\""), "a legend, and the ninth line dashed")
        #expect(count("stroke-dasharray", in: svg) == 4, "two dashed lines, and their two legend keys")
    }

    @Test func longTimeAxesLabelTheYears() {
        let months = (2019...2021).flatMap { year in (1...12).map { String(format: "%d-%02d", year, $0) } }
        let svg = chart(.line, categories: months, series: [ChartSeries(name: "deals", values: months.map { _ in 1 })])
        let labels = svg.matches(of: /font-size="11">(\d{4}[^<]*)<\/text>/).map { String($0.1) }
        #expect(labels == ["2019", "2020", "2021"])
        #expect(!svg.contains("rotate("))
    }

    @Test func aLongTitleTakesTwoLines() {
        let svg = ChartRenderer.svg(ReportChart(id: "t", title: "Partnerships per year, in all and with the year's leading purposes",
                                                kind: .bar, categories: ["a"], series: [ChartSeries(name: "n", values: [1])]),
                                    width: ChartRenderer.narrowWidth)
        #expect(count("font-size=\"15\" font-weight=\"600\"", in: svg) == 2)
        #expect(!svg.contains("…"))
    }

    @Test func aLongCategoryNameTakesTwoLinesBesideItsBar() {
        let names = ["Networking and general cooperation", "Licensing"]
        let svg = ChartRenderer.svg(ReportChart(id: "p", title: "By purpose", kind: .bar, horizontal: true, categories: names,
                                                series: [ChartSeries(name: "n", values: [5, 1])]),
                                    width: ChartRenderer.narrowWidth)
        let labels = svg.matches(of: /y="([\d.]+)" text-anchor="end">([^<]*)<\/text>/).map { (Double($0.1)!, String($0.2)) }
        #expect(labels.map(\.1) == ["Networking and general", "cooperation", "Licensing"])
        #expect(!svg.contains("…"))
        // The two lines sit either side of the row's middle, one row apart from the next label.
        #expect(labels[1].0 - labels[0].0 == 14)
        #expect(labels[2].0 - (labels[0].0 + labels[1].0) / 2 == BarChart.twoLineRowHeight)
        // Names that fit keep one line, in rows of the usual height.
        let short = ChartRenderer.svg(ReportChart(id: "p", title: "By purpose", kind: .bar, horizontal: true,
                                                  categories: ["Licensing", "Export"], series: [ChartSeries(name: "n", values: [5, 1])]),
                                      width: ChartRenderer.narrowWidth)
        let rows = short.matches(of: /y="([\d.]+)" text-anchor="end">/).map { Double($0.1)! }
        #expect(rows.count == 2 && rows[1] - rows[0] == BarChart.rowHeight)
    }

    @Test func aMissingValueBreaksTheLine() {
        let svg = chart(.line, categories: ["Q1", "Q2", "Q3", "Q4"],
                        series: [ChartSeries(name: "deals", values: [1, 2, nil, 4])])
        let path = svg.split(separator: "\n").first { $0.hasPrefix("<path") } ?? ""
        #expect(count("M", in: String(path)) == 2)
        #expect(count("<circle", in: svg) == 3)
        #expect(svg.contains("<title>Q4 · deals: 4</title></circle>"))
    }

    @Test func noDataSaysSo() {
        #expect(chart(categories: [], series: []).contains(">No data</text>"))
        #expect(chart(series: [ChartSeries(name: "a", values: [nil, .nan])]).contains(">No data</text>"))
        #expect(chart(.line, series: []).contains(">No data</text>"))
    }

    @Test func valuesAxisShowsTheUnitAndCompactTicks() {
        let svg = chart(series: [ChartSeries(name: "value", values: [120e9, 170e9])], unit: "KRW")
        #expect(svg.contains(">KRW</text>"))
        #expect(svg.contains(">150bn</text>") && svg.contains(">200bn</text>"))
        #expect(svg.contains("<title>Q4 2019 · value: 170,000,000,000 KRW</title>"))
    }

    @Test func longCategoryLabelsTurnAndShorten() {
        let categories = (1...12).map { "Ministry of Health of country number \($0)" }
        let svg = chart(categories: categories, series: [ChartSeries(name: "n", values: categories.map { _ in 1 })])
        #expect(svg.contains("transform=\"rotate(-40"))
        #expect(svg.contains("…</text>"))
    }

    @Test func horizontalChartsGrowWithTheirCategories() {
        let few = chart(horizontal: true)
        let many = chart(horizontal: true, categories: (1...10).map { "Partner \($0)" },
                         series: [ChartSeries(name: "n", values: (1...10).map { Double($0) })])
        #expect(few.contains("viewBox=\"0 0 640 128\""))
        #expect(many.contains("viewBox=\"0 0 640 352\""))
        #expect(many.contains("text-anchor=\"end\">Partner 10</text>"))
    }

    @Test func coloursFollowAFixedPalette() {
        #expect(ChartPalette.color(0) == "#0072B2")
        #expect(ChartPalette.color(ChartPalette.colors.count) == ChartPalette.color(0))
    }
}
