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

/// A quality floor a pack's tests hold it to: its score against a gold file of judgements.
public struct ScoreFloor: Sendable, Equatable {
    /// The gold file, as messages name it, and its judgements.
    public var gold: String
    public var judgements: [Judgement]
    /// The lowest micro F1 accepted; nil for none.
    public var minMicroF1: Double?
    /// The lowest F1 accepted per label.
    public var minF1: [String: Double]
    /// Where the floor is declared.
    public var file: String
    public var line: Int?

    static let keys = ["gold", "min_micro_f1", "min_f1"]
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
    /// The floor the pack's score must reach, when the file sets one (`score:`).
    public var score: ScoreFloor?

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
        var scoreNode: (key: Node, value: Node)?
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
            case "score": scoreNode = (keyNode, value)
            default: continue
            }
        }
        var score: ScoreFloor?
        if let (key, value) = scoreNode {
            score = readScore(value, line: key.mark?.line, folder: folder, path: path, display: display, issues: &issues)
        }
        if cases.isEmpty && score == nil && issues.isEmpty {
            issues.append(DataIssue(file: display, line: nil, field: "cases", message: "no cases: add a 'cases' list or a 'score'"))
        }
        guard issues.isEmpty else { throw DataErrors(issues) }
        guard records else { return PackFixtures(file: display, cases: cases, dataset: Dataset(), score: score) }

        let files: [String]
        do { files = try DataImporter.expand(dataPaths) } catch { throw fail(nil, "data", "\(error.file): \(error.message)") }
        // Other files are named as the test file is: relative to the same folder.
        let base = path.hasSuffix(display) ? String(path.dropLast(display.count)) : ""
        var names: [String: String] = [:]
        for file in files + [path] where !base.isEmpty && file.hasPrefix(base) {
            names[file] = (String(file.dropFirst(base.count)) as NSString).standardizingPath
        }
        let dataset = try DataImporter.read(files: files + [path], ignoringSections: ["data", "cases", "score"], displayNames: names)
        let ids = Set(dataset.partnerships.map(\.id))
        let missing = cases.filter { !ids.contains($0.partnership) }.map { c in
            DataIssue(file: display, line: c.line, field: "partnership",
                      message: "no partnership '\(c.partnership)' in the test file or its data"
                        + Suggestion.hint(for: c.partnership, in: Array(ids)))
        }
        let unjudged = (score?.judgements ?? []).filter { !ids.contains($0.partnership) }.map { j in
            DataIssue(file: j.file, line: j.line, field: "partnership",
                      message: "no partnership '\(j.partnership)' in the test file or its data" + Suggestion.hint(for: j.partnership, in: Array(ids)))
        }
        guard missing.isEmpty && unjudged.isEmpty else { throw DataErrors(missing + unjudged) }
        return PackFixtures(file: display, cases: cases, dataset: dataset, score: score)
    }

    /// `score: { gold: gold.csv, min_micro_f1: 0.9, min_f1: { networking: 0.8 } }`, the gold file
    /// relative to the test file and read with it.
    private static func readScore(_ node: Node, line: Int?, folder: String, path: String, display: String,
                                  issues: inout [DataIssue]) -> ScoreFloor? {
        guard let mapping = node.mapping else {
            issues.append(DataIssue(file: display, line: line, field: "score", message: "expected a mapping with 'gold'"))
            return nil
        }
        var floor = ScoreFloor(gold: "", judgements: [], minMicroF1: nil, minF1: [:], file: display, line: line)
        func ratio(_ value: Node, _ field: String) -> Double? {
            guard let text = value.scalar?.string, let x = Double(text), x >= 0, x <= 1 else {
                issues.append(DataIssue(file: display, line: value.mark?.line, field: field, message: "expected a number from 0 to 1"))
                return nil
            }
            return x
        }
        var goldPath: String?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "gold":
                guard let p = value.scalar?.string, !p.isEmpty else {
                    issues.append(DataIssue(file: display, line: value.mark?.line, field: "score.gold", message: "expected a path"))
                    continue
                }
                goldPath = p
            case "min_micro_f1": floor.minMicroF1 = ratio(value, "score.min_micro_f1")
            case "min_f1":
                guard let labels = value.mapping else {
                    issues.append(DataIssue(file: display, line: value.mark?.line, field: "score.min_f1",
                                            message: "expected a mapping of label: lowest F1"))
                    continue
                }
                for (label, x) in labels {
                    let name = label.string ?? ""
                    if let r = ratio(x, "score.min_f1.\(name)") { floor.minF1[name] = r }
                }
            default:
                issues.append(DataIssue(file: display, line: keyNode.mark?.line, field: "score.\(key)",
                                        message: "unknown key" + Suggestion.hint(for: key, in: ScoreFloor.keys)))
            }
        }
        guard let goldPath else {
            issues.append(DataIssue(file: display, line: line, field: "score.gold", message: "'gold' is missing: the file of judgements"))
            return nil
        }
        let full = goldPath.hasPrefix("/") ? goldPath : (folder as NSString).appendingPathComponent(goldPath)
        // Named as the test file is: beside it.
        floor.gold = goldPath.hasPrefix("/") ? goldPath
            : (((display as NSString).deletingLastPathComponent as NSString).appendingPathComponent(goldPath) as NSString).standardizingPath
        do { floor.judgements = try GoldFile.read(URL(fileURLWithPath: full).standardizedFileURL.path, display: floor.gold) } catch {
            issues += error.issues
        }
        return floor
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
