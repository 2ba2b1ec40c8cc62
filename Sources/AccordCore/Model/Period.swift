import Foundation

/// A reporting period with inclusive bounds: a year, a quarter, a month or an
/// ISO week; a fiscal year or quarter (`FY2020`, `FY2020-Q1`); or a span of
/// days (`2020-01-01..2020-08-15`, which `ytd` stands for).
///
/// A fiscal year is named by the calendar year it ends in: with years starting
/// in April, FY2020 runs from 1 April 2019 to 31 March 2020.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public enum Grain: String, CaseIterable, Sendable {
        case year, quarter, month, week, span
    }

    /// How a partial date relates to a period.
    public enum Membership: String, CaseIterable, Sendable {
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
    /// Quarter 1–4, month 1–12 or week 1–53; nil for a year or a span.
    public let index: Int?
    public let start: CalendarDay
    public let finish: CalendarDay
    /// For a fiscal year or quarter, the month its years start in.
    public let fiscalStart: Int?

    init(grain: Grain, year: Int, index: Int?, start: CalendarDay, finish: CalendarDay, fiscalStart: Int? = nil) {
        self.grain = grain
        self.year = year
        self.index = index
        self.start = start
        self.finish = finish
        self.fiscalStart = fiscalStart
    }

    /// Fiscal year `year` (named by the year it ends in) of years starting in `startMonth`.
    public static func fiscalYear(_ year: Int, startMonth: Int) -> Period {
        let start = startMonth == 1 ? CalendarDay.firstOf(year: year, month: 1) : CalendarDay.firstOf(year: year - 1, month: startMonth)
        return Period(grain: .year, year: year, index: nil, start: start,
                      finish: CalendarDay.firstOf(year: start.year, month: start.month + 12).adding(days: -1),
                      fiscalStart: startMonth)
    }

    /// Quarter `q` (1–4) of fiscal year `year`.
    public static func fiscalQuarter(_ year: Int, _ q: Int, startMonth: Int) -> Period {
        precondition((1...4).contains(q), "quarter \(q) is not 1 to 4")
        let yearStart = fiscalYear(year, startMonth: startMonth).start
        let start = CalendarDay.firstOf(year: yearStart.year, month: yearStart.month + 3 * (q - 1))
        return Period(grain: .quarter, year: year, index: q, start: start,
                      finish: CalendarDay.firstOf(year: start.year, month: start.month + 3).adding(days: -1),
                      fiscalStart: startMonth)
    }

    /// The days from `start` to `finish`, both included.
    public static func span(_ start: CalendarDay, _ finish: CalendarDay) -> Period {
        precondition(start <= finish, "a span ends after it starts")
        return Period(grain: .span, year: start.year, index: nil, start: start, finish: finish)
    }

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

    /// The period of `grain` that contains `day`: fiscal when `fiscalStart`
    /// is given (for years and quarters). A span grain gives the day itself.
    public static func containing(_ day: CalendarDay, grain: Grain, fiscalStart: Int? = nil) -> Period {
        if let m = fiscalStart, grain == .year || grain == .quarter {
            let fiscalYear = m == 1 || day.month < m ? day.year : day.year + 1
            let quarter = ((day.month - m + 12) % 12) / 3 + 1
            return grain == .year ? .fiscalYear(fiscalYear, startMonth: m) : .fiscalQuarter(fiscalYear, quarter, startMonth: m)
        }
        switch grain {
        case .year: return .year(day.year)
        case .quarter: return .quarter(day.year, (day.month - 1) / 3 + 1)
        case .month: return .month(day.year, day.month)
        case .week:
            var y = day.year + 1
            while isoWeekOneMonday(y) > day { y -= 1 }
            return .week(y, (day.dayNumber - isoWeekOneMonday(y).dayNumber) / 7 + 1)
        case .span: return .span(day, day)
        }
    }

    /// Parses `2019`, `2019-Q4`, `2019-06`, `2019-W27`, `FY2020`, `FY2020-Q1`,
    /// `2020-01-01..2020-08-15`, and, against `asOf`, `ytd` and `this-` or
    /// `last-` followed by `year`, `quarter`, `month`, `week`, `fiscal-year` or
    /// `fiscal-quarter`. Fiscal years start in month `fiscalYearStart`.
    public static func parse(_ text: String, asOf: CalendarDay? = nil, fiscalYearStart: Int = 1) throws(PeriodError) -> Period {
        let t = text.trimmingCharacters(in: .whitespaces)
        func needAsOf() throws(PeriodError) -> CalendarDay {
            guard let asOf else { throw PeriodError(text: text, reason: "a relative period needs an as-of date") }
            return asOf
        }
        if t == "ytd" {
            let day = try needAsOf()
            return .span(CalendarDay(year: day.year, month: 1, day: 1)!, day)
        }
        for prefix in ["last-", "this-"] where t.hasPrefix(prefix) {
            var name = String(t.dropFirst(prefix.count))
            let fiscal = name.hasPrefix("fiscal-")
            if fiscal { name.removeFirst("fiscal-".count) }
            guard let grain = Grain(rawValue: name), grain != .span, !fiscal || grain == .year || grain == .quarter else { break }
            let current = containing(try needAsOf(), grain: grain, fiscalStart: fiscal ? fiscalYearStart : nil)
            return prefix == "last-" ? current.previous() : current
        }
        if let range = t.range(of: "..") {
            guard let first = PartialDate(String(t[..<range.lowerBound])), first.precision == .day,
                  let last = PartialDate(String(t[range.upperBound...])), last.precision == .day else {
                throw PeriodError(text: text, reason: "a span is two days, YYYY-MM-DD..YYYY-MM-DD")
            }
            guard first.first <= last.first else { throw PeriodError(text: text, reason: "the span ends before it starts") }
            return .span(first.first, last.first)
        }
        if t.hasPrefix("FY") {
            let parts = t.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false)
            guard let y = parts.first, y.count == 4, let year = digits(y), year > 1 else {
                throw PeriodError(text: text, reason: "expected FYYYYY or FYYYYY-Qn")
            }
            if parts.count == 1 { return .fiscalYear(year, startMonth: fiscalYearStart) }
            guard parts.count == 2, parts[1].count == 2, parts[1].hasPrefix("Q"), let q = digits(parts[1].dropFirst()),
                  (1...4).contains(q) else {
                throw PeriodError(text: text, reason: "expected FYYYYY or FYYYYY-Qn with a quarter 1 to 4")
            }
            return .fiscalQuarter(year, q, startMonth: fiscalYearStart)
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

    /// `2019`, `2019-Q4`, `2019-06`, `2019-W27`, `FY2020`, `FY2020-Q1` or `2020-01-01..2020-08-15`.
    public var label: String {
        if fiscalStart != nil {
            return "FY\(pad(year, 4))" + (index.map { "-Q\($0)" } ?? "")
        }
        switch grain {
        case .span: return "\(start)..\(finish)"
        case .year: return pad(year, 4)
        case .quarter: return "\(pad(year, 4))-Q\(index!)"
        case .month: return "\(pad(year, 4))-\(pad(index!, 2))"
        case .week: return "\(pad(year, 4))-W\(pad(index!, 2))"
        }
    }

    public var description: String { label }

    /// The number of days in the period.
    public var days: Int { finish.dayNumber - start.dayNumber + 1 }

    /// The period just before, of the same grain. A span (`ytd`) compares with
    /// the same span a year before, so its previous period is that one.
    public func previous() -> Period {
        if grain == .span { return yearBefore() }
        return Period.containing(start.adding(days: -1), grain: grain, fiscalStart: fiscalStart)
    }

    public func next() -> Period {
        if grain == .span {
            return .span(start.sameDayYearAfter, finish.sameDayYearAfter)
        }
        return Period.containing(finish.adding(days: 1), grain: grain, fiscalStart: fiscalStart)
    }

    /// The same period one year earlier (week 53 falls back to week 52; a
    /// span's 29 February to the 28th).
    public func yearBefore() -> Period {
        if let m = fiscalStart {
            return index.map { .fiscalQuarter(year - 1, $0, startMonth: m) } ?? .fiscalYear(year - 1, startMonth: m)
        }
        switch grain {
        case .span: return .span(start.sameDayYearBefore, finish.sameDayYearBefore)
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

/// What period labels are read against: the day relative labels count from,
/// and the month fiscal years start in.
public struct PeriodContext: Sendable, Equatable {
    public var asOf: CalendarDay
    public var fiscalYearStart: Int

    public init(asOf: CalendarDay, fiscalYearStart: Int = 1) {
        self.asOf = asOf
        self.fiscalYearStart = fiscalYearStart
    }

    public func parse(_ text: String) throws(PeriodError) -> Period {
        try Period.parse(text, asOf: asOf, fiscalYearStart: fiscalYearStart)
    }
}
