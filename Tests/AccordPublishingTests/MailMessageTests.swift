import AccordCore
import AccordPublishing
import AccordReports
import Foundation
import AccordTestSupport
import Testing

/// The e-mail builder: its MIME structure, read back part by part.
@Suite struct MailMessageTests {
    static let png = Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] + Array(repeating: 7, count: 300))
    static let pdf = Data("%PDF-1.7\n".utf8 + (0..<2000).map { UInt8($0 % 256) })

    static func message(subject: String = "Quarterly partnership overview, 2020-Q4") -> MailMessage {
        MailMessage(
            from: "reports@example.org", to: ["analyst@example.org", "manager@example.org"], subject: subject,
            date: Date(timeIntervalSince1970: 1_609_653_600), messageID: "20210103T060000Z.quarterly.2020-Q4.abc@example.org",
            text: "Partnerships rose from 2 in 2020-Q3 to 8 (+300%).\n", html: "<p>Partnerships rose <img src=\"cid:a.1\"></p>\n",
            images: [.init(contentID: "a.1", name: "a.png", data: png), .init(contentID: "b.1", name: "b.png", data: png + png)],
            attachments: [.init(name: "report.pdf", contentType: "application/pdf", data: pdf),
                          .init(name: "by-form.csv", contentType: "text/csv; charset=utf-8", data: Data("Form,Count\nmou,3\n".utf8))],
            headers: [("X-Accord-Content-Digest", "sha256:1234")])
    }

    @Test func aMessageIsMixedAlternativeAndRelatedWithItsFilesAfterIt() throws {
        let entity = try MIMEEntity(Self.message().rendered())
        #expect(entity.outline == "multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png, image/png)), "
                + "application/pdf, text/csv)")
        #expect(entity.header("MIME-Version") == "1.0")
        #expect(entity.header("From") == "reports@example.org")
        #expect(entity.header("To") == "analyst@example.org, manager@example.org")
        #expect(entity.header("Message-ID") == "<20210103T060000Z.quarterly.2020-Q4.abc@example.org>")
        #expect(entity.header("Date") == "Sun, 03 Jan 2021 06:00:00 +0000")
        #expect(entity.header("X-Accord-Content-Digest") == "sha256:1234")
    }

    @Test func everyBodyIsBase64ThatDecodesToWhatWasGiven() throws {
        let leaves = try MIMEEntity(Self.message().rendered()).leaves
        #expect(leaves.allSatisfy { $0.header("Content-Transfer-Encoding") == "base64" })
        #expect(String(decoding: leaves[0].body, as: UTF8.self) == "Partnerships rose from 2 in 2020-Q3 to 8 (+300%).\n")
        #expect(leaves[0].header("Content-Type") == "text/plain; charset=utf-8")
        #expect(String(decoding: leaves[1].body, as: UTF8.self).contains("cid:a.1"))
        #expect(leaves[2].body == Self.png)
        #expect(leaves[3].body == Self.png + Self.png)
        #expect(leaves[4].body == Self.pdf)
        #expect(String(decoding: leaves[5].body, as: UTF8.self) == "Form,Count\nmou,3\n")
    }

    @Test func inlineImagesHaveContentIDsAndAttachmentsHaveFileNames() throws {
        let leaves = try MIMEEntity(Self.message().rendered()).leaves
        #expect(leaves[2].header("Content-ID") == "<a.1>")
        #expect(leaves[3].header("Content-ID") == "<b.1>")
        #expect(leaves[2].parameter("filename", of: "Content-Disposition") == "a.png")
        #expect(leaves[2].header("Content-Disposition")?.hasPrefix("inline;") == true)
        #expect(leaves[4].header("Content-Disposition")?.hasPrefix("attachment;") == true)
        #expect(leaves[4].parameter("filename", of: "Content-Disposition") == "report.pdf")
        #expect(leaves[5].parameter("filename", of: "Content-Disposition") == "by-form.csv")
    }

    @Test func noLineIsLongerThan78CharactersAndBoundariesNeverOccurInBodies() throws {
        let text = String(decoding: Self.message().rendered(), as: UTF8.self)
        #expect(text.split(separator: "\n").allSatisfy { $0.utf8.count <= 78 })
        let entity = try MIMEEntity(Self.message().rendered())
        let boundary = try #require(entity.parameter("boundary", of: "Content-Type"))
        #expect(boundary.hasPrefix("=_"))
        // Before each of its three parts (the alternative, two files), and the closing line.
        #expect(text.components(separatedBy: "--" + boundary).count == 5)
    }

    @Test func aMessageWithoutAttachmentsOrImagesIsOnlyTheAlternative() throws {
        var message = Self.message()
        message.attachments = []
        message.images = []
        #expect(try MIMEEntity(message.rendered()).outline == "multipart/alternative(text/plain, text/html)")
    }

    @Test func aSubjectWithHangulAndLatvianIsWrittenAsEncodedWordsThatDecodeBack() throws {
        let subject = "한국제약바이오협회 partnerships with Pauls Stradiņš Clinical University Hospital, 2020-Q4 — 분기 보고서"
        let data = Self.message(subject: subject).rendered()
        let head = String(decoding: data, as: UTF8.self).components(separatedBy: "\n\n")[0]
        #expect(head.unicodeScalars.allSatisfy { $0.isASCII })
        let entity = try MIMEEntity(data)
        let raw = try #require(entity.header("Subject"))
        #expect(raw.hasPrefix("=?UTF-8?B?"))
        #expect(raw.split(whereSeparator: \.isWhitespace).allSatisfy { $0.count <= 75 })
        #expect(decodeWords(raw) == subject)
    }

    @Test func anASCIISubjectStaysReadableAndALineBreakCannotAddAHeader() throws {
        let plain = try MIMEEntity(Self.message().rendered())
        #expect(plain.header("Subject") == "Quarterly partnership overview, 2020-Q4")
        let sneaky = try MIMEEntity(Self.message(subject: "Report\nBcc: everyone@example.org").rendered())
        #expect(sneaky.header("Bcc") == nil)
        #expect(sneaky.header("Subject") == "Report Bcc: everyone@example.org")
    }

    @Test func eachMessageHasBoundariesOfItsOwn() throws {
        var other = Self.message()
        other.messageID = "20210103T060000Z.quarterly.2020-Q4.def@example.org"
        let a = try MIMEEntity(Self.message().rendered()).parameter("boundary", of: "Content-Type")
        let b = try MIMEEntity(other.rendered()).parameter("boundary", of: "Content-Type")
        #expect(a != b)
    }
}
