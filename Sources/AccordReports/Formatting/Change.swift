/// How a key figure moved against an earlier period: `▲ +3 (+33.3%)`.
struct Change: Equatable {
    enum Direction: String {
        case up, down, flat, new, absent
    }

    let direction: Direction
    /// `▲`, `▼` or empty.
    let arrow: String
    /// `+3 (+33.3%)`, `+3 (new)`, `no change`, `–`.
    let detail: String

    /// `value` against `earlier`, both in `unit`; a change in percent is in percentage points.
    init(from earlier: Double?, to value: Double, unit: String?) {
        guard let earlier, earlier.isFinite, value.isFinite else {
            (direction, arrow, detail) = (.absent, "", "–")
            return
        }
        let delta = value - earlier
        let arrow = delta > 0 ? "▲" : "▼"
        let signed = NumberFormat.signed(delta, unit: unit)
        if delta == 0 {
            (direction, self.arrow, detail) = (.flat, "", "no change")
        } else if earlier == 0 {
            (direction, self.arrow, detail) = (.new, arrow, "\(signed) (new)")
        } else if unit == "%" {
            (direction, self.arrow, detail) = (delta > 0 ? .up : .down, arrow, signed)
        } else {
            let relative = NumberFormat.percent(delta / abs(earlier) * 100)
            (direction, self.arrow, detail) = (delta > 0 ? .up : .down, arrow, "\(signed) (\(delta > 0 ? "+" : "")\(relative))")
        }
    }

    /// `▲ +3 (+33.3%)`.
    var text: String { arrow.isEmpty ? detail : "\(arrow) \(detail)" }
}
