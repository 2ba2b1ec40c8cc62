import Foundation

/// An e-mail as it leaves Accord: multipart/mixed holding multipart/alternative
/// (text/plain, then multipart/related with text/html and its inline PNG
/// images, referred to by Content-ID) and the attachments. Every body is base64,
/// so no line is too long and no byte is changed on the way; boundaries start
/// with `=_`, which base64 never contains.
public struct MailMessage: Sendable {
    /// An image the HTML shows as `<img src="cid:ID">`.
    public struct InlineImage: Sendable {
        public var contentID: String
        public var name: String
        public var contentType: String
        public var data: Data

        public init(contentID: String, name: String, contentType: String = "image/png", data: Data) {
            self.contentID = contentID
            self.name = name
            self.contentType = contentType
            self.data = data
        }
    }

    /// A file sent with the message.
    public struct Attachment: Sendable {
        public var name: String
        public var contentType: String
        public var data: Data

        public init(name: String, contentType: String, data: Data) {
            self.name = name
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: String
    public var to: [String]
    public var subject: String
    public var date: Date
    /// Without the angle brackets: `20260102T060000.1a2b3c4d@example.org`.
    public var messageID: String
    public var text: String
    public var html: String
    public var images: [InlineImage]
    public var attachments: [Attachment]
    /// More headers (`X-Accord-Report`), in order; values are folded onto one line.
    public var headers: [(name: String, value: String)]

    public init(from: String, to: [String], subject: String, date: Date, messageID: String, text: String, html: String,
                images: [InlineImage] = [], attachments: [Attachment] = [], headers: [(name: String, value: String)] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
        self.html = html
        self.images = images
        self.attachments = attachments
        self.headers = headers
    }

    /// The message as `sendmail -t` reads it: headers, a blank line, the body; lines end with
    /// LF, the local convention of the sendmail interface (it sends CRLF on the wire).
    public func rendered() -> Data {
        var lines: [String] = [
            header("From", from),
            header("To", to.joined(separator: ", ")),
            "Subject: " + MailHeader.encoded(subject, offset: 9),
            header("Date", MailHeader.date(date)),
            header("Message-ID", "<\(messageID)>"),
        ]
        lines += headers.map { header($0.name, $0.value) }
        lines.append("MIME-Version: 1.0")
        let seed = MailHeader.boundarySeed(messageID)
        let related = Part.multipart("related", boundary: "=_related_\(seed)", parts: [
            Part.leaf("text/html; charset=utf-8", Data(html.utf8)),
        ] + images.map { image in
            Part.leaf(image.contentType, image.data, headers: [
                "Content-ID: <\(image.contentID)>",
                "Content-Disposition: inline; filename=\"\(MailHeader.quoted(image.name))\"",
            ])
        })
        let alternative = Part.multipart("alternative", boundary: "=_alternative_\(seed)", parts: [
            Part.leaf("text/plain; charset=utf-8", Data(text.utf8)),
            images.isEmpty ? Part.leaf("text/html; charset=utf-8", Data(html.utf8)) : related,
        ])
        let top = attachments.isEmpty ? alternative : Part.multipart("mixed", boundary: "=_mixed_\(seed)", parts: [alternative]
            + attachments.map { file in
                Part.leaf(file.contentType + "; name=\"\(MailHeader.quoted(file.name))\"", file.data, headers: [
                    "Content-Disposition: attachment; filename=\"\(MailHeader.quoted(file.name))\"",
                ])
            })
        lines += top.lines()
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func header(_ name: String, _ value: String) -> String {
        MailHeader.folded("\(name): " + MailHeader.oneLine(value))
    }

    /// A part of the message: a body with its content type, or parts between boundaries.
    private indirect enum Part {
        case leaf(String, Data, headers: [String] = [])
        case multipart(String, boundary: String, parts: [Part])

        func lines() -> [String] {
            switch self {
            case let .leaf(type, data, headers):
                return (["Content-Type: \(type)", "Content-Transfer-Encoding: base64"] + headers).map(MailHeader.folded) + [""]
                    + MailHeader.base64Lines(data)
            case let .multipart(subtype, boundary, parts):
                var out = [MailHeader.folded("Content-Type: multipart/\(subtype); boundary=\"\(boundary)\""), ""]
                for part in parts { out += ["--\(boundary)"] + part.lines() }
                out.append("--\(boundary)--")
                return out
            }
        }
    }
}

/// Header values as RFC 5322 and RFC 2047 want them.
public enum MailHeader {
    /// The value on one line: line breaks (which could start a header of their own) become spaces.
    public static func oneLine(_ value: String) -> String {
        value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// The value as it is when it is printable ASCII and fits a line; else RFC 2047 encoded
    /// words (`=?UTF-8?B?…?=`), each at most 75 characters, on folded lines, never splitting a
    /// character. `offset` is the length of the header's name and colon.
    public static func encoded(_ value: String, offset: Int = 0) -> String {
        let line = oneLine(value)
        if line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) && line.utf8.count + offset <= 76 && !line.contains("=?") {
            return line
        }
        // 75 characters an encoded word at most: `=?UTF-8?B?` and `?=` take 12, leaving 63 for base64,
        // which is 45 bytes of text.
        var words: [String] = []
        var chunk = Data()
        for character in line {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\n ")
    }

    /// A header line folded after `;` or `,` so that its lines keep to 78 characters where it can.
    public static func folded(_ line: String) -> String {
        guard line.count > 78 else { return line }
        var lines: [String] = []
        var current = ""
        var piece = ""
        for character in line {
            piece.append(character)
            if character == ";" || character == "," {
                if !current.isEmpty && current.count + piece.count > 78 {
                    lines.append(current)
                    current = " " + piece.drop { $0 == " " }
                } else {
                    current += piece
                }
                piece = ""
            }
        }
        if !current.isEmpty && current.count + piece.count > 78 {
            lines.append(current)
            current = " " + piece.drop { $0 == " " }
        } else {
            current += piece
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// A quoted-string's content: quotes and backslashes escaped.
    public static func quoted(_ value: String) -> String {
        oneLine(value).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// `Fri, 03 Jan 2021 06:00:00 +0000`.
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Base64 in lines of 76 characters.
    public static func base64Lines(_ data: Data) -> [String] {
        let text = data.base64EncodedString()
        guard !text.isEmpty else { return [] }
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
    }

    /// Letters and digits from the Message-ID, so that each message has boundaries of its own.
    static func boundarySeed(_ messageID: String) -> String {
        let kept = messageID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }
        return String(String.UnicodeScalarView(kept.prefix(40)))
    }
}
