import AccordCore
import AccordReports
import Foundation

/// Makes the e-mail of one period's report: a subject with the report and period, the
/// highlights sentence and the key figures in HTML and plain text, each chart as an inline
/// PNG, the files of the formats asked for attached, and headers that trace it to its folder
/// and content.
public struct MailComposer {
    public var from: String
    public var to: [String]
    /// Formats whose files are attached: `pdf`, `xlsx`, `csv`, …
    public var attach: [String]
    public var converter: PNGConverter

    public init(from: String, to: [String], attach: [String], converter: PNGConverter = PNGConverter()) {
        self.from = from
        self.to = to
        self.attach = attach
        self.converter = converter
    }

    /// `quarterly.2020-Q4.1a2b3c4d5e6f.9f8e7d6c@example.org`: the job, the period, the content and
    /// the recipients, so that a retry of the same delivery carries the same Message-ID and a
    /// mail system that got it once can drop it; a resend on purpose (`resent`) gets its time first.
    public static func messageID(job: String, period: String, digest: String, recipients: [String], from: String,
                                 resent: Date? = nil) -> String {
        let safe = { (text: String) in
            String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
        }
        let hex = digest.split(separator: ":").last.map { String($0.prefix(12)) } ?? ""
        let to = ContentDigest.sha256(Data(recipients.sorted().joined(separator: ",").utf8)).split(separator: ":").last?.prefix(8) ?? ""
        let domain = from.split(separator: "@").last.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let prefix = resent.map { time -> String in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return "resent-\(formatter.string(from: time))."
        } ?? ""
        return "\(prefix)\(safe(job)).\(safe(period)).\(hex).\(to)@\(safe(domain))"
    }

    /// The message of `report`; `resent` when it is sent again on purpose, not retried.
    public func message(for report: DeliveredReport, job: String, date: Date = Date(), resent: Bool = false, messageID: String? = nil)
        throws(DeliveryError) -> MailMessage {
        let id = messageID ?? Self.messageID(job: job, period: report.document.period.label, digest: report.contentDigest,
                                             recipients: to, from: from, resent: resent ? date : nil)
        var images: [MailMessage.InlineImage] = []
        for chart in report.charts {
            let png = try converter.png(chart.svg, name: "chart \(chart.id)")
            images.append(.init(contentID: "\(chart.id).\(id)", name: "\(chart.id).png", data: png))
        }
        var attachments: [MailMessage.Attachment] = []
        for format in attach {
            let names = report.files(of: format)
            guard !names.isEmpty else {
                throw DeliveryError("\(report.shownFolder) has no \(format) file to attach")
            }
            for name in names {
                guard let data = try? Data(contentsOf: report.folder.appendingPathComponent(name)) else {
                    throw DeliveryError("cannot read \(report.shownFolder)/\(name)")
                }
                attachments.append(.init(name: (name as NSString).lastPathComponent, contentType: RenderedFile.mediaType(of: name), data: data))
            }
        }
        let body = MailBody(report: report, charts: zip(report.charts, images).map { ($0.0.title, $0.1.contentID) },
                            attached: attachments.map(\.name))
        return MailMessage(from: from, to: to, subject: report.subject, date: date, messageID: id, text: body.text,
                           html: body.html, images: images, attachments: attachments, headers: [
                               ("X-Accord-Report", "\(report.document.id) \(report.document.period.label)"),
                               ("X-Accord-Folder", report.shownFolder),
                               ("X-Accord-Content-Digest", report.contentDigest),
                           ])
    }
}
