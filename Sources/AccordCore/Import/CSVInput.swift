import Foundation

/// Where a CSV reader's bytes come from.
protocol CSVInput {
    /// Fills the start of `buffer` with the next bytes and says how many; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read a block at a time.
final class CSVFileInput: CSVInput {
    private let descriptor: Int32

    /// Opens the file; nil when it cannot be opened.
    init?(path: String) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw CSVReadError(message: String(cString: strerror(errno))) }
        }
    }
}

/// Bytes already in memory.
struct CSVMemoryInput: CSVInput {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress?.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// A file that could not be read to its end.
struct CSVReadError: Error {
    let message: String
}
