import Foundation

/// What `accord run-due` produces unattended: the `schedule` of `accord.yaml`.
public struct Schedule: Equatable, Sendable {
    /// IANA zone periods and due times are computed in.
    public var timeZone: String
    /// How long one report run may take, whole (the sandbox limits apply inside it).
    public var timeout: Double
    /// A file run-due appends a line to for every run, relative to the workspace; nil for none.
    public var log: String?
    /// Shell commands run after a failure, and after a success that follows one.
    public var onFailure: String?
    public var onRecovery: String?
    /// How long a hook may run before its process group is stopped, in seconds (0: no limit).
    public var hookTimeout: Double
    /// How e-mail leaves this machine (`schedule.mail`).
    public var mail: MailSettings
    /// How long one delivery may take, whole, in seconds (0: no limit).
    public var deliveryTimeout: Double
    public var jobs: [ScheduledReport]

    /// The log when `schedule.log` is not set.
    public static let defaultLog = ".accord/run-due.log"
    public static let defaultHookTimeout: Double = 60
    public static let defaultDeliveryTimeout: Double = 60

    public init(timeZone: String, timeout: Double = 1800, log: String? = Schedule.defaultLog, onFailure: String? = nil,
                onRecovery: String? = nil, hookTimeout: Double = Schedule.defaultHookTimeout, mail: MailSettings = MailSettings(),
                deliveryTimeout: Double = Schedule.defaultDeliveryTimeout, jobs: [ScheduledReport] = []) {
        self.timeZone = timeZone
        self.timeout = timeout
        self.log = log
        self.onFailure = onFailure
        self.onRecovery = onRecovery
        self.hookTimeout = hookTimeout
        self.mail = mail
        self.deliveryTimeout = deliveryTimeout
        self.jobs = jobs
    }

    public func job(named name: String) -> ScheduledReport? { jobs.first { $0.name == name } }
}

/// One report on the schedule.
public struct ScheduledReport: Equatable, Sendable {
    /// Names the job in the ledger and in messages: the report id unless given.
    public var name: String
    /// The report id (a script in the reports folder).
    public var report: String
    /// The grain the schedule expects of the report, when stated.
    public var grain: Period.Grain?
    public var due: DueOffset
    /// The first period to produce.
    public var start: String
    public var formats: [String]
    public var skipIfEmpty: Bool
    /// Produce a period again when the data or script changed since, and
    /// replace its output only when the output changed.
    public var onlyOnChange: Bool
    public var params: [String: String]
    /// Where each new output goes: e-mail, webhooks (`deliver:`).
    public var deliver: [DeliveryTarget]

    public init(name: String, report: String, grain: Period.Grain? = nil, due: DueOffset, start: String,
                formats: [String] = [], skipIfEmpty: Bool = false, onlyOnChange: Bool = false, params: [String: String] = [:],
                deliver: [DeliveryTarget] = []) {
        self.name = name
        self.report = report
        self.grain = grain
        self.due = due
        self.start = start
        self.formats = formats
        self.skipIfEmpty = skipIfEmpty
        self.onlyOnChange = onlyOnChange
        self.params = params
        self.deliver = deliver
    }

    /// The formats `run-due` asks the report for: the entry's (nil: the report's), with json,
    /// which a delivery is made from, and each format a target attaches. `+json,pdf` adds them
    /// to the report's own.
    public var formatsArgument: String? {
        let needed = deliver.isEmpty ? [] : ["json"] + deliver.flatMap(\.attach)
        var seen: Set<String> = []
        if !formats.isEmpty { return (formats + needed).filter { seen.insert($0).inserted }.joined(separator: ",") }
        return needed.isEmpty ? nil : "+" + needed.filter { seen.insert($0).inserted }.joined(separator: ",")
    }
}

/// When a period's report is due: `days` after the period's last day, at a
/// local time. `3d 06:00`: the quarter that ends on 31 December is due on
/// 3 January at 06:00.
public struct DueOffset: Equatable, Sendable, CustomStringConvertible {
    public var days: Int
    public var hour: Int
    public var minute: Int

    public init(days: Int, hour: Int = 0, minute: Int = 0) {
        self.days = days
        self.hour = hour
        self.minute = minute
    }

    /// Reads `3d 06:00`, `1d`, `10d 18:30`; at least one day, so a period is
    /// never due before it has closed.
    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), parts[0].hasSuffix("d"), let days = Int(parts[0].dropLast()), days >= 1 else {
            return nil
        }
        var hour = 0, minute = 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":")
            guard time.count == 2, time.allSatisfy({ $0.count == 2 }), let h = Int(time[0]), let m = Int(time[1]),
                  (0...23).contains(h), (0...59).contains(m) else { return nil }
            (hour, minute) = (h, m)
        }
        self.init(days: days, hour: hour, minute: minute)
    }

    public var description: String {
        "\(days)d " + String(format: "%02d:%02d", hour, minute)
    }

    /// The instant `period` is due in `zone`. A local time that does not exist
    /// (skipped by a daylight-saving change) moves to the next that does.
    public func due(_ period: Period, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = period.finish.adding(days: days)
        let midnight = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: midnight, matchingPolicy: .nextTime)!
    }
}
