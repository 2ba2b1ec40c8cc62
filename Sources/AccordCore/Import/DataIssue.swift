/// One problem found in a data file: where it is and what is wrong.
public struct DataIssue: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's name as given to the importer.
    public var file: String
    /// 1-based line; nil when the problem concerns the whole file.
    public var line: Int?
    /// The record, like `partnership 'dksh-hanmi-sea-export-2013'`, or `row 3` when its id is unknown.
    public var record: String?
    /// A path to the field, like `parties[2].role` or `figures.participants`.
    public var field: String?
    /// What is wrong, and where it helps, what would be right.
    public var message: String

    public init(file: String, line: Int? = nil, record: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.record = record
        self.field = field
        self.message = message
    }

    /// `deals.csv:7: partnership 'abc-2019' field 'form': unknown value 'licence' (did you mean 'license'?)`
    public var description: String {
        var subject = [record, field.map { "field '\($0)'" }].compactMap { $0 }.joined(separator: " ")
        if !subject.isEmpty { subject += ": " }
        return "\(file)\(line.map { ":\($0)" } ?? ""): \(subject)\(message)"
    }
}

/// Every problem found in a set of data files. Nothing is imported while there is one.
public struct DataErrors: Error, CustomStringConvertible, Sendable {
    /// How many issues are kept; the rest are only counted.
    public static let limit = 100

    /// The first `limit` issues, in file and line order.
    public let issues: [DataIssue]
    /// How many more issues were found beyond `issues`.
    public let omitted: Int

    /// Keeps the first `limit` of `all` and counts the rest.
    public init(_ all: [DataIssue]) {
        self.init(all, total: all.count)
    }

    /// Keeps the first `limit` of `first`, the first issues of `total` found.
    init(_ first: [DataIssue], total: Int) {
        issues = Array(first.prefix(Self.limit))
        omitted = max(0, total - issues.count)
    }

    /// All issues found, including the omitted ones.
    public var count: Int { issues.count + omitted }

    /// One issue per line, then `… and N more` when some were omitted.
    public var description: String {
        let lines = issues.map(\.description) + (omitted > 0 ? ["… and \(omitted) more"] : [])
        return lines.joined(separator: "\n")
    }
}
