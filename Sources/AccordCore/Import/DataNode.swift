/// A value read from a data file, whatever its format, with the line it starts on.
/// YAML, JSON and CSV are all turned into these before records are read.
struct DataNode {
    struct Entry {
        var key: String
        var line: Int?
        var value: DataNode
    }

    enum Value {
        case null
        case scalar(String)
        case list([DataNode])
        case map([Entry])
    }

    var value: Value
    var line: Int?

    static func scalar(_ text: String, line: Int?) -> DataNode { DataNode(value: .scalar(text), line: line) }
    static func list(_ items: [DataNode], line: Int?) -> DataNode { DataNode(value: .list(items), line: line) }
    static func map(_ entries: [Entry], line: Int?) -> DataNode { DataNode(value: .map(entries), line: line) }

    /// `a string`, `a list`, … for messages about wrong types.
    var kindName: String {
        switch value {
        case .null: "nothing"
        case .scalar: "a string"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
