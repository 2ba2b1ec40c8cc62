import Foundation

/// The frame of a chart with categories along the bottom and values up the left: gridlines
/// at nice ticks, the unit above them, and category labels that turn aslant, shorten
/// and thin out when they do not fit side by side. Periods (a time axis) never turn aslant:
/// they thin out, every n-th labelled, and months by their years once they are many.
struct ColumnAxes {
    static let height = 360.0
    static let labelSize = 11.0

    let scale: NiceScale
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    private let labels: [String]
    private let aslant: Bool
    private let every: Int

    /// - Parameter reserved: room kept free right of the plot (for labels at the lines' ends).
    init(_ data: ChartData, scale: NiceScale, below headerBottom: Double, width: Double, timeAxis: Bool = false,
         reserved: Double = 0) {
        self.scale = scale
        let tickWidth = scale.ticks.map { SVGText.width(data.tickLabel($0, of: scale), size: ColumnAxes.labelSize) }.max() ?? 0
        let count = Double(max(1, data.categories.count))
        var left = max(44, 16 + tickWidth + 8)
        let right = width - 16 - reserved
        let band = (right - left) / count
        let upright = data.categories.map { SVGText.fitted($0, maxWidth: 150, size: ColumnAxes.labelSize) }
        if timeAxis {
            (labels, aslant, every) = ColumnAxes.periodLabels(data.categories, band: band)
            bottom = ColumnAxes.height - 30
        } else if upright.allSatisfy({ SVGText.width($0, size: ColumnAxes.labelSize) <= band - 6 }) {
            (labels, aslant, every) = (upright, false, 1)
            bottom = ColumnAxes.height - 30
        } else {
            labels = data.categories.map { SVGText.fitted($0, maxWidth: 110, size: ColumnAxes.labelSize) }
            aslant = true
            let longest = labels.map { SVGText.width($0, size: ColumnAxes.labelSize) }.max() ?? 0
            let firstLabelReach = longest * cos(ColumnAxes.slant) - band / 2
            left = max(left, 8 + firstLabelReach)
            every = max(1, Int((15 / ((right - left) / count)).rounded(.up)))
            bottom = ColumnAxes.height - (22 + longest * sin(ColumnAxes.slant))
        }
        self.left = left
        self.right = right
        top = headerBottom + 26
    }

    /// Period labels that fit upright: all when they do, else every n-th; twelve or more months
    /// are labelled by their years, at each January.
    private static func periodLabels(_ periods: [String], band: Double) -> ([String], Bool, Int) {
        let widest = periods.map { SVGText.width($0, size: labelSize) }.max() ?? 0
        let months = periods.count >= 12 && periods.allSatisfy { $0.wholeMatch(of: /\d{4}-\d{2}/) != nil }
        if months, widest + 6 > band {
            let years = periods.map { $0.hasSuffix("-01") ? String($0.prefix(4)) : "" }
            return (years, false, 1)
        }
        let every = max(1, Int(((widest + 8) / max(band, 1)).rounded(.up)))
        // Counting back from the last period, so that the newest is always labelled.
        let offset = (periods.count - 1) % every
        return (periods.enumerated().map { ($0.offset - offset) % every == 0 ? $0.element : "" }, false, 1)
    }

    /// How far aslant labels turn: 40°.
    private static let slant = Double.pi * 40 / 180

    var band: Double { (right - left) / Double(max(1, labels.count)) }

    func center(_ category: Int) -> Double { left + (Double(category) + 0.5) * band }

    func y(_ value: Double) -> Double { bottom - scale.fraction(value) * (bottom - top) }

    /// Gridlines and tick labels, drawn under the data.
    func grid(_ data: ChartData) -> [String] {
        var elements: [String] = []
        if let unit = data.axisUnit {
            elements.append(SVGText.text(unit, x: 16, y: top - 14, "font-size=\"11\" fill=\"\(ChartRenderer.muted)\""))
        }
        for tick in scale.ticks {
            let y = self.y(tick)
            elements.append(SVGText.line(x1: left, y1: y, x2: right, y2: y, "stroke=\"#e4e7eb\" shape-rendering=\"crispEdges\""))
            elements.append(SVGText.text(data.tickLabel(tick, of: scale), x: left - 8, y: y + 4,
                                         "text-anchor=\"end\" font-size=\"11\" fill=\"\(ChartRenderer.muted)\""))
        }
        return elements
    }

    /// The line at zero, which bars grow from.
    func zeroLine() -> String {
        SVGText.line(x1: left, y1: y(0), x2: right, y2: y(0), "stroke=\"#57606a\" shape-rendering=\"crispEdges\"")
    }

    /// The category labels under the plot.
    func categoryLabels() -> [String] {
        var elements: [String] = []
        for (index, label) in labels.enumerated() where index % every == 0 && !label.isEmpty {
            let x = center(index)
            if aslant {
                let y = bottom + 14
                elements.append(SVGText.text(label, x: x, y: y, "text-anchor=\"end\" font-size=\"11\" "
                    + "transform=\"rotate(-40 \(SVGText.number(x)) \(SVGText.number(y)))\""))
            } else {
                elements.append(SVGText.text(label, x: x, y: bottom + 18, "text-anchor=\"middle\" font-size=\"11\""))
            }
        }
        return elements
    }
}
