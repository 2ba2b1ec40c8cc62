import Foundation

/// Writes a `JSONTree` as Foundation's `JSONEncoder` writes with `.prettyPrinted`, `.sortedKeys`
/// and `.withoutEscapingSlashes`, byte for byte: two spaces a level, `"key" : value`, keys in the
/// order of their UTF-8 bytes, an empty array or object as its brackets around an empty line,
/// and in strings `"`, `\` and control characters escaped (`\n`, `\u001f`), nothing else.
///
/// The text goes into one buffer of C memory that `Data` takes over when done. A year's report at
/// a million partnerships is some 66 MB of JSON: in an array, its spare room and the copy into
/// `Data` added up to twice that to the report's peak of memory. `realloc` grows a buffer that
/// large by moving its pages, not its bytes. (At 100,000 partnerships, 139 million instructions
/// appending to an array a byte at a time, 101 million this way.)
struct JSONTextWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0, capacity = 1 << 16

    private init() {
        base = Self.allocate(capacity)
    }

    deinit { free(base) }

    /// The text of `tree`, and a newline.
    static func data(_ tree: JSONTree) -> Data {
        var writer = JSONTextWriter()
        writer.write(tree, indent: 0)
        writer.put(UInt8(ascii: "\n"))
        return writer.take()
    }

    /// The text written, in a `Data` that frees its buffer.
    private consuming func take() -> Data {
        let (base, count) = (self.base, self.count)
        discard self
        let fitted = realloc(base, max(count, 1)) ?? UnsafeMutableRawPointer(base)
        return Data(bytesNoCopy: fitted, count: count, deallocator: .free)
    }

    private mutating func write(_ tree: JSONTree, indent: Int) {
        switch tree {
        case .string(let text): write(string: text)
        case .number(let text): append(text)
        case .bool(let value): append(value ? "true" : "false")
        case .null: append("null")
        case .strings(let items):
            put(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                startItem(i, indent: indent)
                write(string: item)
            }
            end(UInt8(ascii: "]"), indent: indent, empty: items.isEmpty)
        case .array(let box):
            put(UInt8(ascii: "["))
            for (i, item) in box.items.enumerated() {
                startItem(i, indent: indent)
                write(item, indent: indent + 1)
            }
            end(UInt8(ascii: "]"), indent: indent, empty: box.items.isEmpty)
        case .object(let box):
            put(UInt8(ascii: "{"))
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
        if i == 0 {
            put(UInt8(ascii: "\n"))
        } else {
            append(",\n")
        }
        writeIndent(indent + 1)
    }

    /// A list closes on a line of its own at its level; an empty one has an empty line.
    private mutating func end(_ close: UInt8, indent: Int, empty: Bool) {
        if empty { put(UInt8(ascii: "\n")) }
        put(UInt8(ascii: "\n"))
        writeIndent(indent)
        put(close)
    }

    private mutating func writeIndent(_ level: Int) {
        room(for: 2 * level)
        (base + count).update(repeating: UInt8(ascii: " "), count: 2 * level)
        count += 2 * level
    }

    private mutating func put(_ byte: UInt8) {
        room(for: 1)
        base[count] = byte
        count += 1
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { Array(text.utf8).withUnsafeBufferPointer { append($0) } }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        room(for: bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The string in quotes, its runs of bytes that need no escape copied whole.
    private mutating func write(string: String) {
        put(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ write(utf8: $0) }) == nil {
            var text = string
            text.withUTF8 { write(utf8: $0) }
        }
        put(UInt8(ascii: "\""))
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        guard let bytes = utf8.baseAddress else { return }
        var start = 0
        for i in 0..<utf8.count {
            let byte = bytes[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(start: bytes + start, count: i - start))
            escape(byte)
            start = i + 1
        }
        append(UnsafeBufferPointer(start: bytes + start, count: utf8.count - start))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func escape(_ byte: UInt8) {
        put(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
        case 0x08: put(UInt8(ascii: "b"))
        case 0x0C: put(UInt8(ascii: "f"))
        case 0x0A: put(UInt8(ascii: "n"))
        case 0x0D: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
            append("u00")
            put(Self.hexDigits[Int(byte >> 4)])
            put(Self.hexDigits[Int(byte & 0xF)])
        }
    }

    /// Makes room for `more` bytes, doubling the buffer as often as needed.
    private mutating func room(for more: Int) {
        guard count + more > capacity else { return }
        while count + more > capacity { capacity *= 2 }
        guard let grown = realloc(base, capacity) else { fatalError("out of memory writing report.json") }
        base = grown.assumingMemoryBound(to: UInt8.self)
    }

    private static func allocate(_ bytes: Int) -> UnsafeMutablePointer<UInt8> {
        guard let memory = malloc(bytes) else { fatalError("out of memory writing report.json") }
        return memory.assumingMemoryBound(to: UInt8.self)
    }
}
