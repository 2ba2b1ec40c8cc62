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
}
