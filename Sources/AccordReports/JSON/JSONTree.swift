/// A value as `JSONTreeEncoder` gathers it, before `JSONTextWriter` writes it. A list of strings
/// (a figure's or a cell's partnership ids, thousands of them in a year's report) stays the array it
/// was, where a node for each would retain each string again.
enum JSONTree {
    case string(String)
    /// A number as written: `12`, `0.5`, `1e+21`.
    case number(String)
    case bool(Bool)
    case null
    case strings([String])
    case array(JSONArrayBox)
    case object(JSONObjectBox)
}

/// An array's elements, shared by the containers that add to it.
final class JSONArrayBox {
    var items: [JSONTree] = []
}

/// An object's fields, shared by the containers that add to it: a block asks for its encoder's
/// keyed container twice, for its `type` and for its content's fields.
final class JSONObjectBox {
    var fields: [String: JSONTree] = [:]
}
