/// A day of the proleptic Gregorian calendar, free of time zones.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the day does not exist (`2019-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// The first day of `month` of `year`; months past 12 run into the next years.
    public static func firstOf(year: Int, month: Int) -> CalendarDay {
        CalendarDay(year: year + (month - 1) / 12, month: (month - 1) % 12 + 1, day: 1)!
    }

    /// The same day a year later; 29 February gives the 28th.
    public var sameDayYearAfter: CalendarDay {
        CalendarDay(year: year + 1, month: month, day: min(day, CalendarDay.daysIn(month: month, year: year + 1)))!
    }

    /// The same day a year earlier; 29 February gives the 28th.
    public var sameDayYearBefore: CalendarDay {
        CalendarDay(year: year - 1, month: month, day: min(day, CalendarDay.daysIn(month: month, year: year - 1)))!
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }

    /// `YYYY-MM-DD`.
    public var description: String { dateText(year, month, day) }
}

/// `YYYY`, then `-MM` and `-DD` for those given, the numbers padded with zeros: written in place
/// as a string too short to need the heap, where padding each number made and counted strings
/// (an import at a million writes millions of dates, a report's listing tens of thousands).
func dateText(_ year: Int, _ month: Int?, _ day: Int?) -> String {
    guard (0...9999).contains(year), (0...99).contains(month ?? 0), (0...99).contains(day ?? 0) else {
        return pad(year, 4) + (month.map { "-" + pad($0, 2) } ?? "") + (day.map { "-" + pad($0, 2) } ?? "")
    }
    return String(unsafeUninitializedCapacity: 10) { text in
        var count = 0
        func put(_ n: Int, _ width: Int) {
            var n = n
            for k in stride(from: width - 1, through: 0, by: -1) {
                text[count + k] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            count += width
        }
        func part(_ n: Int?) {
            guard let n else { return }
            text[count] = UInt8(ascii: "-")
            count += 1
            put(n, 2)
        }
        put(year, 4)
        part(month)
        part(day)
        return count
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
