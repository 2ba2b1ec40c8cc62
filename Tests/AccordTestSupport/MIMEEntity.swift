import Foundation

/// A MIME entity read back from a message, for checking what a builder wrote: its
/// headers, its decoded body, and its parts when it is multipart.
public struct MIMEEntity {
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var parts: [MIMEEntity]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// `multipart/mixed` from `multipart/mixed; boundary="…"`.
    public var contentType: String {
        (header("Content-Type") ?? "text/plain").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// A parameter of a header: `boundary`, `filename`, `name`.
    public func parameter(_ name: String, of headerName: String) -> String? {
        guard let value = header(headerName) else { return nil }
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        return nil
    }

    /// Every entity below this one that is not multipart, in order.
    public var leaves: [MIMEEntity] { parts.isEmpty ? [self] : parts.flatMap(\.leaves) }

    /// The structure as `multipart/mixed(multipart/alternative(text/plain, …), application/pdf)`.
    public var outline: String {
        parts.isEmpty ? contentType : "\(contentType)(" + parts.map(\.outline).joined(separator: ", ") + ")"
    }

    public init(_ data: Data) throws {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let split = text.range(of: "\n\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        let rest = split.map { String(text[$0.upperBound...]) } ?? ""
        var headers: [(String, String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        self.headers = headers
        self.parts = []
        self.body = Data()
        if contentType.hasPrefix("multipart/"), let boundary = parameter("boundary", of: "Content-Type") {
            let pieces = rest.components(separatedBy: "--\(boundary)")
            guard pieces.count >= 3, pieces.last!.hasPrefix("--") else { throw MIMEError("no closing boundary \(boundary)") }
            parts = try pieces.dropFirst().dropLast().map { piece in
                var piece = Substring(piece)
                if piece.hasPrefix("\n") { piece = piece.dropFirst() }
                if piece.hasSuffix("\n") { piece = piece.dropLast() }
                return try MIMEEntity(Data(piece.utf8))
            }
        } else if header("Content-Transfer-Encoding")?.lowercased() == "base64" {
            guard let decoded = Data(base64Encoded: rest.filter { !$0.isWhitespace }) else { throw MIMEError("bad base64") }
            body = decoded
        } else {
            body = Data(rest.utf8)
        }
    }
}

public struct MIMEError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`) in a header value.
public func decodeWords(_ value: String) -> String {
    var out = ""
    for token in value.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
        if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="),
           let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))) {
            out += String(decoding: data, as: UTF8.self)
        } else {
            out += (out.isEmpty ? "" : " ") + token
        }
    }
    return out
}
