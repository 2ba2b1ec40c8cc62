/// RFC 4180 rows as UTF-8 bytes, quoted as CSV.swift's `CSVWriter` quotes: a field holding `"`, `,`,
/// CR or LF is put in quotes with its quotes doubled; rows end with LF. `CSVWriter` hands its stream
/// one scalar at a time and searches each field through `NSString`, which made the CSV of a large
/// period's partnerships the slowest part of its report.
public enum CSVEncoding {
    /// Appends `fields` as one row, with its line end. An `inout` buffer costs one exclusivity check a row, not one a byte.
    public static func append(_ fields: [String], to buffer: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            var field = field
            field.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) else {
                    buffer.append(contentsOf: bytes)
                    return
                }
                buffer.append(0x22)
                for byte in bytes {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(0x22)
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// The rows as one text.
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        var buffer: [UInt8] = []
        for row in rows { append(row, to: &buffer) }
        return buffer
    }
}
