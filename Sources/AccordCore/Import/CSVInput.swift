import Foundation

/// Where a CSV reader's bytes come from.
protocol CSVInput {
    /// Fills the start of `buffer` with the next bytes and says how many; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An input that can be read again from any place.
protocol CSVRandomAccessInput: CSVInput {
    /// From now on, reads give the `count` bytes from `offset`, then the end.
    mutating func window(offset: Int, count: Int)
    /// What changes when the bytes do: a file's size and time of change; nothing for bytes in memory.
    func version() -> [Int]
    /// How many bytes there are; nil when that cannot be told.
    var byteCount: Int? { get }
    /// Another input of the same bytes, read from a place of its own; nil when there cannot be one.
    func duplicate() -> Self?
}

/// A file read a block at a time, or a window at a time once `window` is called.
final class CSVFileInput: CSVRandomAccessInput {
    private let descriptor: Int32
    /// Where the next read starts and how many bytes it may give, once `window` has been called.
    private var position: (offset: Int, remaining: Int)?

    /// Opens the file; nil when it cannot be opened.
    init?(path: String) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
    }

    private init?(descriptor: Int32) {
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count: Int
            if let (offset, remaining) = position {
                count = pread(descriptor, buffer.baseAddress, min(buffer.count, remaining), off_t(offset))
                if count >= 0 { position = (offset + count, remaining - count) }
            } else {
                count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count >= 0 { return count }
            if errno != EINTR { throw CSVReadError(message: String(cString: strerror(errno))) }
        }
    }

    /// Reads with `pread` from now on: a map of the file would count its pages as the process's memory.
    func window(offset: Int, count: Int) { position = (offset, count) }

    var byteCount: Int? {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The same open file, read with `pread` from places of its own.
    func duplicate() -> CSVFileInput? { CSVFileInput(descriptor: dup(descriptor)) }

    func version() -> [Int] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return [-1] }
        return [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_ctim.tv_sec),
                Int(status.st_ctim.tv_nsec)]
    }
}

/// Bytes already in memory.
struct CSVMemoryInput: CSVRandomAccessInput {
    private let bytes: [UInt8]
    private var offset = 0
    private var limit: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        limit = bytes.count
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, limit - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress?.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    mutating func window(offset: Int, count: Int) {
        self.offset = min(offset, bytes.count)
        limit = self.offset + min(count, bytes.count - self.offset)
    }

    func version() -> [Int] { [] }

    var byteCount: Int? { bytes.count }

    func duplicate() -> CSVMemoryInput? { self }
}

/// A file that could not be read to its end.
struct CSVReadError: Error {
    let message: String
}
