import AccordReports
import Foundation

/// A CSV file written row by row through a 1 MiB buffer, as `CSVEncoding` writes it:
/// `CSVWriter` hands its stream one byte at a time, about 4 MB/s, too slow for
/// the gigabyte of a million partnerships.
final class CSVFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var bytes = 0

    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot write \(path)")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        try row(header)
    }

    func row(_ fields: [String]) throws {
        CSVEncoding.append(fields, to: &buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Multi-valued cells as docs/data-format.md writes them: items joined by `;`,
/// parts by `|`, and `\` escaping `;`, `|` and `\` inside a value.
enum Cell {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3B || $0 == 0x7C || $0 == 0x5C }) else { return text }
        var out = ""
        for c in text {
            if c == "\\" || c == ";" || c == "|" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func items(_ values: [String]) -> String { values.map(escape).joined(separator: ";") }

    /// Parts joined by `|`, trailing absent parts dropped.
    static func parts(_ values: [String?]) -> String {
        var values = values.map { $0.map(escape) ?? "" }
        while values.last == "" { values.removeLast() }
        return values.joined(separator: "|")
    }
}
