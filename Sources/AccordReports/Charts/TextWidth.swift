/// How wide text is drawn, without a font engine: the advance of each printable
/// ASCII character in the wider of DejaVu Sans (the sans-serif most Linux
/// browsers fall back to) and Noto Sans CJK, in ems; Hangul, kana, CJK
/// ideographs and full-width forms take a whole em; other characters a
/// generous average. Labels measured so are never wider than the drawing.
enum TextWidth {
    /// The width of `text` at `size`, bold when `bold`.
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        let table = bold ? Self.bold : Self.regular
        var ems = 0.0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 32 && value < 127 {
                ems += table[Int(value - 32)]
            } else if isWide(value) {
                ems += 1
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                ems += bold ? 0.75 : 0.68
            }
        }
        return ems * size
    }

    /// East Asian wide and full-width characters: Hangul, kana, CJK ideographs and punctuation.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    private static let regular: [Double] = [
        0.318, 0.401, 0.474, 0.838, 0.636, 0.95, 0.78, 0.278, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.392,
        0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
        1, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.535, 0.656, 0.557, 0.863, 0.748, 0.787,
        0.633, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.392, 0.39, 0.838, 0.559,
        0.606, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.284, 0.974, 0.634, 0.612,
        0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
    ]

    private static let bold: [Double] = [
        0.348, 0.456, 0.574, 0.838, 0.696, 1.002, 0.872, 0.325, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38, 0.387,
        0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838, 0.838, 0.58,
        1.007, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.568, 0.775, 0.637, 0.995, 0.837, 0.85,
        0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.387, 0.457, 0.838, 0.567,
        0.626, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687,
        0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
    ]
}
