import Foundation

/// A reporting period: a year, a quarter, a month or an ISO week, with inclusive bounds.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public enum Grain: String, CaseIterable, Sendable {
        case year, quarter, month, week
    }

    /// How a partial date relates to a period.
    public enum Membership: String, Sendable {
        /// Every day the date may stand for lies in the period.
        case inside
        /// No day the date may stand for lies in the period.
        case outside
        /// The date is too coarse to tell (a date known only as `2019` against `2019-Q4`).
        case coarser
    }

    public let grain: Grain
    /// The year, or for weeks the ISO week-numbering year.
    public let year: Int
    /// Quarter 1–4, month 1–12 or week 1–53; nil for a year.
    public let index: Int?
    public let start: CalendarDay
    public let finish: CalendarDay

    public static func year(_ year: Int) -> Period {
        Period(grain: .year, year: year, index: nil,
               start: CalendarDay(year: year, month: 1, day: 1)!, finish: CalendarDay(year: year, month: 12, day: 31)!)
    }

    /// Quarter `q` (1–4) of `year`.
    public static func quarter(_ year: Int, _ q: Int) -> Period {
        precondition((1...4).contains(q), "quarter \(q) is not 1 to 4")
        let first = (q - 1) * 3 + 1
        return Period(grain: .quarter, year: year, index: q,
                      start: CalendarDay(year: year, month: first, day: 1)!,
                      finish: CalendarDay(year: year, month: first + 2, day: CalendarDay.daysIn(month: first + 2, year: year))!)
    }

    /// Month `m` (1–12) of `year`.
    public static func month(_ year: Int, _ m: Int) -> Period {
        precondition((1...12).contains(m), "month \(m) is not 1 to 12")
        return Period(grain: .month, year: year, index: m,
               start: CalendarDay(year: year, month: m, day: 1)!,
               finish: CalendarDay(year: year, month: m, day: CalendarDay.daysIn(month: m, year: year))!)
    }

    /// ISO 8601 week `w` of week-numbering year `year`.
    public static func week(_ year: Int, _ w: Int) -> Period {
        precondition(w >= 1 && w <= isoWeeks(in: year), "\(year) has no week \(w)")
        let start = isoWeekOneMonday(year).adding(days: (w - 1) * 7)
        return Period(grain: .week, year: year, index: w, start: start, finish: start.adding(days: 6))
    }

    static func isoWeekOneMonday(_ year: Int) -> CalendarDay {
        let jan4 = CalendarDay(year: year, month: 1, day: 4)!
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    static func isoWeeks(in year: Int) -> Int {
        (isoWeekOneMonday(year + 1).dayNumber - isoWeekOneMonday(year).dayNumber) / 7
    }

    /// The period of `grain` that contains `day`.
    public static func containing(_ day: CalendarDay, grain: Grain) -> Period {
        switch grain {
        case .year: return .year(day.year)
        case .quarter: return .quarter(day.year, (day.month - 1) / 3 + 1)
        case .month: return .month(day.year, day.month)
        case .week:
            var y = day.year + 1
            while isoWeekOneMonday(y) > day { y -= 1 }
            return .week(y, (day.dayNumber - isoWeekOneMonday(y).dayNumber) / 7 + 1)
        }
    }

    /// Parses `2019`, `2019-Q4`, `2019-06`, `2019-W27`, and, against `asOf`,
    /// `this-` and `last-` followed by `year`, `quarter`, `month` or `week`.
    public static func parse(_ text: String, asOf: CalendarDay? = nil) throws(PeriodError) -> Period {
        let t = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["last-", "this-"] where t.hasPrefix(prefix) {
            guard let grain = Grain(rawValue: String(t.dropFirst(prefix.count))) else { break }
            guard let asOf else { throw PeriodError(text: text, reason: "a relative period needs an as-of date") }
            let current = containing(asOf, grain: grain)
            return prefix == "last-" ? current.previous() : current
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = digits(first), year >= 1 else {
            throw PeriodError(text: text, reason: "expected YYYY, YYYY-Qn, YYYY-MM or YYYY-Www")
        }
        if parts.count == 1 { return .year(year) }
        guard parts.count == 2 else { throw PeriodError(text: text, reason: "expected YYYY, YYYY-Qn, YYYY-MM or YYYY-Www") }
        let rest = parts[1]
        if rest.hasPrefix("Q"), let q = digits(rest.dropFirst()), rest.count == 2 {
            guard (1...4).contains(q) else { throw PeriodError(text: text, reason: "quarter must be 1 to 4") }
            return .quarter(year, q)
        }
        if rest.hasPrefix("W"), rest.count == 3, let w = digits(rest.dropFirst()) {
            guard w >= 1, w <= isoWeeks(in: year) else {
                throw PeriodError(text: text, reason: "\(year) has weeks 1 to \(isoWeeks(in: year))")
            }
            return .week(year, w)
        }
        if rest.count == 2, let m = digits(rest) {
            guard (1...12).contains(m) else { throw PeriodError(text: text, reason: "month must be 01 to 12") }
            return .month(year, m)
        }
        throw PeriodError(text: text, reason: "expected YYYY, YYYY-Qn, YYYY-MM or YYYY-Www")
    }

    /// The number `text` spells in ASCII digits only (`Int` alone would take `+1`).
    private static func digits<S: StringProtocol>(_ text: S) -> Int? {
        text.allSatisfy { $0.isASCII && $0.isNumber } ? Int(text) : nil
    }

    /// `2019`, `2019-Q4`, `2019-06` or `2019-W27`.
    public var label: String {
        switch grain {
        case .year: return pad(year, 4)
        case .quarter: return "\(pad(year, 4))-Q\(index!)"
        case .month: return "\(pad(year, 4))-\(pad(index!, 2))"
        case .week: return "\(pad(year, 4))-W\(pad(index!, 2))"
        }
    }

    public var description: String { label }

    public func previous() -> Period { Period.containing(start.adding(days: -1), grain: grain) }
    public func next() -> Period { Period.containing(finish.adding(days: 1), grain: grain) }

    /// The same period one year earlier (week 53 falls back to week 52).
    public func yearBefore() -> Period {
        switch grain {
        case .year: return .year(year - 1)
        case .quarter: return .quarter(year - 1, index!)
        case .month: return .month(year - 1, index!)
        case .week: return .week(year - 1, min(index!, Period.isoWeeks(in: year - 1)))
        }
    }

    public func contains(_ day: CalendarDay) -> Bool { start <= day && day <= finish }

    /// Whether a partial date falls in the period. A date coarser than the period
    /// that overlaps it is `coarser`, never guessed `inside`.
    public func membership(of date: PartialDate) -> Membership {
        let (first, last) = (date.first, date.last)
        if last < start || first > finish { return .outside }
        if first >= start && last <= finish { return .inside }
        return .coarser
    }
}

public struct PeriodError: Error, CustomStringConvertible, Equatable {
    public let text: String
    public let reason: String
    public var description: String { "invalid period '\(text)': \(reason)" }
}
