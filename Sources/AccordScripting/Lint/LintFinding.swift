/// One problem `accord check` found in a script, at a file and line.
public struct LintFinding: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// The file as messages show it: relative to the workspace when inside it.
    public var file: String
    /// 1-based; nil when the problem concerns the whole file (or a setting).
    public var line: Int?
    /// 1-based byte column, when known.
    public var column: Int?
    public var severity: Severity
    /// A short name for the kind of problem: `syntax`, `undefined-global`, `unknown-field`, …
    public var code: String
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, severity: Severity, code: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }

    private enum CodingKeys: String, CodingKey { case file, line, column, severity, code, message }

    /// Every key is written, `null` when unknown, so that each line has the same shape.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(severity, forKey: .severity)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
    }

    /// `file:line:column: severity: message [code]`.
    public var text: String {
        var position = file
        if let line { position += ":\(line)" }
        if line != nil, let column { position += ":\(column)" }
        return "\(position): \(severity.rawValue): \(message) [\(code)]"
    }

    /// Orders findings by file, then line, then column.
    public static func sorted(_ findings: [LintFinding]) -> [LintFinding] {
        findings.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }
}
