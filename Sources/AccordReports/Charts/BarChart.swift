/// Horizontal bars for rankings and names: category labels on the left (on two lines when a
/// name is too long for one, as on a phone), values along the bottom, and each bar's value (or
/// stack's total) at its end. Taller with every category.
/// The category lumping the rest together is drawn apart: below a gap, in grey, outside the
/// scale (a longer bar stops at the plot's end, its value said at the end).
enum BarChart {
    static let rowHeight = 28.0
    /// The height of a row when some category's label takes two lines.
    static let twoLineRowHeight = 38.0
    private static let labelSize = 12.0
    /// The distance between the baselines of a label's two lines.
    private static let lineHeight = 14.0
    /// The space above the category lumping the rest, in rows.
    private static let otherGap = 0.5

    static func draw(_ data: ChartData, stacked: Bool, below headerBottom: Double, width: Double) -> ([String], Double) {
        let scale = data.scale(stacked: stacked, other: false)
        // Labels may take up to half the width, on two lines: enough for most names, never most of the chart.
        let labels = data.categories.map { SVGText.wrapped($0, maxWidth: width * 0.5, size: labelSize, lines: 2) }
        let rowHeight = labels.contains { $0.count > 1 } ? Self.twoLineRowHeight : Self.rowHeight
        let ends = endLabels(data, stacked: stacked)
        let left = 16 + (labels.joined().map { SVGText.width($0, size: labelSize) }.max() ?? 0) + 10
        let right = width - 16 - max(12, (ends.compactMap { $0 }.map { SVGText.width($0, size: 11) }.max() ?? 0) + 6)
        let top = headerBottom + 10
        /// Where row `index` starts, below the gap for the category lumping the rest.
        let rowTop = { (index: Int) in
            top + rowHeight * (Double(index) + (data.other.map { index >= $0 ? otherGap : 0 } ?? 0))
        }
        let plotBottom = rowTop(data.categories.count)
        // The axis and its grid span the named categories only.
        let gridBottom = data.other == data.categories.count - 1 ? rowTop(data.categories.count - 1) - rowHeight * otherGap
            : plotBottom
        let x = { (value: Double) in left + min(max(scale.fraction(value), 0), 1) * (right - left) }
        let muted = ChartRenderer.muted

        var elements: [String] = []
        for tick in scale.ticks {
            elements.append(SVGText.line(x1: x(tick), y1: top, x2: x(tick), y2: gridBottom,
                                         "stroke=\"#e4e7eb\" shape-rendering=\"crispEdges\""))
        }
        let ticksY = plotBottom + 16
        for tick in scale.ticks {
            elements.append(SVGText.text(data.tickLabel(tick, of: scale), x: x(tick), y: ticksY,
                                         "text-anchor=\"middle\" font-size=\"11\" fill=\"\(muted)\""))
        }
        if let unit = data.axisUnit {
            elements.append(SVGText.text(unit, x: right, y: ticksY + 18, "text-anchor=\"end\" font-size=\"11\" fill=\"\(muted)\""))
        }
        let groupHeight = Self.rowHeight * 0.7
        let barHeight = stacked ? groupHeight : groupHeight / Double(data.series.count)
        for segment in BarSegment.all(data, stacked: stacked) {
            let y = rowTop(segment.category) + (rowHeight - groupHeight) / 2 + Double(segment.slot) * barHeight
            let start = x(min(segment.from, segment.to))
            elements.append(SVGText.rect(x: start, y: y, width: x(max(segment.from, segment.to)) - start, height: barHeight,
                                         fill: data.color(series: segment.series, category: segment.category),
                                         tooltip: data.tooltip(category: segment.category, series: segment.series,
                                                               value: segment.value)))
        }
        elements.append(SVGText.line(x1: x(0), y1: top, x2: x(0), y2: gridBottom, "stroke=\"#57606a\" shape-rendering=\"crispEdges\""))
        let totals = totals(data)
        for (index, lines) in labels.enumerated() {
            let y = rowTop(index) + 0.5 * rowHeight + 4
            for (line, text) in lines.enumerated() {
                let offset = (Double(line) - Double(lines.count - 1) / 2) * Self.lineHeight
                elements.append(SVGText.text(text, x: left - 10, y: y + offset, "text-anchor=\"end\""
                    + (index == data.other ? " fill=\"\(muted)\"" : "")))
            }
            if let end = ends[index], let total = totals[index] {
                elements.append(SVGText.text(end, x: x(max(0, total)) + 6, y: y, "font-size=\"11\" fill=\"\(muted)\""))
            }
        }
        return (elements, ticksY + (data.axisUnit == nil ? 12 : 28))
    }

    /// The value at the end of each bar: shown for a single series, or a stack's total.
    private static func endLabels(_ data: ChartData, stacked: Bool) -> [String?] {
        guard stacked || data.series.count == 1 else { return data.categories.map { _ in nil } }
        return totals(data).map { total in total.map { NumberFormat.compact($0, unit: data.unit) } }
    }

    private static func totals(_ data: ChartData) -> [Double?] {
        data.categories.indices.map { index in
            let values = data.series.compactMap { $0.values[index] }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
    }
}
