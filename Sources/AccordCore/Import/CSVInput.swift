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
}

/// A file read a block at a time; once a window is asked for, read through a map of it.
final class CSVFileInput: CSVRandomAccessInput {
    private let descriptor: Int32
    /// Where the next read starts and how many bytes it may give, once `window` has been called.
    private var position: (offset: Int, remaining: Int)?
    private var map: UnsafeRawBufferPointer?

    /// Opens the file; nil when it cannot be opened.
    init?(path: String) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
    }

    deinit {
        if let map { munmap(UnsafeMutableRawPointer(mutating: map.baseAddress), map.count) }
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count: Int
            if let (offset, remaining) = position, let map {
                count = max(0, min(buffer.count, remaining, map.count - offset))
                if count > 0 { buffer.baseAddress!.copyMemory(from: map.baseAddress! + offset, byteCount: count) }
                position = (offset + count, remaining - count)
            } else if let (offset, remaining) = position {
                count = pread(descriptor, buffer.baseAddress, min(buffer.count, remaining), off_t(offset))
                if count >= 0 { position = (offset + count, remaining - count) }
            } else {
                count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count >= 0 { return count }
            if errno != EINTR { throw CSVReadError(message: String(cString: strerror(errno))) }
        }
    }

    func window(offset: Int, count: Int) {
        if position == nil { map = mapped() }
        position = (offset, count)
    }

    /// The whole file in memory, or nil when it cannot be mapped (then it is read with `pread`).
    private func mapped() -> UnsafeRawBufferPointer? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0,
              let address = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != MAP_FAILED else { return nil }
        return UnsafeRawBufferPointer(start: address, count: Int(status.st_size))
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
}

/// A file that could not be read to its end.
struct CSVReadError: Error {
    let message: String
}
