import Testing
@testable import AccordCore

@Suite struct CalendarDayTests {
    @Test func rejectsImpossibleDays() {
        #expect(CalendarDay(year: 2019, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2020, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2019, month: 4, day: 31) == nil)
        #expect(CalendarDay(year: 2019, month: 13, day: 1) == nil)
    }

    @Test func convertsDayNumbersBothWays() {
        #expect(CalendarDay(dayNumber: 0).description == "1970-01-01")
        let day = CalendarDay(year: 2020, month: 4, day: 17)!
        #expect(CalendarDay(dayNumber: day.dayNumber) == day)
        #expect(CalendarDay(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        #expect(day.adding(days: 14).description == "2020-05-01")
    }

    @Test func knowsTheWeekday() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.isoWeekday == 4)
        #expect(CalendarDay(year: 2018, month: 12, day: 31)!.isoWeekday == 1)
        #expect(CalendarDay(year: 2019, month: 6, day: 30)!.isoWeekday == 7)
    }

    @Test func writesEveryDayOfFourCenturiesAsZeroPaddedNumbers() {
        for n in stride(from: CalendarDay(year: 1, month: 1, day: 1)!.dayNumber, through: CalendarDay(year: 2400, month: 12, day: 31)!.dayNumber,
                        by: 1) {
            let day = CalendarDay(dayNumber: n)
            let padded = [(day.year, 4), (day.month, 2), (day.day, 2)].map { n, width in
                String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
            }
            guard day.description == padded.joined(separator: "-") else {
                Issue.record("\(day.description) for \(padded)")
                return
            }
        }
        #expect(CalendarDay(year: 12, month: 3, day: 4)?.description == "0012-03-04")
        #expect(dateText(12_345, 6, nil) == "12345-06", "a year of five digits is written whole")
    }
}

@Suite struct PartialDateTests {
    @Test(arguments: ["2019", "2019-06", "2020-04-17", "2020-02-29"])
    func parsesEachPrecision(_ text: String) throws {
        let date = try #require(PartialDate(text))
        #expect(date.description == text)
    }

    @Test func knowsItsPrecisionAndBounds() {
        #expect(date("2019").precision == .year)
        #expect(date("2019-06").precision == .month)
        #expect(date("2019-06-15").precision == .day)
        #expect(date("2019").first.description == "2019-01-01")
        #expect(date("2019").last.description == "2019-12-31")
        #expect(date("2020-02").last.description == "2020-02-29")
        #expect(date("2019-06-15").first == date("2019-06-15").last)
    }

    @Test(arguments: ["2019-02-30", "2019-13", "2019-00", "2019-04-31", "0000", "2019-6", "19", "2019-06-1",
                      "2019/06", "June 2019", "", "2019-", "+201", "２０１９"])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(PartialDate(text) == nil)
    }

    @Test func ordersCoarserBeforeFiner() {
        #expect(date("2019") < date("2019-01"))
        #expect(date("2019-01") < date("2019-01-01"))
        #expect(date("2019-01-02") < date("2019-02"))
        #expect(date("2018-12-31") < date("2019"))
    }
}

@Suite struct PeriodTests {
    @Test(arguments: ["2019", "2019-Q4", "2019-06", "2019-W27", "2020-W53"])
    func parsesAndPrintsLabels(_ label: String) throws {
        #expect(try Period.parse(label).label == label)
    }

    @Test(arguments: ["2019-Q5", "2019-13", "2019-W53", "2019-W00", "19", "2019-06-01", "last-decade", "+201",
                      "2019-+1", "2019-W+1"])
    func rejectsBadPeriods(_ text: String) {
        #expect(throws: PeriodError.self) { try Period.parse(text) }
    }

    @Test func relativePeriodsNeedAnAsOfDate() throws {
        #expect(throws: PeriodError.self) { try Period.parse("last-quarter") }
        let asOf = CalendarDay(year: 2020, month: 1, day: 15)!
        #expect(try Period.parse("last-quarter", asOf: asOf).label == "2019-Q4")
        #expect(try Period.parse("this-month", asOf: asOf).label == "2020-01")
        #expect(try Period.parse("last-week", asOf: asOf).label == "2020-W02")
        #expect(try Period.parse("last-year", asOf: asOf).label == "2019")
    }

