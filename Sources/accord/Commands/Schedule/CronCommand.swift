import AccordCore
import ArgumentParser
import Foundation

struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Print the crontab line (or systemd units) that runs this workspace's schedule.",
        discussion: """
            run-due is silent unless something fails, so cron mails only failures; run-due itself logs \
            every run (schedule.log). With --systemd, a .service and a .timer with Persistent=true, which \
            runs a missed call at boot.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "When to call run-due, as a crontab time (default: daily, 15 minutes after the latest due time of the schedule).")
    var at: String?

    @Flag(help: "Print a systemd .service and .timer pair instead.")
    var systemd = false

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let schedule = workspace.config.schedule
            let at = self.at ?? CronTime.after(schedule?.jobs.map(\.due) ?? [])
            let fields = at.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 5 else { throw UsageError("--at needs the five crontab fields, such as \"15 6 * * *\"") }
            let zone = schedule?.timeZone ?? workspace.config.timeZone
            let binary = ReportProcess.executable.path
            let root = workspace.root.path
            if let folder = binary.split(separator: "/").first(where: { $0.hasPrefix(".build") }) {
                warn("warning: \(binary) is in a build folder (\(folder)/), which a rebuild or `make clean` replaces: "
                     + "install accord with `make install` and print the line with the installed binary")
            }
            for job in schedule?.jobs ?? [] {
                if let time = CronTime.daily(at), CronTime.minutes(of: job.due) > time {
                    warn("warning: \(job.name) falls due at \(CronTime.text(CronTime.minutes(of: job.due))), after "
                         + "\(CronTime.text(time)): its reports would come a day late")
                }
            }
            // run-due writes its own log (schedule.log); what it prints, cron mails: failures only.
            let command = "cd \(quoted(root)) && \(quoted(binary)) run-due"
            if systemd {
                print(units(command: command, zone: zone, fields: fields.map(String.init)))
                return
            }
            var lines = ["# accord run-due for \(workspace.config.name ?? root); install with `crontab -e`"]
            if let log = schedule?.log { lines.append("# run-due logs each run to \(workspace.path(log)); cron mails what fails") }
            if let scheduleZone = TimeZone(identifier: zone), !CronTime.sameRules(scheduleZone, TimeZone.current) {
                lines.append("# the schedule's zone differs from this machine's (\(TimeZone.current.identifier)): cronie reads CRON_TZ")
                lines.append("CRON_TZ=\(zone)")
            }
            lines.append("\(at) \(command)")
            print(lines.joined(separator: "\n"))
        }
    }

    private func quoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) } ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The calendar event systemd understands for five crontab fields with plain values.
    private func calendar(_ f: [String], zone: String) -> String {
        let (minute, hour, day, month, weekday) = (f[0], f[1], f[2], f[3], f[4])
        let names = ["0": "Sun", "1": "Mon", "2": "Tue", "3": "Wed", "4": "Thu", "5": "Fri", "6": "Sat", "7": "Sun"]
        let days = weekday == "*" ? "" : (weekday.split(separator: ",").map { names[String($0)] ?? String($0) }.joined(separator: ",") + " ")
        func field(_ s: String) -> String { s == "*" ? "*" : s }
        return "\(days)*-\(field(month))-\(field(day)) \(field(hour)):\(field(minute)):00 \(zone)"
    }

    private func units(command: String, zone: String, fields: [String]) -> String {
        let event = calendar(fields, zone: zone)
        return """
            # accord-run-due.service
            [Unit]
            Description=Accord: produce the scheduled reports that are due

            [Service]
            Type=oneshot
            ExecStart=/bin/sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''"))'

            # accord-run-due.timer
            [Unit]
            Description=Run accord run-due on its schedule

            [Timer]
            OnCalendar=\(event)
            Persistent=true

            [Install]
            WantedBy=timers.target
            """
    }
}
