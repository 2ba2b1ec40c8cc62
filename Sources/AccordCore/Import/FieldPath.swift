/// Where a value lies in its record — `id`, `labels[3]`, `parties[2].role`,
/// `figures.participants` — kept as its parts and spelled out only when a message
/// or a citation left unresolved names it.
struct FieldPath: CustomStringConvertible, Sendable {
    /// The record's field; empty for the record itself.
    private var key: String
    /// The item of that field's list, counting from 1; 0 when none.
    private var index: Int
    /// The key within that item or mapping; empty when none.
    private var subkey: String

    /// The record itself.
    static let record = FieldPath(key: "", index: 0, subkey: "")

    var isRecord: Bool { key.isEmpty }

    /// The value of `name` within this one.
    func appending(_ name: String) -> FieldPath {
        if isRecord { return FieldPath(key: name, index: 0, subkey: "") }
        if subkey.isEmpty { return FieldPath(key: key, index: index, subkey: name) }
        return FieldPath(key: "\(self).\(name)", index: 0, subkey: "")
    }

    /// The `number`th item of this list, counting from 1.
    func item(_ number: Int) -> FieldPath {
        if subkey.isEmpty && index == 0 { return FieldPath(key: key, index: number, subkey: "") }
        return FieldPath(key: "\(self)[\(number)]", index: 0, subkey: "")
    }

    var description: String {
        var text = key
        if index > 0 { text += "[\(index)]" }
        if !subkey.isEmpty { text += "." + subkey }
        return text
    }
}
