/// A date known to the year, the month or the day, as the source gives it:
/// `2019`, `2019-06`, `2020-04-17`. It is never widened or guessed into a finer one.
public struct PartialDate: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Precision: Int, Comparable, Sendable, CaseIterable {
        case year, month, day
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        public var name: String { ["year", "month", "day"][rawValue] }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let day {
            guard let month, CalendarDay(year: year, month: month, day: day) != nil else { return nil }
        } else if let month, !(1...12).contains(month) {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }

    /// `init(_:)` of the text's bytes, as a file holds them.
    init?(utf8 bytes: some Collection<UInt8>) {
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
        // ASCII digits with a dash after the year and the month: one byte a character.
        var numbers = (0, 0, 0), part = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                part += 1
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch part {
            case 0: numbers.0 = numbers.0 * 10 + digit
            case 1: numbers.1 = numbers.1 * 10 + digit
            default: numbers.2 = numbers.2 * 10 + digit
            }
        }
        self.init(year: numbers.0, month: part > 0 ? numbers.1 : nil, day: part > 1 ? numbers.2 : nil)
    }

    public init(_ day: CalendarDay) {
        self.year = day.year
        self.month = day.month
        self.day = day.day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// The first day the date may stand for.
    public var first: CalendarDay {
        CalendarDay(year: year, month: month ?? 1, day: day ?? 1)!
    }

    /// The last day the date may stand for.
    public var last: CalendarDay {
        let m = month ?? 12
        return CalendarDay(year: year, month: m, day: day ?? CalendarDay.daysIn(month: m, year: year))!
    }

    public var description: String { dateText(year, month, day) }

    /// Orders by first day, then coarser before finer.
    public static func < (a: Self, b: Self) -> Bool {
        a.first != b.first ? a.first < b.first : a.precision < b.precision
    }
}
