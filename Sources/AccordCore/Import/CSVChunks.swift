import Foundation

/// Reads a CSV file in pieces that each end at a row boundary, so that a file
/// far larger than memory can be parsed a piece at a time by the CSV library.
///
/// A line break ends a row exactly when an even number of `"` came before it
/// in the file (quotes inside quoted cells are doubled), so a piece ends at
/// the last such line break in what has been read.
struct CSVChunks {
    private let handle: FileHandle
    private let size: Int
    private var pending = Data()
    private var quotes = 0
    private var finished = false

    /// Opens the file; nil when it cannot be read.
    init?(path: String, chunkSize: Int = 4 << 20) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        size = chunkSize
    }

    /// The next piece as text, or nil at the end; throws on a read error or
    /// text that is not UTF-8.
    mutating func next() throws -> String? {
        while !finished {
            let block = try handle.read(upToCount: size) ?? Data()
            if block.isEmpty {
                finished = true
                try? handle.close()
                break
            }
            let start = pending.count
            pending.append(block)
            if let end = lastRowEnd(from: start) {
                let piece = pending.prefix(end + 1)
                pending = Data(pending.suffix(from: end + 1))
                return try text(piece)
            }
        }
        guard !pending.isEmpty else { return nil }
        defer { pending = Data() }
        return try text(pending)
    }

    /// The offset of the last row-ending line feed at or after `start`, counting
    /// quotes as it goes.
    private mutating func lastRowEnd(from start: Int) -> Int? {
        var found: Int?
        pending.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for i in start..<bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): quotes += 1
                case UInt8(ascii: "\n") where quotes % 2 == 0: found = i
                default: break
                }
            }
        }
        return found
    }

    private func text(_ data: Data) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else { throw CSVChunkError.notUTF8 }
        return text
    }
}

enum CSVChunkError: Error { case notUTF8 }
