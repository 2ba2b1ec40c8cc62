/// Periods and dates in words, in English whatever the user's locale.
enum PeriodText {
    /// `2019-Q4 · 1 Oct – 31 Dec 2019`.
    static func line(_ period: ReportPeriod) -> String {
        guard let range = range(from: period.start, to: period.finish) else { return period.label }
        return "\(period.label) · \(range)"
    }

    /// `1 Oct – 31 Dec 2019`, `1 Dec 2019 – 31 Jan 2020`, `5 Mar 2020`; nil unless both are ISO dates.
    static func range(from start: String, to finish: String) -> String? {
        guard let first = ISODate(start), let last = ISODate(finish) else { return nil }
        if first == last { return first.text(withYear: true) }
        return "\(first.text(withYear: first.year != last.year)) – \(last.text(withYear: true))"
    }

    private struct ISODate: Equatable {
        let year: Int, month: Int, day: Int

        init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
                  let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        func text(withYear: Bool) -> String {
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return withYear ? "\(day) \(months[month - 1]) \(year)" : "\(day) \(months[month - 1])"
        }
    }
}
