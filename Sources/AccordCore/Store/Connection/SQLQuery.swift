import Foundation

/// The SQL a store runs, with its values bound apart from the text: written once with `?` for
/// each value, or by interpolation (`"… WHERE id = \(id)"` binds `id`), and made into the text
/// of either back end's dialect only when it runs.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable {
        /// SQL text, with no placeholder of its own.
        case text(String)
        case value(SQLValue)
        /// The rows of a list of strings, given as a JSON array: each one's text in a column
        /// named `value` and, when `numbered`, its place from 1 in a column named `ord`.
        case list(json: String, numbered: Bool)
        /// Text that differs between the dialects.
        case dialect(sqlite: String, postgres: String)
    }

    var parts: [Part]

    /// `text`, whose `?`s (outside quotes) stand for `values` in order.
    public init(sql text: String, _ values: [SQLValue] = []) {
        parts = []
        var values = values[...], piece = "", quoted = false
        for character in text {
            if character == "'" { quoted.toggle() }
            guard character == "?", !quoted else {
                piece.append(character)
                continue
            }
            precondition(!values.isEmpty, "more placeholders than values in: \(text)")
            parts += [.text(piece), .value(values.removeFirst())]
            piece = ""
        }
        precondition(values.isEmpty, "more values than placeholders in: \(text)")
        parts.append(.text(piece))
    }

    init(parts: [Part]) { self.parts = parts }

    public init(stringLiteral text: String) { parts = [.text(text)] }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        /// A bound value: `?` in the text.
        public mutating func appendInterpolation(_ value: some SQLBindable) { parts.append(.value(value.sqlValue)) }

        /// A bound value, or `NULL` when nil.
        public mutating func appendInterpolation(_ value: (some SQLBindable)?) { parts.append(.value(value?.sqlValue ?? .null)) }

        /// `(?, ?, …)`, one bound value each: the right side of `IN`. No values are a query of no
        /// rows, as `()` is to SQLite alone.
        public mutating func appendInterpolation(_ values: [some SQLBindable]) {
            guard !values.isEmpty else { return parts.append(.text("(SELECT NULL WHERE FALSE)")) }
            parts.append(.text("("))
            for (i, value) in values.enumerated() {
                if i > 0 { parts.append(.text(", ")) }
                parts.append(.value(value.sqlValue))
            }
            parts.append(.text(")"))
        }

        /// SQL text written into the query as it is: names of tables and columns, never values.
        public mutating func appendInterpolation(sql text: String) { parts.append(.text(text)) }

        /// Text that differs between the dialects.
        public mutating func appendInterpolation(sqlite: String, postgres: String) {
            parts.append(.dialect(sqlite: sqlite, postgres: postgres))
        }

        /// Another query, its values bound in place.
        public mutating func appendInterpolation(_ query: SQLQuery) { parts += query.parts }

        /// `SELECT value FROM …` of the strings, bound as one value however many they are: the
        /// right side of `IN` for a list too long for `(?, ?, …)`.
        public mutating func appendInterpolation(list strings: [String]) { appendInterpolation(list: SQLStringList(strings)) }

        /// `SELECT value FROM …` of a list made for several queries.
        public mutating func appendInterpolation(list: SQLStringList) { parts.append(.list(json: list.json, numbered: false)) }

        /// `SELECT value, ord FROM …` of the strings, `ord` each one's place from 1.
        public mutating func appendInterpolation(numberedList strings: [String]) {
            appendInterpolation(numberedList: SQLStringList(strings))
        }

        /// `SELECT value, ord FROM …` of a list made for several queries.
        public mutating func appendInterpolation(numberedList list: SQLStringList) { parts.append(.list(json: list.json, numbered: true)) }
    }

    public static func + (a: SQLQuery, b: SQLQuery) -> SQLQuery { SQLQuery(parts: a.parts + b.parts) }

    public static func += (a: inout SQLQuery, b: SQLQuery) { a.parts += b.parts }

    /// The query in `dialect`: SQLite's `?` or PostgreSQL's `$1`, `$2`, …, and the values in order.
    public func rendered(for dialect: SQLDialect) -> (text: String, values: [SQLValue]) {
        var text = "", values: [SQLValue] = []
        func placeholder() {
            text += dialect == .sqlite ? "?" : "$\(values.count)"
        }
        for part in parts {
            switch part {
            case .text(let sql):
                text += sql
            case .value(let value):
                values.append(value)
                placeholder()
            case .list(let json, let numbered):
                values.append(.text(json))
                switch dialect {
                case .sqlite:
                    text += numbered ? "SELECT value, key + 1 AS ord FROM json_each(" : "SELECT value FROM json_each("
                    placeholder()
                    text += ")"
                case .postgres:
                    text += numbered ? "SELECT value, ord FROM json_array_elements_text(" : "SELECT value FROM json_array_elements_text("
                    placeholder()
                    text += numbered ? "::json) WITH ORDINALITY AS l(value, ord)" : "::json) AS l(value)"
                }
            case .dialect(let sqlite, let postgres):
                text += dialect == .sqlite ? sqlite : postgres
            }
        }
        return (text, values)
    }
}

/// Strings to bind as one value, for `\(list:)` and `\(numberedList:)`: made into their JSON
/// once, however many queries name them (a report at a million partnerships reads a frame's
/// 65,000 ids in five queries, a listing's in eleven).
public struct SQLStringList: Sendable {
    /// The strings as a JSON array.
    let json: String

    public init(_ strings: [String]) { json = Self.jsonArray(strings) }

    /// A JSON array of strings, for `json_each`: made by hand, as Foundation's
    /// serializer took more time than the queries it fed.
    private static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, string) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            if string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for scalar in string.unicodeScalars {
                    switch scalar {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                    default: out.unicodeScalars.append(scalar)
                    }
                }
            } else {
                out += string
            }
            out += "\""
        }
        return out + "]"
    }
}

/// The SQL a back end speaks.
public enum SQLDialect: Sendable {
    case sqlite, postgres
}

/// A Swift value bound into SQL.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }

extension Sequence<SQLQuery> {
    /// The queries one after the other, `separator` between each two.
    func joined(separator: String) -> SQLQuery {
        var joined = SQLQuery(parts: [])
        for (i, query) in enumerated() {
            if i > 0 { joined.parts.append(.text(separator)) }
            joined += query
        }
        return joined
    }
}
