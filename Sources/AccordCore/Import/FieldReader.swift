import Foundation

/// Reads typed fields out of one mapping node, reporting each problem to the
/// record's context with the field's path and line.
struct FieldReader {
    let context: RecordContext
    /// The path of the mapping itself (`parties[2]`); `.record` for a record.
    let path: FieldPath
    let line: Int?
    private let entries: [DataNode.Entry]

    /// Nil, with an issue, when `node` is not a mapping.
    init?(_ node: DataNode, path: FieldPath = .record, context: RecordContext) {
        guard case .map(let entries) = node.value else {
            context.report(path.isRecord ? nil : path, line: node.line, "expected a mapping, found \(node.kindName)")
            return nil
        }
        self.context = context
        self.path = path
        self.line = node.line
        self.entries = entries
    }

    func fieldPath(_ key: String) -> FieldPath { path.appending(key) }

    func report(_ key: String, line: Int?, _ message: String) {
        context.report(fieldPath(key), line: line ?? self.line, message)
    }

    /// Reports keys not in `allowed` (with a suggestion) and keys given twice.
    func rejectUnknownKeys(_ allowed: [String], noun: String = "field") {
        var seen = KeySet(count: allowed.count)
        for entry in entries {
            guard let index = allowed.firstIndex(of: entry.key) else {
                report(entry.key, line: entry.line, "unknown \(noun)\(Suggestion.hint(for: entry.key, in: allowed))")
                continue
            }
            if !seen.insert(index) { report(entry.key, line: entry.line, "given twice") }
        }
    }

    /// The keys present, in order, with their values (null values included).
    var keyed: [(key: String, node: DataNode)] { entries.map { ($0.key, $0.value) } }

    /// The value of `key`, nil when absent or null; reports a missing required field.
    func node(_ key: String, required: Bool = false) -> DataNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else {
            if required { report(key, line: nil, "missing required field") }
            return nil
        }
        return entry.value
    }

    /// A scalar's text, trimmed; nil otherwise, or when empty, with an issue when it
    /// is not a scalar or holds a NUL character (which a value cannot hold).
    func text(of node: DataNode, path: FieldPath) -> String? {
        Self.text(of: node, path: path, context: context)
    }

    static func text(of node: DataNode, path: FieldPath, context: RecordContext) -> String? {
        switch node.value {
        case .scalar(let text):
            return context.text(text, path: path, line: node.line)
        case .null:
            return nil
        case .list, .map:
            context.report(path, line: node.line, "expected a string, found \(node.kindName)")
            return nil
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key, required: required) else { return nil }
        let text = text(of: node, path: fieldPath(key))
        if text == nil, required, case .scalar(let raw) = node.value, raw.trimmed.isEmpty {
            report(key, line: node.line, "missing required field")
        }
        return text
    }

    /// The record's `id`, checked to be a slug; names the record in later issues.
    func id() -> String? {
        guard let id = string("id", required: true) else { return nil }
        context.define(id: id, path: fieldPath("id"), line: node("id")?.line ?? line)
        return id
    }

    func value<E: StoredEnum>(_ key: String, as type: E.Type, required: Bool = false) -> E? {
        guard let raw = string(key, required: required) else { return nil }
        return context.value(raw, as: type, path: fieldPath(key), line: node(key)?.line ?? line)
    }

    func date(_ key: String) -> PartialDate? {
        guard let text = string(key) else { return nil }
        return context.date(text, path: fieldPath(key), line: node(key)?.line ?? line)
    }

    /// `true` or `false` (YAML's `yes`/`no` too).
    func flag(_ key: String) -> Bool? {
        guard let text = string(key) else { return nil }
        return context.flag(text, path: fieldPath(key), line: node(key)?.line ?? line)
    }

    /// A whole number ≥ 0.
    func count(_ key: String) -> Int? {
        guard let text = string(key) else { return nil }
        return context.count(text, path: fieldPath(key), line: node(key)?.line ?? line)
    }

    /// A number ≥ 0 in `NumberRange`: 0, or between 1e-6 and 1e18.
    func amount(_ key: String) -> Double? {
        guard let text = string(key) else { return nil }
        return context.amount(text, path: fieldPath(key), line: node(key)?.line ?? line)
    }

    /// A code from `valid`, as `what` names it; suggests the upper-case spelling or a
    /// known variant (`GB` for `UK`, `KRW` for `WON`).
    func code(_ key: String, in valid: Set<String>, what: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        return context.code(text, in: valid, what: what, path: fieldPath(key), line: node(key)?.line)
    }

    /// The items of a list, with their paths counting from 1 as Lua does (`parties[1]`
    /// is the first); reports a missing or empty list when `nonEmpty`.
    func list(_ key: String, nonEmpty: Bool = false) -> [(path: FieldPath, node: DataNode)] {
        guard let node = node(key, required: nonEmpty) else { return [] }
        guard case .list(let items) = node.value else {
            report(key, line: node.line, "expected a list, found \(node.kindName)")
            return []
        }
        if nonEmpty && items.isEmpty { report(key, line: node.line, "must list at least one") }
        let listPath = fieldPath(key)
        return items.enumerated().map { (listPath.item($0.offset + 1), $0.element) }
    }

    /// A list of strings with the path and line of each.
    func strings(_ key: String, nonEmpty: Bool = false) -> [(text: String, path: FieldPath, line: Int?)] {
        list(key, nonEmpty: nonEmpty).compactMap { path, node in
            guard let text = text(of: node, path: path) else {
                if case .scalar(let raw) = node.value, !raw.trimmed.isEmpty { return nil }
                if !node.isCollection { context.report(path, line: node.line, "empty item") }
                return nil
            }
            return (text, path, node.line)
        }
    }

    /// An id of another record, remembered to be checked once all files are read.
    func reference(_ key: String, to target: RecordKind, required: Bool = false) -> String? {
        guard let id = string(key, required: required) else { return nil }
        context.cite(target, id: id, field: fieldPath(key), line: node(key)?.line)
        return id
    }

    /// A list of ids of other records.
    func references(_ key: String, to target: RecordKind, nonEmpty: Bool = false) -> [String] {
        strings(key, nonEmpty: nonEmpty).map { item in
            context.cite(target, id: item.text, field: item.path, line: item.line)
            return item.text
        }
    }
}

/// Which of a few keys were seen: bits for up to 64, a set beyond.
private struct KeySet {
    private var bits: UInt64 = 0
    private var more: Set<Int>?

    init(count: Int) { more = count > 64 ? [] : nil }

    /// Adds `index`; false when it was there already.
    mutating func insert(_ index: Int) -> Bool {
        if more != nil { return more!.insert(index).inserted }
        let bit: UInt64 = 1 << UInt64(index)
        defer { bits |= bit }
        return bits & bit == 0
    }
}

extension DataNode {
    var isNull: Bool { if case .null = value { true } else { false } }

    var isCollection: Bool {
        switch value {
        case .list, .map: true
        case .null, .scalar: false
        }
    }
}
