import Foundation
import Yams

/// An analyst's judgement of one partnership: the labels it should have and the main one.
public struct Judgement: Sendable, Equatable {
    public var partnership: String
    /// The labels that apply, the primary among them; empty when none does.
    public var labels: [String]
    /// The main label; nil when the judgement does not say (then only the set is scored).
    public var primary: String?
    public var note: String?
    /// Where it was read: the file as messages name it, and the line (nil for manual labels).
    public var file: String
    public var line: Int?

    public init(partnership: String, labels: [String], primary: String?, note: String? = nil,
                file: String, line: Int? = nil) {
        self.partnership = partnership
        self.labels = labels
        self.primary = primary
        self.note = note
        self.file = file
        self.line = line
    }
}

/// A file of judgements a pack is scored against (`accord rules score --gold`, a test
/// file's `score`): CSV with the columns `partnership`, `labels` (items separated by `;`),
/// and optionally `primary` and `note`; or YAML or JSON, a list of mappings with the same keys.
///
/// Reading checks the file's own shape; whether its ids and labels exist is checked
/// against a database and a rule set by `GoldFile.check`.
public enum GoldFile {
    public static let keys = ["partnership", "labels", "primary", "note"]

    /// Reads the judgements of a file; `display` is how messages name it.
    public static func read(_ path: String, display: String) throws(DataErrors) -> [Judgement] {
        let lower = path.lowercased()
        var issues: [DataIssue] = []
        let judgements = lower.hasSuffix(".csv") ? readCSV(path, display, &issues)
            : lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") ? readYAML(path, display, &issues)
            : { issues.append(DataIssue(file: display, message: "a gold file is .csv, .yaml, .yml or .json")); return [] }()
        guard issues.isEmpty else { throw DataErrors(issues) }
        var first: [String: Int?] = [:]
        for j in judgements {
            if let line = first[j.partnership] {
                issues.append(DataIssue(file: display, line: j.line, field: "partnership",
                                        message: "'\(j.partnership)' is judged twice (first on line \(line.map(String.init) ?? "?"))"))
            } else {
                first[j.partnership] = j.line
            }
        }
        if judgements.isEmpty && issues.isEmpty { issues.append(DataIssue(file: display, message: "no judgements in the file")) }
        guard issues.isEmpty else { throw DataErrors(issues) }
        return judgements
    }

    /// Refuses judgements of partnerships `known` does not hold and labels outside `vocabulary`.
    public static func check(_ judgements: [Judgement], known: (String) throws -> Bool,
                             vocabulary: [String]) throws -> [DataIssue] {
        var issues: [DataIssue] = []
        let labels = Set(vocabulary)
        for j in judgements {
            if try !known(j.partnership) {
                issues.append(DataIssue(file: j.file, line: j.line, field: "partnership",
                                        message: "no partnership '\(j.partnership)' in the database"))
            }
            let primary = j.primary.flatMap { j.labels.contains($0) ? nil : $0 }
            for label in j.labels + [primary].compactMap({ $0 }) where !labels.contains(label) {
                issues.append(DataIssue(file: j.file, line: j.line, record: "partnership '\(j.partnership)'",
                                        field: label == primary ? "primary" : "labels",
                                        message: "'\(label)' is not a label of the applied packs"
                                            + Suggestion.hint(for: label, in: vocabulary)))
            }
        }
        return issues
    }

    // MARK: Reading

    /// One judgement from its fields as written, or nil after reporting what is wrong.
    private static func judgement(partnership: String?, labels: [String], primary: String?, note: String?,
                                  file: String, line: Int?, field: (String) -> String,
                                  _ issues: inout [DataIssue]) -> Judgement? {
        guard let partnership, !partnership.isEmpty else {
            issues.append(DataIssue(file: file, line: line, field: field("partnership"), message: "the partnership's id is missing"))
            return nil
        }
        var seen: Set<String> = []
        for label in labels where !seen.insert(label).inserted {
            issues.append(DataIssue(file: file, line: line, record: "partnership '\(partnership)'", field: field("labels"),
                                    message: "'\(label)' is given twice"))
        }
        var primary = primary.flatMap { $0.isEmpty ? nil : $0 }
        if let p = primary, !labels.contains(p) {
            issues.append(DataIssue(file: file, line: line, record: "partnership '\(partnership)'", field: field("primary"),
                                    message: "'\(p)' is not among the labels (\(labels.joined(separator: ", ")))"))
        }
        if primary == nil && labels.count == 1 { primary = labels[0] }
        return Judgement(partnership: partnership, labels: labels, primary: primary,
                         note: note.flatMap { $0.isEmpty ? nil : $0 }, file: file, line: line)
    }

