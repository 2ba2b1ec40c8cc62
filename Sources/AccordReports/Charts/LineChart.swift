/// Lines through each series' values over the categories (periods), with a marker on every
/// value; a missing value breaks the line. A few lines are named at their ends, where the
/// eye is, rather than in a legend.
enum LineChart {
    /// Up to this many lines are named at their ends; more get a legend.
    static let endLabelLimit = 6

    /// Whether `data`'s lines are named at their ends (else the header draws a legend): a few
    /// lines whose names fit whole in a third of the width.
    static func namesLinesAtTheirEnds(_ data: ChartData, width: Double) -> Bool {
        data.series.count > 1 && data.series.count <= endLabelLimit
            && data.series.allSatisfy { SVGText.width($0.name, size: 11, bold: true) <= width / 3 }
    }

    static func draw(_ data: ChartData, below headerBottom: Double, width: Double) -> ([String], Double) {
        let names = namesLinesAtTheirEnds(data, width: width) ? data.series.map(\.name) : []
        let reserved = names.isEmpty ? 0 : (names.map { SVGText.width($0, size: 11, bold: true) }.max() ?? 0) + 12
        let axes = ColumnAxes(data, scale: data.scale(stacked: false), below: headerBottom, width: width, timeAxis: true,
                              reserved: reserved)
        var elements = axes.grid(data) + [axes.zeroLine()]
        var markers: [String] = []
        var ends: [(y: Double, index: Int)] = []
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
            let dashes = ChartPalette.dashes(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
            elements.append("<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dashes) "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
            if let last = series.values.last(where: { $0 != nil }) ?? nil { ends.append((axes.y(last), index)) }
        }
        var labels: [String] = []
        if !names.isEmpty {
            let x = axes.center(data.categories.count - 1) + 10
            for (y, index) in spread(ends, apart: 13, within: axes.top...axes.bottom) {
                labels.append(SVGText.text(names[index], x: x, y: y + 4,
                                           "font-size=\"11\" font-weight=\"600\" fill=\"\(ChartPalette.color(index))\""))
            }
        }
        return (elements + markers + labels + axes.categoryLabels(), ColumnAxes.height)
    }

    /// The lines' end heights moved apart, in order, until every two are `apart` or more
    /// apart, and kept within `bounds`.
    static func spread(_ ends: [(y: Double, index: Int)], apart: Double,
                       within bounds: ClosedRange<Double>) -> [(y: Double, index: Int)] {
        var placed = ends.sorted { ($0.y, $0.index) < ($1.y, $1.index) }
        guard !placed.isEmpty else { return [] }
        placed[0].y = max(placed[0].y, bounds.lowerBound)
        for i in placed.indices.dropFirst() { placed[i].y = max(placed[i].y, placed[i - 1].y + apart) }
        // Pushed past the bottom: move the stack back up, keeping the gaps.
        let overflow = placed[placed.count - 1].y - bounds.upperBound
        if overflow > 0 {
            placed[placed.count - 1].y -= overflow
            for i in placed.indices.dropLast().reversed() { placed[i].y = min(placed[i].y, placed[i + 1].y - apart) }
        }
        return placed
    }
}
