/// The problems an import finds. For each file it keeps the first `DataErrors.limit`
/// by line and only counts the rest: what is shown is the same, and memory does not
/// grow with a file that is wrong on every line.
struct IssueLog {
    private var kept: [String: [(issue: DataIssue, order: Int)]] = [:]
    /// Every issue logged, kept or not.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ issue: DataIssue) {
        count += 1
        var list = kept.removeValue(forKey: issue.file) ?? []
        list.append((issue, count))
        if list.count >= 2 * DataErrors.limit {
            list.sort { ($0.issue.line ?? 0, $0.order) < ($1.issue.line ?? 0, $1.order) }
            list.removeLast(list.count - DataErrors.limit)
        }
        kept[issue.file] = list
    }

    mutating func append(contentsOf issues: some Sequence<DataIssue>) {
        for issue in issues { append(issue) }
    }

    /// Adds what `other` logged, kept and counted.
    mutating func append(_ other: IssueLog) {
        let keptThere = other.kept.values.reduce(0) { $0 + $1.count }
        for list in other.kept.values { for entry in list.sorted(by: { $0.order < $1.order }) { append(entry.issue) } }
        count += other.count - keptThere
    }

    /// The issues kept, in the order they were logged.
    var issues: [DataIssue] {
        kept.values.joined().sorted { $0.order < $1.order }.map(\.issue)
    }
}
