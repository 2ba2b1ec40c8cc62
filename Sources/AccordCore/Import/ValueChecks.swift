import Foundation

/// The checks of one value's text, whatever the field was read from (a mapping or a
/// CSV cell): each reports its problem with the field's path and line, and gives the
/// value, or nil.
extension RecordContext {
    /// A scalar's text, trimmed; nil when empty, or with an issue when it holds a NUL
    /// character (which a value cannot hold).
    func text(_ raw: String, path: @autoclosure () -> FieldPath, line: Int?) -> String? {
        if raw.containsByte(0) {
            report(path(), line: line, "contains a NUL character (U+0000), which a value cannot hold")
            return nil
        }
        let text = raw.trimmed
        return text.isEmpty ? nil : text
    }

    /// The record's id: names the record in later issues, and must be a slug.
    func define(id: String, path: FieldPath, line: Int?) {
        define(id: id, line: line)
        if !Slug.isValid(id) {
            report(path, line: line, "'\(id)' is not a valid id: use lower-case letters, digits and "
                   + "dashes, like '\(Slug.make(id))'")
        }
    }

    /// The case of `type` whose text `raw` is, found by its bytes: a `switch` on the text, which
    /// `init(rawValue:)` is, took ten times as long.
    func value<E: StoredEnum>(_ raw: String, as type: E.Type, path: @autoclosure () -> FieldPath, line: Int?) -> E? {
        guard let value = raw.withBytes({ E.storedCases.value($0) }) else {
            report(path(), line: line, "unknown value '\(raw)'\(Suggestion.hint(for: raw, in: E.allCases.map(\.rawValue)))")
            return nil
        }
        return value
    }

    func date(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> PartialDate? {
        if let date = PartialDate(text) { return date }
        let shaped = text.range(of: #"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"#, options: .regularExpression) != nil
        report(path(), line: line, shaped ? "'\(text)' is not a real date"
               : "'\(text)' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        return nil
    }

    /// `true`, `false`, `yes` or `no`, in any case.
    func flag(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> Bool? {
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(path(), line: line, "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// A whole number ≥ 0.
    func count(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> Int? {
        guard let n = Int(text) else {
            report(path(), line: line, "expected a whole number, found '\(text)'")
            return nil
        }
        guard n >= 0 else {
            report(path(), line: line, "must not be negative, found \(n)")
            return nil
        }
        return n
    }

    /// A number ≥ 0 in `NumberRange`: 0, or between 1e-6 and 1e18.
    func amount(_ text: String, path: @autoclosure () -> FieldPath, line: Int?) -> Double? {
        guard let x = Double(text), x.isFinite else {
            report(path(), line: line, "expected a number, found '\(text)'")
            return nil
        }
        guard x >= 0 else {
            report(path(), line: line, "must not be negative, found \(text)")
            return nil
        }
        guard NumberRange.allows(x, largest: NumberRange.largestAmount) else {
            report(path(), line: line, "must be 0 or between 1e-6 and 1e18, found \(text)")
            return nil
        }
        return x
    }

    /// A code from `valid`, as `what` names it; suggests the upper-case spelling or a
    /// known variant (`GB` for `UK`, `KRW` for `WON`).
    func code(_ text: String, in valid: Set<String>, what: String, path: FieldPath, line: Int?) -> String? {
        if valid.contains(text) { return text }
        return unknownCode(text, in: valid, what: what, path: path, line: line)
    }

    /// `code(_:in:what:path:line:)` with the codes as a table, and the path made only for a message.
    func code(_ text: String, in valid: CodeTable, what: String, path: () -> FieldPath, line: Int?) -> String? {
        if valid.contains(text) { return text }
        return unknownCode(text, in: valid.set, what: what, path: path(), line: line)
    }

    private func unknownCode(_ text: String, in valid: Set<String>, what: String, path: FieldPath, line: Int?) -> String? {
        let hint = Suggestion.phrase(valid.contains(text.uppercased()) ? [text.uppercased()]
                                     : Suggestion.knownVariants(of: text, in: valid))
        report(path, line: line, "'\(text)' is not \(what)\(hint)")
        return nil
    }

    /// Labels set by hand: each a label name, none given twice.
    func labels(_ items: [(text: String, path: FieldPath, line: Int?)]) -> [String] {
        var seen: Set<String> = []
        return items.compactMap { item in
            guard LabelName.isValid(item.text) else {
                let lower = item.text.lowercased()
                let hint = LabelName.isValid(lower) ? " (did you mean '\(lower)'?)" : ""
                report(item.path, line: item.line, "'\(item.text)' is not a label (\(LabelName.format))\(hint)")
                return nil
            }
            guard seen.insert(item.text).inserted else {
                report(item.path, line: item.line, "'\(item.text)' is given twice")
                return nil
            }
            return item.text
        }
    }
}
