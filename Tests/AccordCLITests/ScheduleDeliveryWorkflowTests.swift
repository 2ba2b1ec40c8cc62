import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `run-due` delivering to real parts on loopback: msmtp, the real `sendmail`
/// client, handing mail to a local SMTP server (aiosmtpd), and a local HTTP server for webhooks.
@Suite(.serialized) struct ScheduleDeliveryWorkflowTests {
    /// A quarterly count with the highlights sentence, a key figure, a chart and a table; it
    /// renders html only, so json (for the message) and csv (attached) come from `deliver`.
    static let report = """
        return accord.report { title = "Partnerships counted", grain = "quarter", formats = { "html" },
          build = function(r, period)
            local filed = function(p) return accord.partnerships{ period = p } end
            r:highlights{ of = filed, by = "form", name = accord.names.form, noun = "form" }
            r:figures{ { label = "Partnerships", value = filed } }
            r:breakdown{ id = "by-form", title = "By form", of = filed(period), by = "form", name = accord.names.form,
                         column = "Form", chart = "horizontal" }
          end }
        """

    /// A sample workspace with `schedule` appended, mail through msmtp to `smtpPort`.
    static func workspace(smtpPort: Int, schedule: String) throws -> AccordProcess {
        let accord = try AccordProcess()
        try accord.initSample("ws")
        try accord.write(Self.report, to: "ws/Scripts/reports/quarter-count.lua")
        try accord.write("""
            account default
            host 127.0.0.1
            port \(smtpPort)
            from reports@example.org
            auth off
            tls off
            timeout 10

            """, to: "ws/msmtprc")
        try FileManager.default.setAttributes([.posixPermissions: 0o600],
                                              ofItemAtPath: accord.folder.appendingPathComponent("ws/msmtprc").path)
        let config = try accord.read("ws/accord.yaml")
        let kept = config.components(separatedBy: "\nschedule:")[0]
        try accord.write(kept + "\n" + schedule, to: "ws/accord.yaml")
        return accord
    }

    static func schedule(deliver: String, extra: String = "") -> String {
        """
        schedule:
          mail:
            command: msmtp -C msmtprc -t -i
            from: reports@example.org
          delivery_timeout: 20s
          on_failure: echo "failed $ACCORD_JOB $ACCORD_PERIOD $ACCORD_TARGET" >> hooks.log
          on_recovery: echo "recovered $ACCORD_JOB $ACCORD_PERIOD $ACCORD_TARGET" >> hooks.log
          reports:
            - report: quarter-count
              due: 1d 00:00
              start: 2019-Q2
        \(extra)      deliver:
        \(deliver)

        """
    }

    static let email = """
                - email: [analyst@example.org, manager@example.org]
                  attach: [csv]
        """

    struct Delivery: Decodable {
        var job: String
        var period: String
        var target: String
        var trigger: String
        var status: String
        var digest: String?
        var reference: String?
        var error: String?
    }

    static func deliveries(_ accord: AccordProcess) throws -> [Delivery] {
        let out = try accord.run("history", "--deliveries", "--format", "json", in: "ws")
        return try out.stdout.split(separator: "\n").map { try JSONDecoder().decode(Delivery.self, from: Data($0.utf8)) }.reversed()
    }

    static func manifestDigest(_ accord: AccordProcess, _ period: String) throws -> String {
        let data = Data(try accord.read("ws/Reports/quarter-count/\(period)/manifest.json").utf8)
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(manifest["contentDigest"] as? String)
    }

