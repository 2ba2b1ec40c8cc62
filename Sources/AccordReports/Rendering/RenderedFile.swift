import Foundation

/// One file of a rendered report.
public struct RenderedFile: Equatable, Sendable {
    /// The path inside the report's folder: `report.html`, `charts/by-label.svg`.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }

    /// The media type of a report's file, by its name: for e-mail attachments and web servers.
    public static func mediaType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "txt": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: "application/octet-stream"
        }
    }
}
