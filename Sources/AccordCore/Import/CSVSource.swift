import CSV

/// Turns a CSV file into records as `DataNode` mappings, one per row, each carrying
/// the row's physical line. The header tells the kind of record.
enum CSVSource {
    struct Table {
        var kind: RecordKind?
        /// Each row's record, named `row N` for messages until its id is known.
        var rows: [(node: DataNode, label: String)] = []
        var issues: [DataIssue] = []
    }

    private static let listColumns: Set = ["aliases", "sources", "territories", "tags", "labels"]

    static func parse(_ text: String, file: String) -> Table {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard let reader = try? CSVReader(string: text), let header = reader.next() else {
            return Table(kind: nil, issues: [DataIssue(file: file, line: 1, message: "the file is empty")])
        }
        let columns = header.map(\.trimmed)
        guard let kind = RecordKind.allCases.first(where: { columns.contains($0.telltaleColumn) }) else {
            return Table(kind: nil, issues: [DataIssue(file: file, line: 1, message:
                "cannot tell what the file holds: its header needs a 'form' (partnerships), "
                + "'kind' (organizations) or 'publisher' (sources) column")])
        }
        var table = Table(kind: kind)
        table.issues = headerIssues(columns, kind: kind, file: file)
        guard table.issues.isEmpty else { return table }

        var line = 1 + lineBreaks(in: header)
        var rowNumber = 0
        while let cells = reader.next() {
            line += 1
            defer { line += lineBreaks(in: cells) }
            if cells.count == 1 && cells[0].trimmed.isEmpty { continue }
            rowNumber += 1
            var record = "row \(rowNumber)"
            guard cells.count == columns.count else {
                table.issues.append(DataIssue(file: file, line: line, record: record,
                                              message: "the row has \(cells.count) cells, the header \(columns.count)"))
                continue
            }
            if let id = zip(columns, cells).first(where: { $0.0 == "id" })?.1.trimmed, !id.isEmpty {
                record = "\(kind.rawValue) '\(id)'"
            }
            var entries: [DataNode.Entry] = []
            for (column, cell) in zip(columns, cells) where !cell.trimmed.isEmpty {
                let value = node(for: cell, column: column, line: line) {
                    table.issues.append(DataIssue(file: file, line: line, record: record,
                                                  field: $0.map { "\(column)\($0)" } ?? column, message: $1))
                }
                entries.append(.init(key: column, line: line, value: value))
            }
            table.rows.append((.map(entries, line: line), "row \(rowNumber)"))
        }
        return table
    }

    private static func headerIssues(_ columns: [String], kind: RecordKind, file: String) -> [DataIssue] {
        var issues: [DataIssue] = [], seen: Set<String> = []
        for column in columns {
            if !kind.csvColumns.contains(column) {
                issues.append(DataIssue(file: file, line: 1, field: column, message:
                    "unknown column for \(kind.section)\(Suggestion.hint(for: column, in: kind.csvColumns))"))
            } else if !seen.insert(column).inserted {
                issues.append(DataIssue(file: file, line: 1, field: column, message: "the column appears twice"))
            }
        }
        for column in kind.requiredFields where !columns.contains(column) {
            issues.append(DataIssue(file: file, line: 1, field: column, message: "missing required column"))
        }
        return issues
    }

    /// The cell as the node the YAML form of the field would give. `report` takes a
    /// sub-path like `[2]` and a message.
    private static func node(for cell: String, column: String, line: Int,
                             report: (String?, String) -> Void) -> DataNode {
        let items = CSVCells.split(cell, on: ";").map(\.trimmed).filter { !$0.isEmpty }
        func scalar(_ text: String) -> DataNode { .scalar(CSVCells.unescape(text).trimmed, line: line) }
        switch column {
        case _ where listColumns.contains(column):
            return .list(items.map(scalar), line: line)
        case "parties":
            return .list(items.enumerated().compactMap { i, item in
                guard let colon = item.lastIndex(of: ":") else {
                    report("[\(i)]", "expected org:role, found '\(CSVCells.unescape(item))'")
                    return nil
                }
                return .map([.init(key: "org", line: line, value: scalar(String(item[..<colon]))),
                             .init(key: "role", line: line, value: scalar(String(item[item.index(after: colon)...])))],
                            line: line)
            }, line: line)
        case "products", "financials":
            let names = column == "products" ? CSVCells.productParts : CSVCells.financialParts
            return .list(items.enumerated().map { i, item in
                let parts = CSVCells.split(item, on: "|")
                if parts.count > names.count {
                    report("[\(i)]", "expected at most \(names.count) parts (\(names.joined(separator: "|"))), found \(parts.count)")
                }
                let entries = zip(names, parts).filter { !$0.1.trimmed.isEmpty }.map { name, part in
                    DataNode.Entry(key: name, line: line, value: scalar(part))
                }
                return .map(entries, line: line)
            }, line: line)
        case "figures":
            return .map(items.compactMap { item in
                guard let eq = item.firstIndex(of: "=") else {
                    report(nil, "expected key=value, found '\(CSVCells.unescape(item))'")
                    return nil
                }
                return .init(key: CSVCells.unescape(String(item[..<eq])).trimmed, line: line,
                             value: scalar(String(item[item.index(after: eq)...])))
            }, line: line)
        default:
            return .scalar(cell.trimmed, line: line)
        }
    }

    /// Line breaks inside a row's quoted cells (CRLF counts once).
    private static func lineBreaks(in cells: [String]) -> Int {
        cells.reduce(0) { total, cell in
            let scalars = Array(cell.unicodeScalars)
            return total + scalars.indices.filter { i in
                scalars[i] == "\n" || (scalars[i] == "\r" && (i + 1 == scalars.count || scalars[i + 1] != "\n"))
            }.count
        }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines.
    var trimmed: String {
        let s = self.drop(while: \.isWhitespace)
        return String(s.reversed().drop(while: \.isWhitespace).reversed())
    }
}