    @Test func runDueDeliversOnceToALocalSMTPServerRecordsItAndSendsNothingOnTheNextCall() throws {
        let smtp = try LoopbackServer("smtp_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let accord = try Self.workspace(smtpPort: smtp.port, schedule: Self.schedule(deliver: Self.email))
        defer { accord.cleanUp() }

        let first = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(first.status == 0 && first.stdout.isEmpty && first.stderr.isEmpty, "\(first.stderr)")
        let mails = try smtp.received("eml")
        try #require(mails.count == 1)
        let envelope = try String(contentsOf: smtp.folder.appendingPathComponent("001.envelope"), encoding: .utf8)
        #expect(envelope == "reports@example.org\nanalyst@example.org\nmanager@example.org\n")

        let mail = try MIMEEntity(mails[0])
        #expect(mail.outline == "multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png)), "
                + "text/csv, text/csv)")
        #expect(decodeWords(try #require(mail.header("Subject"))) == "Sample partnerships: Partnerships counted, 2019-Q2")
        #expect(mail.header("X-Accord-Folder") == "Reports/quarter-count/2019-Q2")
        let digest = try Self.manifestDigest(accord, "2019-Q2")
        #expect(mail.header("X-Accord-Content-Digest") == digest)
        let leaves = mail.leaves
        let text = String(decoding: leaves[0].body, as: UTF8.self)
        #expect(text.contains("\nPartnerships: "), "\(text)")
        #expect(text.contains("Partnerships rose") || text.contains("Partnerships fell") || text.contains("As many partnerships"))
        let html = String(decoding: leaves[1].body, as: UTF8.self)
        #expect(leaves[2].body.starts(with: [0x89, 0x50, 0x4e, 0x47]))
        #expect(html.contains("cid:" + (try #require(leaves[2].header("Content-ID"))).dropFirst().dropLast()))
        #expect(leaves[3].parameter("filename", of: "Content-Disposition") == "by-form.csv")
        #expect(leaves[3].body == Data(try accord.read("ws/Reports/quarter-count/2019-Q2/by-form.csv").utf8))
        // json was rendered for the message, csv for the attachment, beside the report's html.
        let files = try accord.read("ws/Reports/quarter-count/2019-Q2/manifest.json")
        for name in ["report.html", "report.json", "by-form.csv"] { #expect(files.contains("\"\(name)\"")) }

        let ledger = try Self.deliveries(accord)
        #expect(ledger.map { "\($0.target) \($0.status) \($0.trigger)" } == ["email analyst@example.org, manager@example.org sent run-due"])
        #expect(ledger[0].reference == mail.header("Message-ID"))
        #expect(ledger[0].digest == digest)
        let history = try accord.run("history", in: "ws")
        #expect(history.stdout.contains("DELIVERY"))
        #expect(history.stdout.contains("email analyst@example.org, manager@example.org  sent"), "\(history.stdout)")

        let again = try accord.run("run-due", "--now", "2019-07-11T00:00", "--verbose", in: "ws")
        #expect(again.status == 0 && again.stdout == "nothing is due\n", "\(again.stdout)\(again.stderr)")
        #expect(try smtp.received("eml").count == 1)
        #expect(try Self.deliveries(accord).count == 1)
    }

    @Test func aFailedDeliveryExitsOneWithOneLineAndIsSentOnTheNextCallOnceTheServerIsUp() throws {
        let port = try LoopbackServer.freePort()
        let accord = try Self.workspace(smtpPort: port, schedule: Self.schedule(deliver: Self.email))
        defer { accord.cleanUp() }

        let down = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(down.status == 1)
        #expect(down.stdout.isEmpty)
        let lines = down.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(down.stderr)")
        #expect(down.stderr.hasPrefix("accord: quarter-count 2019-Q2 delivery to email analyst@example.org, manager@example.org failed: msmtp: "),
                "\(down.stderr)")
        #expect(down.stderr.contains("127.0.0.1"))
        #expect(try Self.deliveries(accord).map(\.status) == ["failed"])
        #expect(try accord.read("ws/hooks.log") == "failed quarter-count 2019-Q2 email analyst@example.org, manager@example.org\n")
        // The report itself succeeded; only its delivery waits.
        let dry = try accord.run("run-due", "--now", "2019-07-11T00:00", "--dry-run", in: "ws")
        #expect(dry.stdout.hasPrefix("would deliver quarter-count 2019-Q2 to email analyst@example.org, manager@example.org (failed before: msmtp: "),
                "\(dry.stdout)")
        #expect(dry.stdout.split(separator: "\n").count == 1)

        let smtp = try LoopbackServer("smtp_sink.py", port: port, folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let up = try accord.run("run-due", "--now", "2019-07-11T00:00", in: "ws")
        #expect(up.status == 0 && up.stderr.isEmpty, "\(up.stderr)")
        #expect(try smtp.received("eml").count == 1)
        #expect(try Self.deliveries(accord).map(\.status) == ["failed", "sent"])
        #expect(try accord.read("ws/hooks.log").hasSuffix("recovered quarter-count 2019-Q2 email analyst@example.org, manager@example.org\n"))

        let quiet = try accord.run("run-due", "--now", "2019-07-12T00:00", in: "ws")
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        #expect(try smtp.received("eml").count == 1)
    }

