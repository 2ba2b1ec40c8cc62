/// Quantities as exact as their source: a plain number means exactly; a qualified one is a
/// mapping `{value: 100, qualifier: more_than}` or, in a cell, the number with its mark:
/// `~62` (about), `>100` or `100+` (more than), `>=100` or `≥100` (at least), `<=2` or `≤2` (up to).
enum QualifierMark {
    /// The qualifier a text's mark gives, and the number's text without it.
    static func split(_ text: String) -> (qualifier: Qualifier, number: String) {
        for (mark, qualifier) in prefixes where text.hasPrefix(mark) {
            return (qualifier, String(text.dropFirst(mark.count)).trimmed)
        }
        if text.hasSuffix("+"), text.count > 1 { return (.moreThan, String(text.dropLast()).trimmed) }
        return (.exactly, text)
    }

    /// The number's text (already formatted) with the ASCII mark a cell gives it.
    static func cell(_ number: String, _ qualifier: Qualifier) -> String {
        switch qualifier {
        case .exactly: number
        case .about: "~" + number
        case .moreThan: ">" + number
        case .atLeast: ">=" + number
        case .upTo: "<=" + number
        }
    }

    /// Longest first, so that `>=` is not read as `>`.
    private static let prefixes: [(String, Qualifier)] = [
        (">=", .atLeast), ("≥", .atLeast), ("<=", .upTo), ("≤", .upTo), (">", .moreThan), ("~", .about),
    ]
}

extension RecordContext {
    /// A whole number ≥ 0, perhaps with a qualifier's mark (`~62`, `>100`).
    func quantity(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> Quantity? {
        let (qualifier, number) = QualifierMark.split(text)
        return count(number, path: path(), line: line).map { Quantity($0, qualifier) }
    }

    /// An amount (see `amount`), perhaps with a qualifier's mark (`<=150000000`).
    func qualifiedAmount(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> (Double, Qualifier)? {
        let (qualifier, number) = QualifierMark.split(text)
        return amount(number, path: path(), line: line).map { ($0, qualifier) }
    }
}

extension FieldReader {
    /// A quantity: a number (with a mark or not) or `{value, qualifier}`.
    func quantity(_ key: String) -> Quantity? {
        guard let node = node(key) else { return nil }
        return Self.quantity(node, path: fieldPath(key), context: context)
    }

    static func quantity(_ node: DataNode, path: FieldPath, context: RecordContext) -> Quantity? {
        if case .map = node.value {
            guard let f = FieldReader(node, path: path, context: context) else { return nil }
            f.rejectUnknownKeys(["value", "qualifier"])
            let value = f.string("value", required: true).flatMap {
                context.count($0, path: path.appending("value"), line: f.node("value")?.line ?? node.line)
            }
            let qualifier = f.value("qualifier", as: Qualifier.self) ?? .exactly
            return value.map { Quantity($0, qualifier) }
        }
        guard let text = FieldReader.text(of: node, path: path, context: context) else { return nil }
        return context.quantity(text, path: path, line: node.line)
    }

    /// An amount: a number (with a mark or not) or `{value, qualifier}`.
    func qualifiedAmount(_ key: String) -> (Double, Qualifier)? {
        guard let node = node(key) else { return nil }
        if case .map = node.value {
            guard let f = FieldReader(node, path: fieldPath(key), context: context) else { return nil }
            f.rejectUnknownKeys(["value", "qualifier"])
            let value = f.amount("value")
            if f.node("value") == nil { f.report("value", line: nil, "missing required field") }
            let qualifier = f.value("qualifier", as: Qualifier.self) ?? .exactly
            return value.map { ($0, qualifier) }
        }
        guard let text = text(of: node, path: fieldPath(key)) else { return nil }
        return context.qualifiedAmount(text, path: fieldPath(key), line: node.line)
    }
}
