import AccordCore
import NIOCore
import PostgresNIO

/// Rows waiting to be added to one table, sent with `COPY … FROM STDIN`: when about
/// `bytesPerCopy` are there, and on `flush`. `accord db copy` fills one per table, and the store's
/// connection one per one-row `INSERT` it holds back.
///
/// Each `COPY` sends its rows in the order of their first column, a table's key (or its first
/// part): the server stores them in that order, so that the rows of a range of ids, which batches
/// are read by, lie together rather than wherever an import's files had them.
struct InsertBatch {
    let session: PostgresSession
    let table: String
    let columns: [String]
    /// Rows sent so far.
    private(set) var sent = 0
    private var data = ByteBuffer()
    /// Where each row waiting starts in `data`.
    private var rows: [Int] = []

    init(session: PostgresSession, table: String, columns: [String]) {
        self.session = session
        self.table = table
        self.columns = columns
    }

    /// About this many bytes go in one `COPY`: few round trips, and little memory held.
    private static let bytesPerCopy = 8 << 20

    mutating func add(_ values: [SQLValue]) throws {
        precondition(values.count == columns.count, "a row of \(values.count) values for \(columns.count) columns of \(table)")
        rows.append(data.writerIndex)
        CopyText.write(values, to: &data)
        if data.readableBytes >= Self.bytesPerCopy { try flush() }
    }

    mutating func flush() throws {
        guard !rows.isEmpty else { return }
        try session.copy(into: table, columns: columns, sortedByKey())
        sent += rows.count
        rows.removeAll(keepingCapacity: true)
        data.clear()
    }

    /// The rows waiting, in the byte order of their first values (as `COLLATE "C"` sorts them); rows
    /// with the same first value in the order added. A first value ends at the row's first tab or
    /// newline: `CopyText` writes those of a value escaped.
    private func sortedByKey() -> ByteBuffer {
        data.withUnsafeReadableBytes { bytes in
            let ends = rows.indices.map { $0 + 1 < rows.count ? rows[$0 + 1] : bytes.count }
            let keys = rows.indices.map { row in
                bytes[rows[row]..<ends[row]].firstIndex { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") }!
            }
            let order = rows.indices.sorted { a, b in
                let (x, y) = (UnsafeRawBufferPointer(rebasing: bytes[rows[a]..<keys[a]]),
                              UnsafeRawBufferPointer(rebasing: bytes[rows[b]..<keys[b]]))
                return x.lexicographicallyPrecedes(y) || (x.elementsEqual(y) && a < b)
            }
            var sorted = ByteBuffer()
            sorted.reserveCapacity(bytes.count)
            for row in order { sorted.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[rows[row]..<ends[row]])) }
            return sorted
        }
    }
}

/// `COPY`'s text format: a row a line, its values separated by tabs, `\N` for NULL, and a
/// backslash before the backslashes, tabs, newlines and carriage returns of text. Each value is
/// written as the server reads it back exactly: a `Double` as the shortest text that rounds to
/// it, a blob as `bytea`'s hex.
enum CopyText {
    static func write(_ values: [SQLValue], to data: inout ByteBuffer) {
        for (index, value) in values.enumerated() {
            if index > 0 { data.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: data.writeStaticString("\\N")
            case .integer(let number): data.writeString(String(number))
            case .real(let number):
                data.writeString(number.isFinite ? "\(number)" : number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")
            case .text(let text): writeEscaped(text, to: &data)
            case .blob(let bytes):
                data.writeStaticString("\\\\x")
                for byte in bytes {
                    data.writeInteger(hexDigits[Int(byte >> 4)])
                    data.writeInteger(hexDigits[Int(byte & 0xF)])
                }
            }
        }
        data.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeEscaped(_ text: String, to data: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: needsEscape) else {
                data.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): data.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): data.writeStaticString("\\t")
                case UInt8(ascii: "\n"): data.writeStaticString("\\n")
                case UInt8(ascii: "\r"): data.writeStaticString("\\r")
                default: data.writeInteger(byte)
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
