/// A key figure's recent values as a small line, drawn in its tile: the shape of the trend at
/// a glance, the last value marked. No axes; the values are in its tooltip.
enum Sparkline {
    static let width = 96.0
    static let height = 24.0

    /// `values` as block characters, for text: `▁▁▃▂▅█`.
    static func text(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let high = values.max(), let low = values.min(), high > low else {
            return String(repeating: blocks[0], count: values.count)
        }
        return String(values.map { blocks[Int(((($0 - low) / (high - low)) * Double(blocks.count - 1)).rounded())] })
    }

    /// An inline SVG for `values` (oldest first), or nil for fewer than two.
    static func svg(_ values: [Double], periods: String, unit: String?) -> String? {
        guard values.count >= 2, values.allSatisfy(\.isFinite) else { return nil }
        let low = min(values.min()!, 0), high = max(values.max()!, low + 1)
        let step = (width - 6) / Double(values.count - 1)
        let points = values.enumerated().map { index, value in
            (x: 3 + Double(index) * step, y: height - 3 - (value - low) / (high - low) * (height - 6))
        }
        let path = points.map { "\(SVGText.number($0.x)),\(SVGText.number($0.y))" }.joined(separator: " ")
        let last = points[points.count - 1]
        let said = values.map { NumberFormat.value($0, unit: unit) }.joined(separator: ", ")
        return "<svg class=\"sparkline\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" "
            + "width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLEscaping.escape(periods)): \(HTMLEscaping.escape(said))\">"
            + "<title>\(HTMLEscaping.escape(periods)): \(HTMLEscaping.escape(said))</title>"
            + "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>"
            + "<circle cx=\"\(SVGText.number(last.x))\" cy=\"\(SVGText.number(last.y))\" r=\"2.5\" fill=\"#0072B2\"/></svg>"
    }
}
