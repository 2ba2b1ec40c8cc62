import Foundation

/// The rows of a CSV file in the order of the tables' keys, the header first: by id, and
/// partnerships by filing day first (`FilingOrder`), from the first of their `signed`,
/// `announced` and `start` dates that reads as one.
///
/// Records written in key order go to the end of each table instead of to random pages of
/// it: at 100,000 partnerships, SQLite inserts their rows in a fifth of the processor time. A
/// first pass finds each row's place, id and filing day without making its text; the second
/// reads the rows in key order. Rows with the same key keep their order, so a duplicate is still reported at
/// its second line. A file whose layout is not right (a quoting problem, a row too long
/// or with another number of cells than the header, an id that is empty or not
/// printable ASCII) is not reordered: `make` gives nil, and it is read in file order, so
/// its messages number its rows as they stand.
final class CSVRowsByKey<Input: CSVRandomAccessInput> {
    private let reader: CSVRowReader<Input>
    private var header: CSVRow?
    private let places: [Place]
    /// The input's version when the first pass began: the rows are where it found them only while it is the same.
    private let version: [Int]
    private var next = 0

    /// Where a row lies, and where its id lies among the ids the first pass gathered.
    private struct Place {
        var offset: Int
        var line: Int
        var keyStart: Int
        var keyCount: Int32
        var byteCount: Int32
        var day: Int32
    }

    private init(reader: CSVRowReader<Input>, header: CSVRow, places: [Place], version: [Int]) {
        self.reader = reader
        self.header = header
        self.places = places
        self.version = version
    }

    /// Reads the file once to find its rows; nil when it is to be read in file order.
    static func make(_ input: Input, rowLimit: Int = CSVRowReader<Input>.defaultRowLimit) throws -> CSVRowsByKey? {
        let reader = CSVRowReader(input: input, rowLimit: rowLimit), version = reader.inputVersion
        guard let header = try reader.next(), header.problems.isEmpty,
              let idColumn = header.cells.firstIndex(where: { $0.trimmed == "id" }) else { return nil }
        let dayCells = dayColumns.compactMap { name in header.cells.firstIndex { $0.trimmed == name } }
        var keys: [UInt8] = [], places: [Place] = []
        while let row = try reader.nextBounds(keyCell: idColumn, dayCells: dayCells) {
            // A row near the limit could end past it once read alone: such a file keeps its order.
            guard row.wellFormed, row.byteCount < rowLimit else { return nil }
            if row.isBlank { continue }
            guard row.cellCount == header.cells.count, let key = row.key.flatMap(printableKey) else { return nil }
            places.append(Place(offset: row.offset, line: row.line, keyStart: keys.count, keyCount: Int32(key.count),
                                byteCount: Int32(row.byteCount), day: Int32(row.day)))
            keys.append(contentsOf: key)
        }
        keys.withUnsafeBufferPointer { k in
            let base = k.baseAddress ?? UnsafePointer(bitPattern: 1)!
            places.sort { a, b in
                if a.day != b.day { return a.day < b.day }
                let common = Int(min(a.keyCount, b.keyCount))
                let order = memcmp(base + a.keyStart, base + b.keyStart, common)
                if order != 0 { return order < 0 }
                return a.keyCount != b.keyCount ? a.keyCount < b.keyCount : a.offset < b.offset
            }
        }
        return CSVRowsByKey(reader: reader, header: header, places: places, version: version)
    }

    /// The header, then each row in key order; nil at the end, or an error when the file
    /// changed since the first pass began (its rows may not be where that pass found them).
    func nextRow() throws -> CSVRow? {
        if let header {
            self.header = nil
            return header
        }
        guard next < places.count else {
            guard reader.inputVersion == version else { throw Self.changed }
            return nil
        }
        let place = places[next]
        next += 1
        reader.restart(at: place.offset, count: Int(place.byteCount), line: place.line)
        guard let row = try reader.next(), row.byteCount == place.byteCount else { throw Self.changed }
        return row
    }

    private static var changed: CSVReadError { CSVReadError(message: "the file changed while it was read: import it again") }
}

/// The columns a partnership's filing date is read from, in the order they decide it (`Partnership.date`).
private let dayColumns = ["signed", "announced", "start"]

/// The id without the whitespace around it, when it is not empty and all printable ASCII.
private func printableKey(_ cell: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
    let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
    guard let first = cell.firstIndex(where: { !isSpace($0) }), let last = cell.lastIndex(where: { !isSpace($0) })
    else { return nil }
    let key = cell[first...last]
    return key.allSatisfy { (0x21...0x7E).contains($0) } ? key : nil
}
