import AccordReports
import Foundation
import Testing

/// Compares rendered files with the golden files in `Golden/`.
///
/// To regenerate the golden files after a deliberate change, run the tests with
/// `ACCORD_UPDATE_GOLDEN=1`, e.g.
/// `ACCORD_UPDATE_GOLDEN=1 swift test --filter AccordReportsTests.GoldenTests`,
/// then review the diff before committing.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["ACCORD_UPDATE_GOLDEN"] == "1" }

    /// The golden file's name for a rendered file: `report.html` is `sample.html`.
    static func name(of file: RenderedFile) -> String {
        file.name.hasPrefix("report.") ? "sample." + file.name.dropFirst("report.".count) : file.name
    }

    static func check(_ file: RenderedFile, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let name = name(of: file)
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(name); run with ACCORD_UPDATE_GOLDEN=1 to write it", sourceLocation: sourceLocation)
            return
        }
        if let difference = firstDifference(expected: expected, actual: file.data) {
            Issue.record("\(name) differs from its golden file at \(difference)", sourceLocation: sourceLocation)
        }
    }

    /// `line 12: expected «…» but rendered «…»`, or nil when the two are the same.
    static func firstDifference(expected: Data, actual: Data) -> String? {
        guard expected != actual else { return nil }
        let old = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let new = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? old[index] : "(end of file)"
            let b = index < new.count ? new[index] : "(end of file)"
            if a != b { return "line \(index + 1): expected «\(a)» but rendered «\(b)»" }
        }
        return "a difference in bytes that are not text"
    }
}
