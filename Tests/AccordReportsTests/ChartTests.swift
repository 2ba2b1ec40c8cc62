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