    private static func readCSV(_ path: String, _ display: String, _ issues: inout [DataIssue]) -> [Judgement] {
        guard let input = CSVFileInput(path: path) else {
            issues.append(DataIssue(file: display, message: "cannot read the file: \(String(cString: strerror(errno)))"))
            return []
        }
        let reader = CSVRowReader(input: input, blockSize: 1 << 20)
        do {
            guard let header = try reader.next() else { return [] }
            guard header.problems.isEmpty else {
                issues += header.problems.map { CSVSource.issue(for: $0, in: display, columns: [], record: nil) }
                return []
            }
            let columns = header.cells.map(\.trimmed)
            for (i, column) in columns.enumerated() {
                if !keys.contains(column) {
                    issues.append(DataIssue(file: display, line: header.line, field: column,
                                            message: "unknown column" + Suggestion.hint(for: column, in: keys)))
                } else if columns[..<i].contains(column) {
                    issues.append(DataIssue(file: display, line: header.line, field: column, message: "the column appears twice"))
                }
            }
            for required in ["partnership", "labels"] where !columns.contains(required) {
                issues.append(DataIssue(file: display, line: header.line, field: required, message: "the column is missing"))
            }
            guard issues.isEmpty else { return [] }
            var out: [Judgement] = []
            while let row = try reader.next() {
                if row.problems.isEmpty && row.cells.count == 1 && row.cells[0].trimmed.isEmpty { continue }
                guard row.problems.isEmpty else {
                    issues += row.problems.map { CSVSource.issue(for: $0, in: display, columns: columns, record: nil) }
                    continue
                }
                guard row.cells.count == columns.count else {
                    issues.append(DataIssue(file: display, line: row.line,
                                            message: "\(row.cells.count) cells where the header has \(columns.count) columns"))
                    continue
                }
                func cell(_ name: String) -> String? { columns.firstIndex(of: name).map { row.cells[$0].trimmed } }
                let labels = (cell("labels") ?? "").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
                if let j = judgement(partnership: cell("partnership"), labels: labels, primary: cell("primary"),
                                     note: cell("note"), file: display, line: row.line, field: { $0 }, &issues) {
                    out.append(j)
                }
            }
            return out
        } catch {
            issues.append(DataIssue(file: display, message: "cannot read the file: \(error)"))
            return []
        }
    }

    private static func readYAML(_ path: String, _ display: String, _ issues: inout [DataIssue]) -> [Judgement] {
        let root: Node?
        do {
            root = try YAMLDocument.compose(try String(contentsOfFile: path, encoding: .utf8))
        } catch let alias as YAMLAliasError {
            issues.append(DataIssue(file: display, line: alias.line, message: YAMLAliasError.message))
            return []
        } catch {
            issues.append(DataIssue(file: display, message: "cannot read the file: \(error)"))
            return []
        }
        guard let list = root?.sequence else {
            issues.append(DataIssue(file: display, line: root?.mark?.line,
                                    message: "expected a list of judgements ({partnership, labels, primary, note})"))
            return []
        }
        var out: [Judgement] = []
        for (index, node) in list.enumerated() {
            let at = "[\(index + 1)]"
            guard let mapping = node.mapping else {
                issues.append(DataIssue(file: display, line: node.mark?.line, field: at, message: "expected a mapping"))
                continue
            }
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                if keys.contains(name) { fields[name] = value } else {
                    issues.append(DataIssue(file: display, line: key.mark?.line, field: "\(at).\(name)",
                                            message: "unknown key" + Suggestion.hint(for: name, in: keys)))
                }
            }
            func text(_ key: String) -> String? {
                guard let value = fields[key] else { return nil }
                guard let s = value.scalar?.string else {
                    issues.append(DataIssue(file: display, line: value.mark?.line, field: "\(at).\(key)", message: "expected a text value"))
                    return nil
                }
                return s.trimmed
            }
            var labels: [String] = []
            if let value = fields["labels"] {
                if let s = value.scalar?.string { labels = s.trimmed.isEmpty ? [] : [s.trimmed] }
                else if let items = value.sequence?.map({ $0.scalar?.string.trimmed }), !items.contains(nil) {
                    labels = items.compactMap { $0 }
                } else {
                    issues.append(DataIssue(file: display, line: value.mark?.line, field: "\(at).labels", message: "expected a list of labels"))
                }
            } else {
                issues.append(DataIssue(file: display, line: node.mark?.line, field: "\(at).labels",
                                        message: "'labels' is missing (an empty list judges that no label applies)"))
            }
            if let j = judgement(partnership: text("partnership"), labels: labels, primary: text("primary"), note: text("note"),
                                 file: display, line: node.mark?.line, field: { "\(at).\($0)" }, &issues) {
                out.append(j)
            }
        }
        return out
    }
}
