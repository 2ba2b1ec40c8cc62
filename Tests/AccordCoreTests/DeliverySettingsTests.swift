import Foundation
import Testing
@testable import AccordCore

/// `deliver:` and `schedule.mail` in `accord.yaml`: what is read, and what is refused with
/// the file, the line and the field.
@Suite struct DeliverySettingsTests {
    func schedule(_ yaml: String) throws -> Schedule? {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("accord.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return try WorkspaceConfig.load(from: path).schedule
        }
    }

    static func entry(_ deliver: String) -> String {
        "schedule:\n  reports:\n    - report: quarterly\n      due: 3d 06:00\n      start: 2019-Q1\n      deliver:\n" + deliver
    }

    @Test func targetsAreReadInOrderWithTheirAttachments() throws {
        let schedule = try #require(try schedule("""
            schedule:
              mail:
                command: msmtp -t -i
                from: reports@example.org
              delivery_timeout: 2m
              reports:
                - report: quarterly
                  due: 3d 06:00
                  start: 2019-Q1
                  formats: [html]
                  deliver:
                    - email: [analyst@example.org, 관리자@example.kr]
                      attach: [pdf, csv]
                    - email: one@example.org
                    - webhook: https://hooks.slack.com/services/T000/B000/XXXX

            """))
        #expect(schedule.mail == MailSettings(command: "msmtp -t -i", from: "reports@example.org"))
        #expect(schedule.deliveryTimeout == 120)
        let job = schedule.jobs[0]
        #expect(job.deliver == [.email(["analyst@example.org", "관리자@example.kr"], attach: ["pdf", "csv"]), .email(["one@example.org"]),
                                .webhook("https://hooks.slack.com/services/T000/B000/XXXX")])
        // The message is made from report.json, and what is attached must be rendered.
        #expect(job.formatsArgument == "html,json,pdf,csv")
        #expect(job.deliver[2].description.hasPrefix("webhook https://hooks.slack.com/… #"))
        #expect(!job.deliver[2].description.contains("XXXX"))
    }

    @Test func withoutTargetsNothingIsAddedAndWithoutFormatsTheyAddToTheReports() throws {
        var job = ScheduledReport(name: "q", report: "q", due: DueOffset(days: 1), start: "2019-Q1")
        #expect(job.formatsArgument == nil)
        job.formats = ["md"]
        #expect(job.formatsArgument == "md")
        job.formats = []
        job.deliver = [.webhook("https://example.org/hook")]
        #expect(job.formatsArgument == "+json")
        job.deliver.append(.email(["a@example.org"], attach: ["xlsx", "json"]))
        #expect(job.formatsArgument == "+json,xlsx")
    }

    @Test func theDefaultsAreSendmailAndAMinute() throws {
        let schedule = try #require(try schedule(Self.entry("        - email: a@example.org\n")))
        #expect(schedule.mail.command == "/usr/sbin/sendmail -t -i")
        #expect(schedule.mail.from == nil)
        #expect(schedule.mail.sender.hasPrefix("accord@"))
        #expect(schedule.deliveryTimeout == 60)
    }

    @Test(arguments: [
        (entry("        - email: a@example.org\n          attach: [pdf, docx]\n"),
         ":8: schedule.reports[1].deliver[1].attach: 'docx' is not a format to attach: use pdf, xlsx, csv, html, md, json"),
        (entry("        - email: \"a@example.org\\nBcc: b@example.org\"\n"),
         ":7: schedule.reports[1].deliver[1].email: 'a@example.org\nBcc: b@example.org' is not an e-mail address"),
        (entry("        - email: [a@example.org, not-an-address]\n"),
         ":7: schedule.reports[1].deliver[1].email: 'not-an-address' is not an e-mail address"),
        (entry("        - webhook: ftp://example.org/x\n"),
         ":7: schedule.reports[1].deliver[1].webhook: expected an http or https URL, not 'ftp://example.org/x'"),
        (entry("        - webhook: https://example.org/x\n          attach: [csv]\n"),
         ":8: schedule.reports[1].deliver[1].attach: only an e-mail has attachments"),
        (entry("        - emial: a@example.org\n"),
         ":7: unknown setting 'schedule.reports[1].deliver[1].emial' (did you mean 'email'?)"),
        (entry("        - email: a@example.org\n          webhook: https://example.org/x\n"),
         ":8: schedule.reports[1].deliver[1]: a target is email or webhook, not both; make two targets"),
        (entry("        - attach: [pdf]\n"), ":7: schedule.reports[1].deliver[1]: name email (addresses) or webhook (a URL)"),
        (entry("        - email: a@example.org\n        - email: [a@example.org]\n"),
         ":8: schedule.reports[1].deliver[2]: email a@example.org is named twice"),
        (entry("        email: a@example.org\n"), ":7: schedule.reports[1].deliver must be a list of targets such as - email: analyst@example.org"),
        ("schedule:\n  mail:\n    form: a@example.org\n  reports: []\n", ":3: unknown setting 'schedule.mail.form' (did you mean 'from'?)"),
        ("schedule:\n  mail:\n    from: nobody\n  reports: []\n", ":3: schedule.mail.from: 'nobody' is not an e-mail address"),
        ("schedule:\n  delivery_timeout: soon\n  reports: []\n", ":2: schedule.delivery_timeout: expected a duration such as 60s or none"),
    ])
    func badTargetsNameFileLineAndField(_ example: (yaml: String, message: String)) {
        let error = #expect(throws: ConfigError.self) { try schedule(example.yaml) }
        #expect(error?.description.hasSuffix("accord.yaml" + example.message) == true, "\(String(describing: error))")
    }
}
