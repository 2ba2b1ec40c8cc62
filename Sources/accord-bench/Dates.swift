import AccordCore
import ToolSupport

/// A partnership's dates, each as precise as its record's source: about 20% to the
/// year, 30% to the month, 50% to the day, and a few undated.
struct DatePlan {
    var announced = "", signed = "", start = "", end = ""
    var durationMonths = ""
    /// The year the partnership is filed under; nil when undated.
    var year: Int?
    /// Whether it ended before 2025.
    var ended = false

    /// Deals grow more common each year; 2025 is not over.
    private static let years = Weighted<Int>((2000...2025).map { year -> (Int, Double) in
        let growth: Double = 1 + 0.3 * Double(year - 2000)
        return (year, year == 2025 ? 0.8 * growth : growth)
    })
    private static let precisions = Weighted<PartialDate.Precision>([(.year, 20), (.month, 30), (.day, 50)])
    private static let durations = Weighted([(6, 1.0), (12, 3), (24, 3), (36, 3), (60, 2), (120, 1)])

    init(program: Bool, _ random: inout SeededRandom) {
        guard random.chance(0.97) else { return }
        let year = Self.years.pick(&random)
        self.year = year
        let first = CalendarDay(year: year, month: 1, day: 1)!
        let day = first.adding(days: random.below(CalendarDay.isLeap(year) ? 366 : 365))
        let precision = Self.precisions.pick(&random)
        func text(_ d: CalendarDay) -> String {
            PartialDate(year: d.year, month: precision >= .month ? d.month : nil,
                        day: precision == .day ? d.day : nil)!.description
        }

        var startDay: CalendarDay?
        switch random.unit() {
        case ..<(program ? 0.5 : 0.2):
            startDay = day
        case ..<(program ? 0.75 : 0.45):
            announced = text(day)
        default:
            signed = text(day)
            if random.chance(0.15) { announced = text(day.adding(days: -random.int(10...180))) }
            if random.chance(0.2) { startDay = day.adding(days: random.int(0...120)) }
        }
        if let startDay { start = text(startDay) }

        var months: Int?
        if random.chance(0.15) {
            months = program ? random.pick([1, 3, 6, 12]) : Self.durations.pick(&random)
            durationMonths = String(months!)
        }
        guard let from = startDay ?? (signed.isEmpty ? nil : day) else { return }
        var endDay: CalendarDay?
        if let months, random.chance(0.5) {
            endDay = from.adding(days: months * 30)
        } else if program && random.chance(0.4) {
            endDay = from.adding(days: random.int(1...365))
        }
        if let endDay {
            end = text(endDay)
            ended = endDay.year < 2025
        }
    }
}
