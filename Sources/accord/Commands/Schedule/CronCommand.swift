import AccordCore
import ArgumentParser
import Foundation

struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Print the crontab line (or systemd units) that runs this workspace's schedule.",
        discussion: """
            run-due is silent unless something fails, so cron mails only failures; the line also appends \
            everything to a log. With --systemd, a .service and a .timer with Persistent=true, which runs \
            a missed call at boot.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "When to call run-due, as a crontab time.")
    var at: String = "15 6 * * *"

    @Flag(help: "Print a systemd .service and .timer pair instead.")
    var systemd = false

    func run() throws {
        try reportingErrors {
            let workspace = try options.open()
            let fields = at.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 5 else { throw UsageError("--at needs the five crontab fields, such as \"15 6 * * *\"") }
            let zone = workspace.config.schedule?.timeZone ?? workspace.config.timeZone
            let binary = ReportProcess.executable.path
            let root = workspace.root.path
            let log = workspace.path(workspace.config.schedule?.log ?? ".accord/run-due.log")
            let command = "cd \(quoted(root)) && \(quoted(binary)) run-due"
            if systemd {
                print(units(command: command, log: log, zone: zone, fields: fields.map(String.init)))
                return
            }
            var lines = ["# accord run-due for \(workspace.config.name ?? root); install with `crontab -e`"]
            if zone != TimeZone.current.identifier {
                lines.append("# the schedule's zone differs from this machine's (\(TimeZone.current.identifier)): cronie reads CRON_TZ")
                lines.append("CRON_TZ=\(zone)")
            }
            lines.append("\(at) \(command) 2>&1 | tee -a \(quoted(log))")
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

    private func units(command: String, log: String, zone: String, fields: [String]) -> String {
        let event = calendar(fields, zone: zone)
        return """
            # accord-run-due.service
            [Unit]
            Description=Accord: produce the scheduled reports that are due

            [Service]
            Type=oneshot
            ExecStart=/bin/sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''")) >> \(log) 2>&1'

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
