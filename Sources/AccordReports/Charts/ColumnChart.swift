/// Vertical bars, side by side or stacked, one group per category.
enum ColumnChart {
    static func draw(_ data: ChartData, stacked: Bool, below headerBottom: Double, width: Double) -> ([String], Double) {
        let axes = ColumnAxes(data, scale: data.scale(stacked: stacked), below: headerBottom, width: width)
        var elements = axes.grid(data)
        let groupWidth = min(axes.band * 0.72, 48.0 * Double(stacked ? 1 : data.series.count))
        for segment in BarSegment.all(data, stacked: stacked) {
            let barWidth = stacked ? groupWidth : groupWidth / Double(data.series.count)
            let x = axes.center(segment.category) - groupWidth / 2 + Double(segment.slot) * barWidth
            let top = axes.y(max(segment.from, segment.to))
            let height = axes.y(min(segment.from, segment.to)) - top
            elements.append(SVGText.rect(x: x, y: top, width: barWidth, height: height,
                                         fill: data.color(series: segment.series, category: segment.category),
                                         tooltip: data.tooltip(category: segment.category, series: segment.series,
                                                               value: segment.value)))
        }
        return (elements + [axes.zeroLine()] + axes.categoryLabels(), ColumnAxes.height)
    }
}

/// Where each bar begins and ends along the value axis, and which slot of its category it takes.
struct BarSegment {
    let category: Int
    let series: Int
    let slot: Int
    let from: Double
    let to: Double
    let value: Double

    /// Bars side by side from zero, or stacked: positives upon positives, negatives below negatives.
    static func all(_ data: ChartData, stacked: Bool) -> [BarSegment] {
        var segments: [BarSegment] = []
        for category in data.categories.indices {
            var above = 0.0, below = 0.0
            for (index, series) in data.series.enumerated() {
                guard let value = series.values[category] else { continue }
                if !stacked {
                    segments.append(BarSegment(category: category, series: index, slot: index, from: 0, to: value, value: value))
                } else if value >= 0 {
                    segments.append(BarSegment(category: category, series: index, slot: 0, from: above, to: above + value,
                                               value: value))
                    above += value
                } else {
                    segments.append(BarSegment(category: category, series: index, slot: 0, from: below, to: below + value,
                                               value: value))
                    below += value
                }
            }
        }
        return segments
    }
}
