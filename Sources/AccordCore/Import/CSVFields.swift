/// One CSV row's values by column, read by field name without building a mapping:
/// the header fixes where each field is, once per file.
struct CSVFields {
    /// The header's columns, in file order.
    let columns: [String]
    /// The column of each field name.
    let index: [String: Int]
    /// Each column's value, `.null` where the cell is empty.
    var values: [DataNode]
    /// The physical line the row starts on.
    let line: Int

    /// The value of field `name`, `.null` when the row has no such column or the cell is empty.
    func value(_ name: String) -> DataNode {
        guard let i = index[name] else { return DataNode(value: .null, line: nil) }
        return values[i]
    }

    /// The row as the mapping a YAML record would be: its non-empty cells, in column order.
    var node: DataNode {
        .map(zip(columns, values).filter { !$0.1.isNull }.map { DataNode.Entry(key: $0, line: line, value: $1) }, line: line)
    }
}
