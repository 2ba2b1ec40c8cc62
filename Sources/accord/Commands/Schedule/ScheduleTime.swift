import Foundation

/// Instants as run-due reads and writes them: local to the schedule's zone
/// unless an offset is given.
enum ScheduleTime {
    /// `2021-01-10T06:30`, `2021-01-10T06:30:00`, `2021-01-10` (midnight), or any
    /// of these with `Z` or `+09:00`; nil text is now.
    static func parse(_ text: String?, zone: TimeZone) throws -> Date {
        guard let text else { return Date() }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
                       "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw UsageError("--now: '\(text)' is not a time such as 2021-01-10T06:30 (in \(zone.identifier)) or 2021-01-10T06:30Z")
    }

    /// `2021-01-03 06:00 +09:00`.
    static func text(_ date: Date, zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return f.string(from: date)
    }
}
