import Foundation

/// Prints a report's HTML page to PDF: a real layout engine, outside this module.
public protocol PDFPrinter: Sendable {
    /// The PDF of `html`, with the dates in its metadata set to `day` (`2026-01-01`) so that
    /// the same page prints to the same bytes.
    func pdf(of html: Data, dated day: String) throws -> Data
}
