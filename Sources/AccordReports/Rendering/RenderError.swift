/// A format that could not be rendered: PDF asked for with no engine to print it, a printing
/// that failed, a workbook that could not be written.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// Whether an engine is missing (a configuration problem) rather than failing.
    public let missingEngine: Bool

    /// PDF asked for on a machine without Chromium.
    public static let noPDFEngine = RenderError("no PDF engine: install Chromium (apt-get install chromium fonts-noto-cjk)",
                                                missingEngine: true)

    public init(_ description: String, missingEngine: Bool = false) {
        self.description = description
        self.missingEngine = missingEngine
    }
}
