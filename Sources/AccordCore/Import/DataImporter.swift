import Foundation

/// Reads data files (YAML, JSON, CSV) into a `Dataset`, checking everything and
/// reporting every problem at once: a set of files is imported whole or not at all.
///
/// Leading and trailing whitespace of every value and list item is dropped, and an
/// empty value counts as absent, in every format. Records come back sorted by id.
public enum DataImporter {
    /// Reads and checks `files`; `known` holds the ids the database already has,
    /// which the files may cite.
    ///
    /// - Parameters:
    ///   - ignoringSections: top-level keys of YAML and JSON files that are not
    ///     records (a pack's test file has `cases`).
    ///   - displayNames: how messages name a file, when not by its path.
    public static func read(files: [String], known: KnownIDs = KnownIDs(), ignoringSections: Set<String> = [],
                            displayNames: [String: String] = [:]) throws(DataErrors) -> Dataset {
        var texts: [(name: String, contents: String)] = []
        var unreadable: [DataIssue] = []
        for file in files {
            let name = displayNames[file] ?? file
            do {
                texts.append((name, try String(contentsOfFile: file, encoding: .utf8)))
            } catch {
                unreadable.append(DataIssue(file: name, message: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        var batch = Batch()
        batch.issues = unreadable
        batch.ignoredSections = ignoringSections
        return try batch.finish(texts, known: known)
    }

    /// Paths as given, with folders replaced by the data files in them, in name order.
    public static func expand(_ paths: [String]) throws(DataIssue) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw DataIssue(file: path, message: "no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            guard let names = try? fm.contentsOfDirectory(atPath: path) else {
                throw DataIssue(file: path, message: "cannot list the folder")
            }
            files += names.sorted().filter { DataFormat(fileName: $0) != nil }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Reads and checks files given as text; each name's extension tells its format.
    public static func read(texts: [(name: String, contents: String)],
                            known: KnownIDs = KnownIDs()) throws(DataErrors) -> Dataset {
        var batch = Batch()
        return try batch.finish(texts, known: known)
    }
}

/// The records, issues, definitions and references gathered from a set of files.
private struct Batch {
    var dataset = Dataset()
    var issues: [DataIssue] = []
    var definitions: [Definition] = []
    var references: [Reference] = []
    var ignoredSections: Set<String> = []

    mutating func finish(_ texts: [(name: String, contents: String)], known: KnownIDs) throws(DataErrors) -> Dataset {
        for (name, contents) in texts { add(contents, file: name) }
        issues += Validator.check(definitions: definitions, references: references, known: known)
        guard issues.isEmpty else {
            let order = Dictionary(texts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = issues.enumerated().sorted { a, b in
                (order[a.element.file] ?? -1, a.element.line ?? 0, a.offset)
                    < (order[b.element.file] ?? -1, b.element.line ?? 0, b.offset)
            }
            throw DataErrors(sorted.map(\.element))
        }
        dataset.sources.sort { $0.id < $1.id }
        dataset.organizations.sort { $0.id < $1.id }
        dataset.partnerships.sort { $0.id < $1.id }
        return dataset
    }

    mutating func add(_ text: String, file: String) {
        switch DataFormat(fileName: file) {
        case nil:
            issues.append(DataIssue(file: file, message: "unknown kind of file: name it .json, .yaml, .yml or .csv"))
        case .csv:
            let table = CSVSource.parse(text, file: file)
            issues += table.issues
            guard let kind = table.kind else { return }
            for row in table.rows { add(row.node, kind: kind, file: file, label: row.label) }
        case let format?:
            do {
                try addSections(of: YAMLSource.parse(text, format: format, file: file), file: file)
            } catch {
                issues.append(error)
            }
        }
    }

    private mutating func addSections(of root: DataNode, file: String) {
        guard case .map(let sections) = root.value else {
            issues.append(DataIssue(file: file, line: root.line, message:
                "expected a mapping with keys sources, organizations and partnerships, found \(root.kindName)"))
            return
        }
        let names = RecordKind.allCases.map(\.section)
        for section in sections where !ignoredSections.contains(section.key) {
            guard let kind = RecordKind(section: section.key) else {
                issues.append(DataIssue(file: file, line: section.line, field: section.key,
                                        message: "unknown section\(Suggestion.hint(for: section.key, in: names))"))
                continue
            }
            switch section.value.value {
            case .null: continue
            case .list(let records):
                for (i, record) in records.enumerated() {
                    add(record, kind: kind, file: file, label: "\(section.key)[\(i)]")
                }
            default:
                issues.append(DataIssue(file: file, line: section.value.line, field: section.key,
                                        message: "expected a list of records, found \(section.value.kindName)"))
            }
        }
    }

    private mutating func add(_ node: DataNode, kind: RecordKind, file: String, label: String) {
        let context = RecordContext(file: file, kind: kind, fallbackLabel: label)
        let record = RecordReader.read(node, kind: kind, context: context)
        issues += context.issues
        definitions += context.definition.map { [$0] } ?? []
        references += context.references
        switch record {
        case .source(let s)?: dataset.sources.append(s)
        case .organization(let o)?: dataset.organizations.append(o)
        case .partnership(let p)?: dataset.partnerships.append(p)
        case nil: break
        }
    }
}
