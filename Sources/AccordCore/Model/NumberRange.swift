/// How large and how small the numbers Accord keeps and reports may be: 0, or
/// between `smallest` and a largest size, so that every one of them is written out
/// in full, without an exponent and without losing a digit a Double holds.
///
/// An amount in the data is at most `largestAmount`, a quintillion in its currency's
/// unit (1.2e15 VND, about USD 47 million, is well within). A report sums amounts, so
/// its numbers go up to `largestReported`: a million of the largest amounts.
public enum NumberRange {
    /// The smallest size other than 0.
    public static let smallest = 1e-6
    /// The largest amount a data file may give.
    public static let largestAmount = 1e18
    /// The largest number a report may show.
    public static let largestReported = 1e24

    /// Whether `value` is 0, or finite and between `smallest` and `largest` in size.
    public static func allows(_ value: Double, largest: Double) -> Bool {
        value == 0 || (value.magnitude >= smallest && value.magnitude <= largest)
    }
}
