/// How a key figure reads outside a rendered report (an e-mail, a chat message): the value in
/// its unit and its change against an earlier period, as every renderer writes them.
public enum FigureText {
    /// `1,234`, `25.0%`, `1,500,000 KRW`.
    public static func value(_ value: Double, unit: String?) -> String {
        NumberFormat.value(value, unit: unit)
    }

    /// `▲ +3 (+33.3%)`, `no change`, `–` when there is nothing to compare with.
    public static func change(from earlier: Double?, to value: Double, unit: String?) -> String {
        Change(from: earlier, to: value, unit: unit).text
    }
}
