import Foundation

/// The frame of a chart with categories along the bottom and values up the left: gridlines
/// at nice ticks, the unit above them, and category labels that turn aslant, shorten
/// and thin out when they do not fit side by side.
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

    init(_ data: ChartData, scale: NiceScale, below headerBottom: Double, width: Double) {
        self.scale = scale
        let tickWidth = scale.ticks.map { SVGText.width(data.tickLabel($0, of: scale), size: ColumnAxes.labelSize) }.max() ?? 0
        let count = Double(max(1, data.categories.count))
        var left = max(44, 16 + tickWidth + 8)
        let right = width - 16
        let band = (right - left) / count
        let upright = data.categories.map { SVGText.fitted($0, maxWidth: 150, size: ColumnAxes.labelSize) }
        if upright.allSatisfy({ SVGText.width($0, size: ColumnAxes.labelSize) <= band - 6 }) {
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
        for (index, label) in labels.enumerated() where index % every == 0 {
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
