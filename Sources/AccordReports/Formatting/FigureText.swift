/// How a key figure reads outside a rendered report (an e-mail, a chat message): the value in
/// its unit and its change against an earlier period, as every renderer writes them.
public enum FigureText {
    /// `1,234`, `25.0%`, `1,500,000 KRW`.
    public static func value(_ value: Double, unit: String?) -> String {
        NumberFormat.value(value, unit: unit)
    }

    /// `New partnerships: 5 (▲ +3 (+150.0%) against 2020-Q3; ▲ +1 (+25.0%) against 2019-Q4)`: the
    /// changes it has, against the year before too when `yearBefore` and that is another period.
    public static func line(_ figure: KeyFigure, in period: ReportPeriod, yearBefore: Bool = true) -> String {
        var line = "\(figure.label): \(value(figure.value, unit: figure.unit))"
        var changes: [String] = []
        if figure.previous != nil || (yearBefore && figure.yearBefore != nil) {
            changes.append("\(change(from: figure.previous, to: figure.value, unit: figure.unit)) against \(period.previous)")
        }
        if yearBefore, figure.previous != nil || figure.yearBefore != nil, period.yearBefore != period.previous {
            changes.append("\(change(from: figure.yearBefore, to: figure.value, unit: figure.unit)) against \(period.yearBefore)")
        }
        if !changes.isEmpty { line += " (" + changes.joined(separator: "; ") + ")" }
        return line
    }

    /// `▲ +3 (+33.3%)`, `no change`, `–` when there is nothing to compare with.
    public static func change(from earlier: Double?, to value: Double, unit: String?) -> String {
        Change(from: earlier, to: value, unit: unit).text
    }
}
