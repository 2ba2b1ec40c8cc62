import Foundation

/// Splits a CSV file into rows of cells, one record each, with the row's physical
/// line, after checking the header, which tells the kind of record.
enum CSVSource {
    private static let listColumns: Set = ["aliases", "sources", "territories", "tags", "labels"]

    /// One row whose layout is right, as the header's columns and the row's cells.
    struct Row {
        let kind: RecordKind
        let columns: [String]
        let shapes: [Shape]
        /// The column of each `CSVField`, -1 where the header has none.
        let slots: [Int]
        let cells: [String]
        /// The physical line the row starts on.
        let line: Int
        /// `row N`, until the record's id is read.
        let label: RecordLabel
        /// The bytes the row takes in the file.
        let byteCount: Int
    }

    /// Reports a problem of a compound cell: its field (`parties[2]`) and message.
    typealias CellReport = (_ field: String, _ message: String) -> Void

    /// Reads the rows of a CSV text, calling `row` with each row whose layout is right
    /// and where to report what is wrong in its compound cells, and returns the problems
    /// found in the file's layout and cells. Rows whose layout is wrong are reported and
    /// not read further.
    static func read(file: String, rows nextRow: () throws -> CSVRow?,
                     row: (Row, CellReport) throws -> Void) throws -> IssueLog {
        var issues = IssueLog()
        guard let header = try nextRow() else {
            issues.append(DataIssue(file: file, line: 1, message: "the file is empty"))
            return issues
        }
        guard header.problems.isEmpty else {
            issues.append(contentsOf: header.problems.map { issue(for: $0, in: file, columns: [], record: nil) })
            return issues
        }
        let columns = header.cells.map(\.trimmed)
        guard let kind = kind(ofHeader: columns) else {
            issues.append(DataIssue(file: file, line: header.line, message:
                "cannot tell what the file holds: its header needs a 'form' (partnerships), "
                + "'kind' (organizations) or 'publisher' (sources) column"))
            return issues
        }
        issues.append(contentsOf: headerIssues(columns, kind: kind, file: file, line: header.line))
        guard issues.isEmpty else { return issues }
        let idColumn = columns.firstIndex(of: "id")
        let shapes = columns.map(Shape.init(column:))
        let slots = CSVField.columns(of: columns)

        var rowNumber = 0
        while let cells = try nextRow() {
            let line = cells.line
            if cells.problems.isEmpty && cells.cells.count == 1 && cells.cells[0].trimmed.isEmpty { continue }
            rowNumber += 1
            let number = rowNumber
            /// The row's id when it can be read, for messages.
            func record() -> String {
                if let idColumn, cells.cells.count == columns.count, case let id = cells.cells[idColumn].trimmed, !id.isEmpty,
                   !cells.problems.contains(where: { $0.cell == idColumn }) {
                    return RecordLabel.named(kind, id).description
                }
                return RecordLabel.row(number).description
            }
            guard cells.problems.isEmpty else {
                let record = record()
                issues.append(contentsOf: cells.problems.map { issue(for: $0, in: file, columns: columns, record: record) })
                continue
            }
            guard cells.cells.count == columns.count else {
                issues.append(DataIssue(file: file, line: line, record: RecordLabel.row(number).description,
                                        message: "the row has \(cells.cells.count) cells, the header \(columns.count)"))
                continue
            }
            try row(Row(kind: kind, columns: columns, shapes: shapes, slots: slots, cells: cells.cells,
                        line: line, label: .row(number), byteCount: cells.byteCount)) {
                issues.append(DataIssue(file: file, line: line, record: record(), field: $0, message: $1))
            }
        }
        return issues
    }

