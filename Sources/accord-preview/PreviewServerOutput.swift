import AccordPreview
import Foundation

/// The server's standard output, written one whole line at a time from any thread.
final class PreviewServerOutput: @unchecked Sendable {
    private let lock = NSLock()

    func say(_ report: PreviewServerReport) {
        lock.withLock { FileHandle.standardOutput.write(Data(report.line.utf8)) }
    }
}
