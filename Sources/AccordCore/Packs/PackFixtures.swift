import Foundation
import Yams

/// One expectation about how a pack classifies one partnership.
public struct FixtureCase: Sendable, Equatable {
    /// The partnership's id, in the fixture's records or its data files.
    public var partnership: String
    /// The labels expected, in any order; nil when the case does not say.
    public var labels: [String]?
    public var primary: String?
    /// Rules that must fire, as written (`export` or `standard.export`).
    public var fired: [String]
    /// Rules that must not fire.
    public var notFired: [String]
    /// Set when the case is known to fail: it is reported, not counted as a failure.
    public var todo: String?
    public var note: String?
    public var file: String
    public var line: Int?

    /// `file:line` of the case.
    public var position: String { file + (line.map { ":\($0)" } ?? "") }
}

/// A pack's test file: records to classify and what to expect of them.
///
/// A test file is a data file (`sources`, `organizations`, `partnerships`, as
/// `accord import` reads them) with two more sections: `data`, files or folders
/// of further records relative to the test file, and `cases`.
public struct PackFixtures: Sendable {
    public var file: String
    public var cases: [FixtureCase]
    /// The records the cases draw on: the file's own and its data files'.
    public var dataset: Dataset

    static let caseKeys = ["partnership", "labels", "primary", "fired", "not_fired", "todo", "note"]

    /// Reads a test file; `display` is how messages name it. Without
    /// `records`, only the cases are read (their data files are not needed).
    public static func read(_ path: String, display: String, records: Bool = true) throws(DataErrors) -> PackFixtures {
        func fail(_ line: Int?, _ field: String?, _ message: String) -> DataErrors {
            DataErrors([DataIssue(file: display, line: line, field: field, message: message)])
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw fail(nil, nil, "cannot read the file: \(error.localizedDescription)")
        }
        let root: Node?
        do { root = try YAMLDocument.compose(text) } catch let alias as YAMLAliasError {
            throw fail(alias.line, nil, YAMLAliasError.message)
        } catch {
            throw fail(nil, nil, "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw fail(root?.mark?.line, nil, "expected a mapping with 'cases'") }

        var issues: [DataIssue] = []
        var dataPaths: [String] = []
        var cases: [FixtureCase] = []
        let folder = (path as NSString).deletingLastPathComponent
        for (keyNode, value) in mapping {
            switch keyNode.string {
            case "data":
                let items = value.sequence.map { Array($0) } ?? [value]
                for item in items {
                    guard let p = item.scalar?.string, !p.isEmpty else {
                        issues.append(DataIssue(file: display, line: item.mark?.line, field: "data", message: "expected a path"))
                        continue
                    }
                    // `..` is taken away lexically, from the path as written: a pack
                    // reached through a link finds the data beside the link.
                    let joined = p.hasPrefix("/") ? p : (folder as NSString).appendingPathComponent(p)
                    dataPaths.append(URL(fileURLWithPath: joined).standardizedFileURL.path)
                }
            case "cases":
                guard let list = value.sequence else {
                    issues.append(DataIssue(file: display, line: value.mark?.line, field: "cases", message: "expected a list of cases"))
                    continue
                }
                for (i, node) in list.enumerated() {
                    if let c = readCase(node, index: i, display: display, issues: &issues) { cases.append(c) }
                }
            default: continue
            }
        }
        if cases.isEmpty && issues.isEmpty {
            issues.append(DataIssue(file: display, line: nil, field: "cases", message: "no cases: add a 'cases' list"))
        }
        guard issues.isEmpty else { throw DataErrors(issues) }
        guard records else { return PackFixtures(file: display, cases: cases, dataset: Dataset()) }

        let files: [String]
        do { files = try DataImporter.expand(dataPaths) } catch { throw fail(nil, "data", "\(error.file): \(error.message)") }
        // Other files are named as the test file is: relative to the same folder.
        let base = path.hasSuffix(display) ? String(path.dropLast(display.count)) : ""
        var names: [String: String] = [:]
        for file in files + [path] where !base.isEmpty && file.hasPrefix(base) {
            names[file] = (String(file.dropFirst(base.count)) as NSString).standardizingPath
        }
        let dataset = try DataImporter.read(files: files + [path], ignoringSections: ["data", "cases"], displayNames: names)
        let ids = Set(dataset.partnerships.map(\.id))
        let missing = cases.filter { !ids.contains($0.partnership) }.map { c in
            DataIssue(file: display, line: c.line, field: "partnership",
                      message: "no partnership '\(c.partnership)' in the test file or its data"
                        + Suggestion.hint(for: c.partnership, in: Array(ids)))
        }
        guard missing.isEmpty else { throw DataErrors(missing) }
        return PackFixtures(file: display, cases: cases, dataset: dataset)
    }

    private static func readCase(_ node: Node, index: Int, display: String, issues: inout [DataIssue]) -> FixtureCase? {
        let field = "cases[\(index + 1)]"
        guard let mapping = node.mapping else {
            issues.append(DataIssue(file: display, line: node.mark?.line, field: field, message: "expected a mapping"))
            return nil
        }
        var c = FixtureCase(partnership: "", labels: nil, primary: nil, fired: [], notFired: [], todo: nil, note: nil,
                            file: display, line: node.mark?.line)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            func scalar() -> String? {
                guard let s = value.scalar?.string, !s.isEmpty else {
                    issues.append(DataIssue(file: display, line: line, field: "\(field).\(key)", message: "expected a text value"))
                    return nil
                }
                return s
            }
            func list() -> [String] {
                if let s = value.scalar?.string { return s.isEmpty ? [] : [s] }
                guard let items = value.sequence?.map({ $0.scalar?.string }), !items.contains(nil) else {
                    issues.append(DataIssue(file: display, line: line, field: "\(field).\(key)", message: "expected a list of names"))
                    return []
                }
                return items.compactMap { $0 }
            }
            switch key {
            case "partnership": c.partnership = scalar() ?? ""
            case "labels": c.labels = list()
            case "primary": c.primary = scalar()
            case "fired": c.fired = list()
            case "not_fired": c.notFired = list()
            case "todo": c.todo = scalar()
            case "note": c.note = scalar()
            default:
                issues.append(DataIssue(file: display, line: line, field: "\(field).\(key)",
                                        message: "unknown key" + Suggestion.hint(for: key, in: caseKeys)))
            }
        }
        if c.partnership.isEmpty {
            issues.append(DataIssue(file: display, line: node.mark?.line, field: field, message: "'partnership' is missing"))
            return nil
        }
        if c.labels == nil && c.primary == nil && c.fired.isEmpty && c.notFired.isEmpty {
            issues.append(DataIssue(file: display, line: node.mark?.line, field: field,
                                    message: "expects nothing: give labels, primary, fired or not_fired"))
        }
        return c
    }
}