    /// The row as the mapping its record would be in YAML: a node for each non-empty
    /// cell, in column order. `CSVRecordReader` reads the same record without it.
    static func node(of row: Row, report: CellReport) -> DataNode {
        var entries: [DataNode.Entry] = []
        for (index, cell) in row.cells.enumerated() {
            let trimmed = cell.trimmed
            guard !trimmed.isEmpty else { continue }
            let column = row.columns[index]
            let value = node(for: trimmed, shape: row.shapes[index], line: row.line) {
                report($0.map { "\(column)\($0)" } ?? column, $1)
            }
            entries.append(.init(key: column, line: row.line, value: value))
        }
        return .map(entries, line: row.line)
    }

    /// The kind of record a CSV file holds, from its header; nil when that
    /// cannot be told (reading the file will say why).
    static func kind(ofFileAt path: String) -> RecordKind? {
        guard let input = CSVFileInput(path: path) else { return nil }
        let reader = CSVRowReader(input: input, blockSize: 64 << 10, rowLimit: 64 << 10)
        guard let header = try? reader.next(), header.problems.isEmpty else { return nil }
        return kind(ofHeader: header.cells.map(\.trimmed))
    }

    /// What is wrong with a row's layout, naming the line and the column.
    static func issue(for problem: CSVProblem, in file: String, columns: [String], record: String?) -> DataIssue {
        let column = problem.cell < columns.count ? columns[problem.cell] : "column \(problem.cell + 1)"
        let message: String
        switch problem.kind {
        case .quoteInUnquotedCell:
            message = "a quote inside a cell that does not start with one: "
                + "put the whole cell in quotes and double each quote inside it (\"say \"\"yes\"\"\")"
        case .textAfterClosingQuote(let opened):
            message = "text after the closing quote of a cell"
                + (opened == problem.line ? "" : " that opens on line \(opened)")
                + ": double each quote inside a quoted cell (\"say \"\"yes\"\"\")"
        case .unclosedQuote(let opened):
            message = "the quote that opens the cell on line \(opened) is never closed"
        case .notUTF8:
            message = "the text is not UTF-8"
        case .rowTooLong(let limit, let openQuote):
            let mebibytes = limit >> 20
            let size = mebibytes > 0 && mebibytes << 20 == limit ? "\(mebibytes) MiB" : "\(limit) bytes"
            message = "the row is longer than \(size)"
                + (openQuote.map { " (the quote that opens a cell on line \($0) is not closed)" } ?? "")
                + "; the rest of the file is not read"
            return DataIssue(file: file, line: problem.line, record: record, message: message)
        }
        return DataIssue(file: file, line: problem.line, record: record, field: column, message: message)
    }

    private static func kind(ofHeader columns: [String]) -> RecordKind? {
        RecordKind.allCases.first { columns.contains($0.telltaleColumn) }
    }

    private static func headerIssues(_ columns: [String], kind: RecordKind, file: String, line: Int) -> [DataIssue] {
        var issues: [DataIssue] = [], seen: Set<String> = []
        for column in columns {
            if !kind.csvColumns.contains(column) {
                issues.append(DataIssue(file: file, line: line, field: column, message:
                    "unknown column for \(kind.section)\(Suggestion.hint(for: column, in: kind.csvColumns))"))
            } else if !seen.insert(column).inserted {
                issues.append(DataIssue(file: file, line: line, field: column, message: "the column appears twice"))
            }
        }
        for column in kind.requiredFields where !columns.contains(column) {
            issues.append(DataIssue(file: file, line: line, field: column, message: "missing required column"))
        }
        return issues
    }

    /// How a column's cells are read.
    enum Shape {
        case plain, list, parties, figures
        case parts([String])
        /// Items of parts, as `parts`, read as the mappings they stand for (`people`).
        case mappings([String])
        /// Items `first:second` (`related`: `to:kind`), split at the last colon.
        case pairs(String, String)
        /// One item of parts, a mapping (`venue`).
        case record([String])

        init(column: String) {
            switch column {
            case _ where CSVSource.listColumns.contains(column): self = .list
            case "parties": self = .parties
            case "products": self = .parts(CSVCells.productParts)
            case "financials": self = .parts(CSVCells.financialParts)
            case "people": self = .mappings(CSVCells.personParts)
            case "related": self = .pairs("to", "kind")
            case "venue": self = .record(CSVCells.venueParts)
            case "figures": self = .figures
            default: self = .plain
            }
        }
    }

