import Foundation

/// A private folder under the system's temporary folder, removed when done with.
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init(prefix: String) throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ChildProcessError("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        url = URL(fileURLWithPath: String(cString: made))
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
