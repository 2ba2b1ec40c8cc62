import Foundation

/// A report folder that could not be written; the earlier output is as it was.
public struct ReportFolderError: Error, CustomStringConvertible, Sendable {
    public let folder: URL
    public let reason: String
    public var description: String { "cannot write the report to \(folder.path): \(reason)" }
}
