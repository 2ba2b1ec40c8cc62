import AccordCore
import Foundation

/// Times of day for the crontab line: when a daily call catches every due time.
enum CronTime {
    /// Minutes after the latest due time of the day, so that a period is produced on its due day.
    static let margin = 15

    /// A daily crontab time `margin` minutes after the latest of `dues` (06:00 when there are none).
    static func after(_ dues: [DueOffset]) -> String {
        let latest = dues.map(minutes(of:)).max() ?? 6 * 60
        let time = (latest + margin) % (24 * 60)
        return "\(time % 60) \(time / 60) * * *"
    }

    /// The minute of the day of a daily crontab time with a plain minute and hour; nil otherwise.
    static func daily(_ at: String) -> Int? {
        let fields = at.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5, let minute = Int(fields[0]), let hour = Int(fields[1]) else { return nil }
        return hour * 60 + minute
    }

    static func minutes(of due: DueOffset) -> Int { due.hour * 60 + due.minute }

    /// `07:00`.
    static func text(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// Whether two zones keep the same time at every instant (`UTC` and `Etc/UTC` do), compared
    /// at each of their offset changes from 1970 to 2100 rather than by name.
    static func sameRules(_ a: TimeZone, _ b: TimeZone) -> Bool {
        if a.identifier == b.identifier { return true }
        let end = Date(timeIntervalSince1970: 4_102_444_800) // 2100-01-01
        var instants = [Date(timeIntervalSince1970: 0)]
        for zone in [a, b] {
            var next = zone.nextDaylightSavingTimeTransition(after: instants[0])
            while let instant = next, instant < end, instants.count < 2_000 {
                instants.append(instant)
                next = zone.nextDaylightSavingTimeTransition(after: instant)
            }
        }
        return instants.allSatisfy { a.secondsFromGMT(for: $0) == b.secondsFromGMT(for: $0) }
    }
}
