/// A plain text table, as commands print them: each column padded to its widest cell, two
/// spaces between columns, the last column unpadded and no line ending in spaces.
public enum TextTable {
    public static func text(_ header: [String], _ rows: [[String]], indent: String = "") -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            var line = indent + row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
