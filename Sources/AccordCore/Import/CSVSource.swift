import Foundation
import CSV

/// Turns a CSV file into records as `DataNode` mappings, one per row, each carrying
/// the row's physical line. The header tells the kind of record.
enum CSVSource {
    private static let listColumns: Set = ["aliases", "sources", "territories", "tags", "labels"]

    /// Reads the rows of a CSV text given in pieces that end at row boundaries,
    /// calling `row` with each record's kind, node and `row N` label, and returns
    /// the problems found in the file's layout and cells.
    static func read(file: String, pieces next: () throws -> String?,
                     row: (RecordKind, DataNode, String) throws -> Void) throws -> [DataIssue] {
        guard var piece = try next() else { return [DataIssue(file: file, line: 1, message: "the file is empty")] }
        if piece.hasPrefix("\u{FEFF}") { piece.removeFirst() }
        var reader = try CSVReader(string: piece)
        guard let header = reader.next() else {
            return [DataIssue(file: file, line: 1, message: "the file is empty")]
        }
        let columns = header.map(\.trimmed)
        guard let kind = kind(ofHeader: columns) else {
            return [DataIssue(file: file, line: 1, message:
                "cannot tell what the file holds: its header needs a 'form' (partnerships), "
                + "'kind' (organizations) or 'publisher' (sources) column")]
        }
        var issues = headerIssues(columns, kind: kind, file: file)
        guard issues.isEmpty else { return issues }
        let idColumn = columns.firstIndex(of: "id")

        var line = 1 + lineBreaks(in: header)
        var rowNumber = 0
        while true {
            guard let cells = reader.next() else {
                guard let piece = try next() else { break }
                reader = try CSVReader(string: piece)
                continue
            }
            line += 1
            defer { line += lineBreaks(in: cells) }
            if cells.count == 1 && cells[0].trimmed.isEmpty { continue }
            rowNumber += 1
            var record = "row \(rowNumber)"
            guard cells.count == columns.count else {
                issues.append(DataIssue(file: file, line: line, record: record,
                                        message: "the row has \(cells.count) cells, the header \(columns.count)"))
                continue
            }
            if let idColumn, case let id = cells[idColumn].trimmed, !id.isEmpty {
                record = "\(kind.rawValue) '\(id)'"
            }
            var entries: [DataNode.Entry] = []
            entries.reserveCapacity(columns.count)
            for (column, cell) in zip(columns, cells) {
                let trimmed = cell.trimmed
                guard !trimmed.isEmpty else { continue }
                let value = node(for: trimmed, column: column, line: line) {
                    issues.append(DataIssue(file: file, line: line, record: record,
                                            field: $0.map { "\(column)\($0)" } ?? column, message: $1))
                }
                entries.append(.init(key: column, line: line, value: value))
            }
            try row(kind, .map(entries, line: line), "row \(rowNumber)")
        }
        return issues
    }

    /// The kind of record a CSV file holds, from its first line; nil when that
    /// cannot be told (reading the file will say why).
    static func kind(ofFileAt path: String) -> RecordKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 64 * 1024),
              let firstLine = start.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first,
              let reader = try? CSVReader(string: String(decoding: firstLine, as: UTF8.self)),
              let header = reader.next() else { return nil }
        return kind(ofHeader: header.map { $0.trimmed.replacingOccurrences(of: "\u{FEFF}", with: "") })
    }

    private static func kind(ofHeader columns: [String]) -> RecordKind? {
        RecordKind.allCases.first { columns.contains($0.telltaleColumn) }
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
            return .scalar(cell, line: line)
        }
    }

    /// Line breaks inside a row's quoted cells (CRLF counts once).
    private static func lineBreaks(in cells: [String]) -> Int {
        var count = 0
        for cell in cells {
            var previous: UInt8 = 0
            for byte in cell.utf8 {
                if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") || byte == UInt8(ascii: "\r") { count += 1 }
                previous = byte
            }
        }
        return count
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines.
    var trimmed: String {
        // Most values start and end with a visible ASCII character: no need to look further.
        if let head = utf8.first, let tail = utf8.last, head > 0x20, head < 0x80, tail > 0x20, tail < 0x80 { return self }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return first == startIndex && index(after: last) == endIndex ? self : String(self[first...last])
    }
}
