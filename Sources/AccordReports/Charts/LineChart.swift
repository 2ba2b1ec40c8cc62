/// Lines through each series' values over the categories (periods), with a marker on every
/// value; a missing value breaks the line.
enum LineChart {
    static func draw(_ data: ChartData, below headerBottom: Double, width: Double) -> ([String], Double) {
        let axes = ColumnAxes(data, scale: data.scale(stacked: false), below: headerBottom, width: width)
        var elements = axes.grid(data) + [axes.zeroLine()]
        var markers: [String] = []
        for (index, series) in data.series.enumerated() {
            let color = ChartPalette.color(index)
            var path: [String] = []
            var drawing = false
            for (category, value) in series.values.enumerated() {
                guard let value else {
                    drawing = false
                    continue
                }
                let x = SVGText.number(axes.center(category)), y = SVGText.number(axes.y(value))
                path.append("\(drawing ? "L" : "M")\(x) \(y)")
                drawing = true
                markers.append("<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.5\">"
                    + "<title>\(HTMLEscaping.escape(data.tooltip(category: category, series: index, value: value)))</title></circle>")
            }
            elements.append("<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
        }
        return (elements + markers + axes.categoryLabels(), ColumnAxes.height)
    }
}