    @Test func fiscalYearsAreNamedByTheYearTheyEndIn() throws {
        let fy = try Period.parse("FY2020", fiscalYearStart: 4)
        #expect((fy.start.description, fy.finish.description) == ("2019-04-01", "2020-03-31"))
        let q1 = try Period.parse("FY2020-Q1", fiscalYearStart: 4)
        #expect((q1.start.description, q1.finish.description) == ("2019-04-01", "2019-06-30"))
        let q4 = try Period.parse("FY2020-Q4", fiscalYearStart: 4)
        #expect((q4.start.description, q4.finish.description) == ("2020-01-01", "2020-03-31"))
        #expect(q1.previous().label == "FY2019-Q4")
        #expect(q4.next().label == "FY2021-Q1")
        #expect(q1.yearBefore().label == "FY2019-Q1")
        #expect(fy.previous().label == "FY2019")
        let october = try Period.parse("FY2021", fiscalYearStart: 10)
        #expect((october.start.description, october.finish.description) == ("2020-10-01", "2021-09-30"))
        #expect(try Period.parse("FY2020").start.description == "2020-01-01")
        let asOf = CalendarDay(year: 2020, month: 5, day: 10)!
        #expect(try Period.parse("this-fiscal-year", asOf: asOf, fiscalYearStart: 4).label == "FY2021")
        #expect(try Period.parse("last-fiscal-quarter", asOf: asOf, fiscalYearStart: 4).label == "FY2020-Q4")
        for bad in ["FY20", "FY2020-Q5", "FY2020-06", "last-fiscal-month"] {
            #expect(throws: PeriodError.self, "\(bad)") { try Period.parse(bad, asOf: asOf, fiscalYearStart: 4) }
        }
    }

    @Test func yearToDateIsASpanComparedWithTheSameSpanLastYear() throws {
        let ytd = try Period.parse("ytd", asOf: CalendarDay(year: 2020, month: 2, day: 29)!)
        #expect(ytd.label == "2020-01-01..2020-02-29")
        #expect(ytd.yearBefore().label == "2019-01-01..2019-02-28")
        #expect(ytd.previous().label == "2019-01-01..2019-02-28")
        #expect(ytd.previous().next().label == "2020-01-01..2020-02-28")
        #expect(try Period.parse(ytd.label) == ytd)
        #expect(throws: PeriodError.self) { try Period.parse("2020-02-01..2020-01-01") }
        #expect(throws: PeriodError.self) { try Period.parse("2020-02..2020-03") }
    }

    @Test func quartersAndMonthsHaveTheirBounds() {
        #expect(Period.quarter(2019, 4).start.description == "2019-10-01")
        #expect(Period.quarter(2019, 4).finish.description == "2019-12-31")
        #expect(Period.month(2020, 2).finish.description == "2020-02-29")
    }

    @Test func isoWeeks() throws {
        #expect(Period.week(2019, 1).start.description == "2018-12-31")
        #expect(Period.week(2020, 53).start.description == "2020-12-28")
        #expect(Period.week(2020, 53).finish.description == "2021-01-03")
        #expect(Period.isoWeeks(in: 2020) == 53)
        #expect(Period.isoWeeks(in: 2019) == 52)
        #expect(Period.containing(CalendarDay(year: 2018, month: 12, day: 31)!, grain: .week).label == "2019-W01")
        #expect(Period.containing(CalendarDay(year: 2021, month: 1, day: 3)!, grain: .week).label == "2020-W53")
        #expect(Period.week(2019, 27).start.description == "2019-07-01")
    }

    @Test func previousAndNextCrossYearBoundaries() throws {
        #expect(try Period.parse("2020-W01").previous().label == "2019-W52")
        #expect(try Period.parse("2020-W53").next().label == "2021-W01")
        #expect(try Period.parse("2021-W01").previous().label == "2020-W53")
        #expect(try Period.parse("2019-Q1").previous().label == "2018-Q4")
        #expect(try Period.parse("2019-Q4").next().label == "2020-Q1")
        #expect(try Period.parse("2019-01").previous().label == "2018-12")
        #expect(try Period.parse("2019-12").next().label == "2020-01")
        #expect(try Period.parse("2019").next().label == "2020")
        #expect(try Period.parse("2020-W53").yearBefore().label == "2019-W52")
    }

    @Test func membershipNeverGuessesACoarseDateInside() throws {
        let q4 = try Period.parse("2019-Q4")
        #expect(q4.membership(of: date("2019")) == .coarser)
        #expect(q4.membership(of: date("2019-11")) == .inside)
        #expect(q4.membership(of: date("2019-11-05")) == .inside)
        #expect(q4.membership(of: date("2019-06")) == .outside)
        #expect(q4.membership(of: date("2020")) == .outside)
        #expect(try Period.parse("2019").membership(of: date("2019")) == .inside)
    }

    @Test func membershipAgainstWeeks() throws {
        // 2019-W26 is 24–30 June: June overlaps it without fitting in it.
        #expect(try Period.parse("2019-W26").membership(of: date("2019-06")) == .coarser)
        // 2019-W27 is 1–7 July, after June.
        #expect(try Period.parse("2019-W27").membership(of: date("2019-06")) == .outside)
        #expect(try Period.parse("2019-W27").membership(of: date("2019-07")) == .coarser)
        #expect(try Period.parse("2019-W27").membership(of: date("2019-07-03")) == .inside)
        #expect(try Period.parse("2019-W01").membership(of: date("2018-12-31")) == .inside)
    }
}
