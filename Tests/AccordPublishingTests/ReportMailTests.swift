import AccordCore
import AccordPublishing
import AccordReports
import Foundation
import AccordTestSupport
import Testing

/// A report folder made into an e-mail and a webhook payload: what readers get comes from
/// the folder's document and manifest.
@Suite struct ReportMailTests {
    static let highlights = "Partnerships rose from 2 in 2020-Q3 to 5 (+150%). Export rose from 0 to 2; Research and development fell from 3 to 1 (−67%)."

    static let document = ReportDocument(
        id: "quarterly", title: "Quarterly partnership overview", workspace: "한국 제약 partnerships",
        period: ReportPeriod(label: "2020-Q4", grain: "quarter", start: "2020-10-01", finish: "2020-12-31",
                             previous: "2020-Q3", yearBefore: "2019-Q4"),
        blocks: [
            .heading(text: "Partnerships filed in 2020-Q4", level: 1),
            .paragraph(text: "5 partnerships are dated inside the quarter."),
            .highlights(text: highlights),
            .figures([
                KeyFigure(label: "New partnerships", value: 5, previous: 2, yearBefore: 4,
                          partnerships: ["hanmi-vn-2020", "stradins-lv-2020", "a", "b", "c"]),
                KeyFigure(label: "Disclosed value", value: 1_500_000, unit: "KRW", previous: nil, partnerships: ["hanmi-vn-2020"]),
            ]),
            .chart(ReportChart(id: "by-form", title: "By form", kind: .bar, horizontal: true, categories: ["MOU", "Licence"],
                               series: [ChartSeries(name: "Partnerships", values: [3, 2])])),
            .table(ReportTable(id: "by-form", title: "By form", columns: [TableColumn(title: "Form"), TableColumn(title: "Count", kind: .number)],
                               rows: [[TableCell(text: "MOU"), TableCell(number: 3)]])),
            .table(ReportTable(id: "partnerships", title: "All", columns: [TableColumn(title: "Id")],
                               rows: [[TableCell(text: "hanmi-vn-2020")]], shown: false)),
            .chart(ReportChart(id: "trend", title: "Per quarter", kind: .line, categories: ["2020-Q3", "2020-Q4"],
                               series: [ChartSeries(name: "All", values: [2, 5])])),
        ])

