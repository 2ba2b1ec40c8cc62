import GRDB

/// A 64-bit FNV-1a digest of the values a record is written with, the same in every
/// process (Swift's `Hasher` is seeded anew each time): an import that writes a record
/// again tells by it whether the record changed. Not a cryptographic digest.
struct RecordDigest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest as SQLite stores an INTEGER.
    var stored: Int64 { Int64(bitPattern: value) }

    /// Adds a row of values, each marked with its type, and the row's end.
    mutating func add(_ row: [(any DatabaseValueConvertible)?]) {
        for value in row {
            switch value?.databaseValue.storage ?? .null {
            case .null: add(byte: 0)
            case .int64(let n):
                add(byte: 1)
                add(UInt64(bitPattern: n))
            case .double(let d):
                add(byte: 2)
                add(d.bitPattern)
            case .string(let s):
                add(byte: 3)
                add(UInt64(s.utf8.count))
                for byte in s.utf8 { add(byte: byte) }
            case .blob(let data):
                add(byte: 4)
                add(UInt64(data.count))
                for byte in data { add(byte: byte) }
            }
        }
        add(byte: 0xFF)
    }

    /// Adds a marker between the rows of different tables.
    mutating func add(table: Int) {
        add(byte: 0xFE)
        add(UInt64(table))
    }

    private mutating func add(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
