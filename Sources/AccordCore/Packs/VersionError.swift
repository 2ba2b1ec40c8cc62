/// Text that is not a semantic version or not a version range.
public struct VersionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text that was read.
    public let text: String
    /// What was expected: "version" or "version range".
    public let expected: String
    /// What is wrong with it, quoting the offending part.
    public let reason: String

    public init(text: String, expected: String, reason: String) {
        self.text = text
        self.expected = expected
        self.reason = reason
    }

    /// `'1.02' is not a version: minor '02' has a leading zero`.
    public var description: String { "'\(text)' is not a \(expected): \(reason)" }
}