    /// A report folder as `accord report` leaves it, with json, csv and a pdf.
    static func folder(of document: ReportDocument = document) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files = try ReportRenderer.render(document, as: .json) + ReportRenderer.render(document, as: .csv)
        files.append(RenderedFile(name: "report.pdf", data: Data("%PDF-1.7 a report\n".utf8)))
        let digest = { (data: Data) in "sha256:\(data.count)" }
        let entries = files.map { ReportManifest.File($0, digest: digest) }.sorted { $0.name < $1.name }
        let manifest = ReportManifest(report: "quarterly", title: document.title, period: document.period, asOf: "2021-01-03",
                                      timeZone: "Asia/Seoul", parameters: [:], script: "Scripts/reports/quarterly.lua",
                                      scriptDigest: "sha256:0", classification: nil, rows: [:], partnerships: 5, files: entries,
                                      contentDigest: "sha256:feedface0123456789", generated: "2021-01-03T06:00:00Z", seconds: 0.1)
        files.append(RenderedFile(name: "manifest.json", data: try manifest.json()))
        for file in files { try file.data.write(to: folder.appendingPathComponent(file.name)) }
        return folder
    }

    static func report() throws -> DeliveredReport {
        try DeliveredReport.load(folder: try folder(), shownFolder: "Reports/quarterly/2020-Q4")
    }

    @Test func aFigureThatIsNoFiniteNumberIsReadBackAsWritten() throws {
        var document = Self.document
        document.blocks.append(.figures([KeyFigure(label: "Share", value: .infinity, previous: -.infinity, yearBefore: .nan)]))
        let folder = try Self.folder(of: document)
        defer { try? FileManager.default.removeItem(at: folder) }
        let figure = try #require(try DeliveredReport.load(folder: folder, shownFolder: "Reports/q").figures.last)
        #expect(figure.value == .infinity)
        #expect(figure.previous == -.infinity)
        #expect(figure.yearBefore?.isNaN == true)
    }

    @Test func theHighlightsSentenceIsTheBlockThatSaysWhatMoved() throws {
        let report = try Self.report()
        defer { try? FileManager.default.removeItem(at: report.folder) }
        #expect(report.highlights == Self.highlights)
        // A paragraph that merely reads like it is not taken for it.
        let none = ReportDocument(id: "x", title: "X", period: Self.document.period,
                                  blocks: [.paragraph(text: "Partnerships rose sharply, we think.")])
        #expect(Highlights.sentence(in: none) == nil)
    }

    @Test func theMailHasTheFiguresTheHighlightsEachChartAsPNGAndTheFilesAskedFor() throws {
        let report = try Self.report()
        defer { try? FileManager.default.removeItem(at: report.folder) }
        let composer = MailComposer(from: "reports@example.org", to: ["analyst@example.org"], attach: ["pdf", "csv"])
        let message = try composer.message(for: report, job: "quarterly", date: Date(timeIntervalSince1970: 1_609_653_600))
        let entity = try MIMEEntity(message.rendered())
        #expect(entity.outline == "multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png, image/png)), "
                + "application/pdf, text/csv, text/csv, text/csv)")
        #expect(decodeWords(try #require(entity.header("Subject"))) == "한국 제약 partnerships: Quarterly partnership overview, 2020-Q4")
        #expect(entity.header("X-Accord-Content-Digest") == "sha256:feedface0123456789")
        #expect(entity.header("X-Accord-Folder") == "Reports/quarterly/2020-Q4")
        #expect(message.messageID.hasPrefix("quarterly.2020-Q4.feedface0123."))
        #expect(message.messageID.hasSuffix("@example.org"))
        // A retry carries the same Message-ID, so that a mail system that got it once can drop it;
        // a resend on purpose, and another content or other recipients, get their own.
        let retry = try composer.message(for: report, job: "quarterly", date: Date(timeIntervalSince1970: 1_609_660_000))
        #expect(retry.messageID == message.messageID)
        let resent = try composer.message(for: report, job: "quarterly", date: Date(timeIntervalSince1970: 1_609_660_000), resent: true)
        #expect(resent.messageID == "resent-20210103T074640Z." + message.messageID)
        let others = MailComposer(from: "reports@example.org", to: ["manager@example.org"], attach: ["pdf", "csv"])
        #expect(try others.message(for: report, job: "quarterly").messageID != message.messageID)

        let leaves = entity.leaves
        let text = String(decoding: leaves[0].body, as: UTF8.self)
        #expect(text.contains(Self.highlights))
        #expect(text.contains("New partnerships: 5 (▲ +3 (+150.0%) against 2020-Q3; ▲ +1 (+25.0%) against 2019-Q4)"), "\(text)")
        #expect(text.contains("Disclosed value: 1,500,000 KRW\n"))
        #expect(text.contains("The full report: Reports/quarterly/2020-Q4 (content sha256:feedface0123456789)."))
        #expect(text.contains("Attached: report.pdf, by-form.csv, partnerships-table.csv, partnerships.csv."))

        let html = String(decoding: leaves[1].body, as: UTF8.self)
        for image in leaves[2...3] {
            #expect(image.body.starts(with: [0x89, 0x50, 0x4e, 0x47]))
            let id = try #require(image.header("Content-ID")).dropFirst().dropLast()
            #expect(html.contains("src=\"cid:\(id)\""))
        }
        #expect(html.contains("title=\"hanmi-vn-2020, stradins-lv-2020, a, b, c\""))
        #expect(leaves[4].body == Data("%PDF-1.7 a report\n".utf8))
        #expect(leaves[5].parameter("filename", of: "Content-Disposition") == "by-form.csv")
        #expect(leaves[5].body == (try Data(contentsOf: report.folder.appendingPathComponent("by-form.csv"))))
        // The document's own table with the id partnerships, then the period's list.
        #expect(leaves[6].parameter("filename", of: "Content-Disposition") == "partnerships-table.csv")
        #expect(leaves[7].parameter("filename", of: "Content-Disposition") == "partnerships.csv")
    }

    @Test func attachingAFormatTheFolderLacksFailsAndNamesIt() throws {
        let report = try Self.report()
        defer { try? FileManager.default.removeItem(at: report.folder) }
        let composer = MailComposer(from: "reports@example.org", to: ["analyst@example.org"], attach: ["xlsx"])
        #expect(throws: DeliveryError.self) { try composer.message(for: report, job: "quarterly") }
        do { _ = try composer.message(for: report, job: "quarterly") } catch {
            #expect(error.description == "Reports/quarterly/2020-Q4 has no xlsx file to attach")
        }
    }

    @Test func theWebhookPayloadHasSlackTextAndTheFiguresWithTheirPartnerships() throws {
        let report = try Self.report()
        defer { try? FileManager.default.removeItem(at: report.folder) }
        let json = WebhookPayload(report: report, job: "quarterly").json()
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let text = try #require(object["text"] as? String)
        #expect(text.hasPrefix("*한국 제약 partnerships: Quarterly partnership overview, 2020-Q4*\n\(Self.highlights)\n• New partnerships: 5"))
        #expect(object["content_digest"] as? String == "sha256:feedface0123456789")
        #expect(object["folder"] as? String == "Reports/quarterly/2020-Q4")
        #expect(object["period"] as? String == "2020-Q4")
        let figures = try #require(object["figures"] as? [[String: Any]])
        #expect(figures.map { $0["label"] as? String } == ["New partnerships", "Disclosed value"])
        #expect(figures[0]["partnerships"] as? [String] == ["hanmi-vn-2020", "stradins-lv-2020", "a", "b", "c"])
        #expect(figures[0]["year_before"] as? Double == 4)
        #expect(figures[1]["shown"] as? String == "1,500,000 KRW")
    }

    @Test func aFolderWithoutItsDocumentCannotBeDelivered() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("report.json"))
        #expect(throws: DeliveryError.self) { try DeliveredReport.load(folder: folder, shownFolder: "Reports/q") }
    }
}
