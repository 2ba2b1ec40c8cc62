import Foundation

/// Measures and numbers for drawing SVG without a font engine.
enum SVGText {
    /// A coordinate, to a tenth: `12`, `12.5`.
    static func number(_ value: Double) -> String {
        NumberFormat.grouped(value, decimals: 1, trimmed: true, separator: "")
    }

    /// How wide `text` is drawn at `size` (see `TextWidth`): never narrower than the browser draws it.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        TextWidth.of(text, size: size, bold: bold)
    }

    /// `text`, cut with `…` to fit `maxWidth`.
    static func fitted(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
        guard width(text, size: size, bold: bold) > maxWidth else { return text }
        let room = maxWidth - width("…", size: size, bold: bold)
        var kept = Substring(text)
        while !kept.isEmpty, width(String(kept), size: size, bold: bold) > room { kept = kept.dropLast() }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `text` broken between words into at most `lines` lines that fit `maxWidth`; the last
    /// is cut with `…` when the text does not fit.
    static func wrapped(_ text: String, maxWidth: Double, size: Double, bold: Bool = false, lines: Int) -> [String] {
        var out: [String] = []
        var rest = text.split(separator: " ").map(String.init)
        while !rest.isEmpty {
            if out.count == lines - 1 {
                out.append(fitted(rest.joined(separator: " "), maxWidth: maxWidth, size: size, bold: bold))
                break
            }
            var line = rest.removeFirst()
            while let next = rest.first, width(line + " " + next, size: size, bold: bold) <= maxWidth {
                line += " " + rest.removeFirst()
            }
            out.append(fitted(line, maxWidth: maxWidth, size: size, bold: bold))
        }
        return out.isEmpty ? [""] : out
    }

    /// A `<text>` element; `attributes` are written as given.
    static func text(_ content: String, x: Double, y: Double, _ attributes: String = "") -> String {
        let extra = attributes.isEmpty ? "" : " " + attributes
        return "<text x=\"\(number(x))\" y=\"\(number(y))\"\(extra)>\(HTMLEscaping.escape(content))</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, _ attributes: String) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" \(attributes)/>"
    }

    /// A filled rectangle with a tooltip.
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" "
            + "fill=\"\(fill)\"><title>\(HTMLEscaping.escape(tooltip))</title></rect>"
    }
}
