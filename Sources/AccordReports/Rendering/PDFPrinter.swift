import Foundation

/// Prints a report's HTML page to PDF: a real layout engine, outside this module.
public protocol PDFPrinter: Sendable {
    /// The PDF of `html`, with the dates in its metadata set to `day` (`2026-01-01`) so that
    /// the same page prints to the same bytes.
    func pdf(of html: Data, dated day: String) throws -> Data
}

/// A report asked for as PDF with no engine to print it, or one that failed.
public struct PDFError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// Whether the engine is missing (a configuration problem) rather than failing.
    public let missingEngine: Bool

    public init(_ description: String, missingEngine: Bool = false) {
        self.description = description
        self.missingEngine = missingEngine
    }
}