    @Test func anUnchangedOutputSendsNothingAndAChangedOneIsSentAgain() throws {
        let smtp = try LoopbackServer("smtp_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let accord = try Self.workspace(smtpPort: smtp.port, schedule: Self.schedule(deliver: Self.email, extra: """
                  only_on_change: true

            """))
        defer { accord.cleanUp() }
        #expect(try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws").status == 0)
        #expect(try smtp.received("eml").count == 1)

        // Another year's partnership: the quarter is made again, with the same content: nothing is sent.
        try accord.write("""
            partnerships:
              - {id: old-deal, title: An old deal, form: mou, signed: 2016-05-02, parties: [{org: khidi, role: signatory}], sources: [krpia-open-innovation]}
            """, to: "ws/old.yaml")
        #expect(try accord.run("import", "old.yaml", in: "ws").status == 0)
        let unchanged = try accord.run("run-due", "--now", "2019-07-11T00:00", "--verbose", in: "ws")
        #expect(unchanged.stdout.hasPrefix("quarter-count 2019-Q2: unchanged"), "\(unchanged.stdout)")
        #expect(try smtp.received("eml").count == 1)

        // A partnership of the quarter: new content, delivered again.
        try accord.write("""
            partnerships:
              - {id: new-deal, title: A new deal, form: mou, signed: 2019-05-02, parties: [{org: khidi, role: signatory}], sources: [krpia-open-innovation]}
            """, to: "ws/new.yaml")
        #expect(try accord.run("import", "new.yaml", in: "ws").status == 0)
        #expect(try accord.run("run-due", "--now", "2019-07-12T00:00", in: "ws").status == 0)
        let mails = try smtp.received("eml")
        #expect(mails.count == 2)
        let digests = try mails.map { try MIMEEntity($0).header("X-Accord-Content-Digest") }
        #expect(digests[0] != digests[1])
        #expect(digests[1] == (try Self.manifestDigest(accord, "2019-Q2")))
        #expect(try Self.deliveries(accord).map(\.status) == ["sent", "sent"])
    }

    @Test func aWebhookGetsSlackTextAndTheFiguresWithTheirPartnerships() throws {
        let hooks = try LoopbackServer("webhook_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-hook-\(UUID().uuidString)"))
        defer { hooks.stop(); try? FileManager.default.removeItem(at: hooks.folder) }
        let accord = try Self.workspace(smtpPort: 1, schedule: Self.schedule(deliver: """
                    - webhook: http://127.0.0.1:\(hooks.port)/services/T000/B000
            """))
        defer { accord.cleanUp() }
        let run = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let posts = try hooks.received("json")
        try #require(posts.count == 1)
        let headers = try String(contentsOf: hooks.folder.appendingPathComponent("001.headers"), encoding: .utf8)
        #expect(headers.hasPrefix("POST /services/T000/B000\n"))
        #expect(headers.lowercased().contains("content-type: application/json"))
        let payload = try #require(try JSONSerialization.jsonObject(with: posts[0]) as? [String: Any])
        #expect((payload["text"] as? String)?.hasPrefix("*Sample partnerships: Partnerships counted, 2019-Q2*\n") == true)
        #expect(payload["content_digest"] as? String == (try Self.manifestDigest(accord, "2019-Q2")))
        #expect(payload["folder"] as? String == "Reports/quarter-count/2019-Q2")
        let figures = try #require(payload["figures"] as? [[String: Any]])
        let traced = try #require(figures.first?["partnerships"] as? [String])
        #expect(!traced.isEmpty && traced.count == Int(figures[0]["value"] as? Double ?? -1))
        #expect(try Self.deliveries(accord).map { "\($0.status) \($0.reference ?? "")" } == ["sent HTTP 200"])
        #expect(try accord.run("run-due", "--now", "2019-07-11T00:00", in: "ws").status == 0)
        #expect(try hooks.received("json").count == 1)
    }

    @Test func aWebhookThatAnswersWithAnErrorFails() throws {
        let hooks = try LoopbackServer("webhook_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-hook-\(UUID().uuidString)"), arguments: ["--status", "403"])
        defer { hooks.stop(); try? FileManager.default.removeItem(at: hooks.folder) }
        let url = "http://127.0.0.1:\(hooks.port)/services/T000/B000"
        let accord = try Self.workspace(smtpPort: 1, schedule: Self.schedule(deliver: "        - webhook: \(url)"))
        defer { accord.cleanUp() }
        let run = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("accord: quarter-count 2019-Q2 delivery to webhook http://127.0.0.1:\(hooks.port)/… #"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix(" failed: POST to 127.0.0.1: HTTP 403: invalid_token\n"))
        // The webhook's path, its secret, is never shown.
        #expect(!run.stderr.contains("T000"))
        #expect(!(try accord.run("history", in: "ws")).stdout.contains("T000"))
        #expect(try Self.deliveries(accord).map(\.status) == ["failed"])
    }

    @Test func deliverPreviewsWithoutSendingAndResendsOnPurpose() throws {
        let smtp = try LoopbackServer("smtp_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let accord = try Self.workspace(smtpPort: smtp.port, schedule: Self.schedule(deliver: Self.email + "\n        - webhook: http://127.0.0.1:1/never"))
        defer { accord.cleanUp() }
        let none = try accord.run("deliver", "quarter-count", "--period", "2019-Q2", "--dry-run", in: "ws")
        #expect(none.status == 64)
        #expect(none.stderr.hasPrefix("accord: quarter-count 2019-Q2 has no output to deliver"), "\(none.stderr)")
        let made = try accord.run("run-due", "--now", "2019-07-10T00:00", "--no-deliver", in: "ws")
        #expect(made.status == 0 && made.stderr.isEmpty, "\(made.stderr)")
        #expect(try smtp.received("eml").isEmpty)
        #expect(try Self.deliveries(accord).isEmpty)

        let preview = try accord.run("deliver", "quarter-count", "--period", "2019-Q2", "--dry-run", in: "ws")
        #expect(preview.status == 0, "\(preview.stderr)")
        let parts = preview.stdout.components(separatedBy: "\n# quarter-count 2019-Q2 to webhook ")
        #expect(parts.count == 2)
        #expect(parts[0].hasPrefix("# quarter-count 2019-Q2 to email analyst@example.org, manager@example.org: Reports/quarter-count/2019-Q2 (sha256:"))
        let message = try MIMEEntity(Data(parts[0].split(separator: "\n", maxSplits: 1)[1].utf8))
        #expect(message.outline.hasPrefix("multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png"))
        #expect(parts[1].contains("\"content_digest\" : \"sha256:"))
        #expect(try smtp.received("eml").isEmpty)
        #expect(try Self.deliveries(accord).isEmpty)

        let sent = try accord.run("deliver", "quarter-count", "--period", "2019-Q2", "--target", "1", in: "ws")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("quarter-count 2019-Q2: sent to email analyst@example.org, manager@example.org (<"))
        #expect(try smtp.received("eml").count == 1)
        #expect(try accord.run("deliver", "quarter-count", "--period", "2019-Q2", "--target", "1", in: "ws").status == 0)
        #expect(try smtp.received("eml").count == 2)
        #expect(try Self.deliveries(accord).map { "\($0.trigger) \($0.status)" } == ["deliver sent", "deliver sent"])
        let bad = try accord.run("deliver", "quarter-count", "--period", "2019-Q2", "--target", "3", in: "ws")
        #expect(bad.status == 64)
    }

    @Test func aSkippedPeriodSendsNothing() throws {
        let smtp = try LoopbackServer("smtp_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let accord = try Self.workspace(smtpPort: smtp.port, schedule: Self.schedule(deliver: Self.email, extra: """
                  skip_if_empty: true

            """))
        defer { accord.cleanUp() }
        // 2019-Q2 has partnerships, 2019-Q3 none.
        let run = try accord.run("run-due", "--now", "2019-10-10T00:00", "--verbose", in: "ws")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("quarter-count 2019-Q3: skipped"), "\(run.stdout)")
        #expect(try smtp.received("eml").count == 1)
        #expect(try Self.deliveries(accord).map(\.period) == ["2019-Q2"])
    }

    @Test func aDeliveryThatHangsIsStoppedAtTheTimeLimit() throws {
        let schedule = Self.schedule(deliver: Self.email)
            .replacingOccurrences(of: "command: msmtp -C msmtprc -t -i", with: "command: sleep 60")
            .replacingOccurrences(of: "delivery_timeout: 20s", with: "delivery_timeout: 2s")
        let accord = try Self.workspace(smtpPort: 1, schedule: schedule)
        defer { accord.cleanUp() }
        let run = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(run.status == 1)
        #expect(run.stderr == "accord: quarter-count 2019-Q2 delivery to email analyst@example.org, manager@example.org failed: "
                + "sleep was stopped at the time limit (schedule.delivery_timeout)\n")
        #expect(run.seconds < 30)
        #expect(try Self.deliveries(accord).map(\.status) == ["failed"])
    }

    @Test func aBadDeliverTargetNamesTheFileLineAndField() throws {
        let accord = try Self.workspace(smtpPort: 1, schedule: Self.schedule(deliver: """
                    - email: analyst@example.org
                      attach: [pdf, docx]
            """))
        defer { accord.cleanUp() }
        let run = try accord.run("run-due", "--dry-run", in: "ws")
        #expect(run.status == 78)
        #expect(run.stderr.contains("accord.yaml:"), "\(run.stderr)")
        #expect(run.stderr.contains("schedule.reports[1].deliver[1].attach: 'docx' is not a format to attach"), "\(run.stderr)")

        try accord.write(try accord.read("ws/accord.yaml").replacingOccurrences(of: "- email: analyst@example.org",
                                                                                 with: "- email: \"analyst@example.org\\nBcc: x@y.z\""),
                         to: "ws/accord.yaml")
        let injected = try accord.run("run-due", "--dry-run", in: "ws")
        #expect(injected.status == 78)
        #expect(injected.stderr.contains("schedule.reports[1].deliver[1].email: "), "\(injected.stderr)")
    }

    @Test("A message can carry the report as a PDF and as a workbook, printed and written for it")
    func aMessageCarriesThePDFAndTheWorkbook() throws {
        let smtp = try LoopbackServer("smtp_sink.py", folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-smtp-\(UUID().uuidString)"))
        defer { smtp.stop(); try? FileManager.default.removeItem(at: smtp.folder) }
        let accord = try Self.workspace(smtpPort: smtp.port, schedule: Self.schedule(deliver: """
                    - email: [analyst@example.org]
                      attach: [pdf, xlsx]
            """))
        defer { accord.cleanUp() }
        let run = try accord.run("run-due", "--now", "2019-07-10T00:00", in: "ws")
        #expect(run.status == 0, "\(run.stderr)")
        let mails = try smtp.received("eml")
        try #require(mails.count == 1)
        let mail = try MIMEEntity(mails[0])
        #expect(mail.outline == "multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png)), "
                + "application/pdf, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)")
        let leaves = mail.leaves
        let folder = accord.folder.appendingPathComponent("ws/Reports/quarter-count/2019-Q2")
        #expect(leaves[3].parameter("filename", of: "Content-Disposition") == "report.pdf")
        #expect(leaves[3].body == (try Data(contentsOf: folder.appendingPathComponent("report.pdf"))))
        #expect(leaves[3].body.starts(with: Data("%PDF-".utf8)))
        #expect(leaves[4].parameter("filename", of: "Content-Disposition") == "report.xlsx")
        #expect(leaves[4].body == (try Data(contentsOf: folder.appendingPathComponent("report.xlsx"))))
    }

    @Test("The README's delivery example is a schedule Accord reads")
    func theReadmesDeliveryExampleIsRead() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Reports that reach their readers").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        #expect(block.contains("deliver:"))
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let config = try accord.read("ws/accord.yaml").components(separatedBy: "\nschedule:")[0]
        try accord.write(config + "\n" + block.drop { $0 == "\n" }, to: "ws/accord.yaml")
        let planned = try accord.run("run-due", "--dry-run", "--now", "2026-01-10T07:00", in: "ws")
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("would run quarterly for 2025-Q4"))
    }
}
