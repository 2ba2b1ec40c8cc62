/// A rule pack's files could not be read.
public struct PackError: Error, CustomStringConvertible, Sendable {
    /// The file or folder involved.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
