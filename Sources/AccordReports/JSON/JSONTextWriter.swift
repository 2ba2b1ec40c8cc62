import Foundation

/// Writes a `JSONTree` as Foundation's `JSONEncoder` writes with `.prettyPrinted`, `.sortedKeys`
/// and `.withoutEscapingSlashes`, byte for byte: two spaces a level, `"key" : value`, keys in the
/// order of their UTF-8 bytes, an empty array or object as its brackets around an empty line,
/// and in strings `"`, `\` and control characters escaped (`\n`, `\u001f`), nothing else.
struct JSONTextWriter {
    private var bytes: [UInt8] = []

    /// The text of `tree`, and a newline.
    static func data(_ tree: JSONTree) -> Data {
        var writer = JSONTextWriter()
        writer.write(tree, indent: 0)
        writer.bytes.append(UInt8(ascii: "\n"))
        return writer.bytes.withUnsafeBufferPointer { Data($0) }
    }

    private mutating func write(_ tree: JSONTree, indent: Int) {
        switch tree {
        case .string(let text): write(string: text)
        case .number(let text): append(text)
        case .bool(let value): append(value ? "true" : "false")
        case .null: append("null")
        case .strings(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                startItem(i, indent: indent)
                write(string: item)
            }
            end(UInt8(ascii: "]"), indent: indent, empty: items.isEmpty)
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in box.items.enumerated() {
                startItem(i, indent: indent)
                write(item, indent: indent + 1)
            }
            end(UInt8(ascii: "]"), indent: indent, empty: box.items.isEmpty)
        case .object(let box):
            bytes.append(UInt8(ascii: "{"))
            for (i, field) in box.fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                startItem(i, indent: indent)
                write(string: field.key)
                append(" : ")
                write(field.value, indent: indent + 1)
            }
            end(UInt8(ascii: "}"), indent: indent, empty: box.fields.isEmpty)
        }
    }

    /// Each item of a list is on a line of its own, one level in.
    private mutating func startItem(_ i: Int, indent: Int) {
        append(i == 0 ? "\n" : ",\n")
        writeIndent(indent + 1)
    }

    /// A list closes on a line of its own at its level; an empty one has an empty line.
    private mutating func end(_ close: UInt8, indent: Int, empty: Bool) {
        if empty { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent(indent)
        bytes.append(close)
    }

    private mutating func writeIndent(_ level: Int) {
        for _ in 0..<level {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// The string in quotes, its runs of bytes that need no escape copied whole.
    private mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ write(utf8: $0) }) == nil {
            var text = string
            text.withUTF8 { write(utf8: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            escape(byte)
            start = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            append("u00")
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0xF)])
        }
    }
}