    /// An item of parts split on `|` as the mapping it stands for, its empty parts left out;
    /// more parts than `names` are reported (with the item's `[number]`).
    private static func partsNode(_ item: String, names: [String], number: Int?, line: Int,
                                  report: (String?, String) -> Void) -> DataNode {
        let parts = CSVCells.split(item, on: "|")
        if parts.count > names.count {
            report(number.map { "[\($0)]" },
                   "expected at most \(names.count) parts (\(names.joined(separator: "|"))), found \(parts.count)")
        }
        let entries = zip(names, parts).filter { !$0.1.trimmed.isEmpty }.map { name, part in
            let text = CSVCells.unescape(part).trimmed
            let value: DataNode = name == "equivalents" ? equivalents(text, line: line) : .scalar(text, line: line)
            return DataNode.Entry(key: name, line: line, value: value)
        }
        return .map(entries, line: line)
    }

    /// `153700000 USD,~100000 EUR`: the equivalents of an amount as their mappings.
    static func equivalents(_ text: String, line: Int) -> DataNode {
        .list(text.split(separator: ",").map { item in
            let words = item.split(separator: " ", omittingEmptySubsequences: true)
            var entries = [DataNode.Entry(key: "amount", line: line, value: .scalar(words.first.map(String.init) ?? "", line: line))]
            if words.count > 1 {
                entries.append(.init(key: "currency", line: line, value: .scalar(words.dropFirst().joined(separator: " "), line: line)))
            }
            return .map(entries, line: line)
        }, line: line)
    }

    /// The cell as the node the YAML form of the field would give. `report` takes a
    /// sub-path like `[2]` and a message.
    static func node(for cell: String, shape: Shape, line: Int,
                             report: (String?, String) -> Void) -> DataNode {
        if case .plain = shape { return .scalar(cell, line: line) }
        let items = CSVCells.split(cell, on: ";").compactMap { item -> String? in
            let item = item.trimmed
            return item.isEmpty ? nil : item
        }
        func scalar(_ text: String) -> DataNode { .scalar(CSVCells.unescape(text).trimmed, line: line) }
        switch shape {
        case .plain:
            return .scalar(cell, line: line)
        case .list:
            return .list(items.map(scalar), line: line)
        case .parties, .pairs:
            let (first, second) = if case .pairs(let a, let b) = shape { (a, b) } else { ("org", "role") }
            return .list(items.enumerated().compactMap { i, item in
                if case .parties = shape, CSVCells.split(item, on: "|").count > 1 {
                    return partsNode(item, names: CSVCells.unnamedPartyParts, number: i + 1, line: line, report: report)
                }
                guard let colon = item.lastIndexOfASCII(UInt8(ascii: ":")) else {
                    report("[\(i + 1)]", "expected \(first):\(second), found '\(CSVCells.unescape(item))'")
                    return nil
                }
                return .map([.init(key: first, line: line, value: scalar(String(item[..<colon]))),
                             .init(key: second, line: line, value: scalar(String(item[item.index(after: colon)...])))],
                            line: line)
            }, line: line)
        case .parts(let names), .mappings(let names):
            return .list(items.enumerated().map { i, item in
                partsNode(item, names: names, number: i + 1, line: line, report: report)
            }, line: line)
        case .record(let names):
            return partsNode(cell, names: names, number: nil, line: line, report: report)
        case .figures:
            return .map(items.compactMap { item in
                guard let eq = item.firstIndexOfASCII(UInt8(ascii: "=")) else {
                    report(nil, "expected key=value, found '\(CSVCells.unescape(item))'")
                    return nil
                }
                return .init(key: CSVCells.unescape(String(item[..<eq])).trimmed, line: line,
                             value: scalar(String(item[item.index(after: eq)...])))
            }, line: line)
        }
    }
}
