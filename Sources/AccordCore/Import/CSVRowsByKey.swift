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

    /// Reads the file once to find its rows; nil when it is to be read in file order. A file of
    /// `halvesFrom` bytes or more is read in two halves at once (`SecondHalf`).
    static func make(_ input: Input, rowLimit: Int = CSVRowReader<Input>.defaultRowLimit,
                     halvesFrom: Int = 32 << 20) throws -> CSVRowsByKey? {
        let reader = CSVRowReader(input: input, rowLimit: rowLimit), version = reader.inputVersion
        guard let header = try reader.next(), header.problems.isEmpty,
              let idColumn = header.cells.firstIndex(where: { $0.trimmed == "id" }) else { return nil }
        let layout = Layout(idColumn: idColumn, dayCells: dayColumns.compactMap { name in header.cells.firstIndex { $0.trimmed == name } },
                            columns: header.cells.count, rowLimit: rowLimit)
        var found = Found()
        var second = try SecondHalf.start(of: input, from: halvesFrom, layout), other: Found?
        var next = 0
        while let row = try reader.nextBounds(keyCell: layout.idColumn, dayCells: layout.dayCells) {
            if let half = second, row.offset >= half.start, !row.isBlank {
                // Past where the other half began: once this row is one it found, it read the rest.
                if other == nil { other = try half.found() }
                let places = other!.places
                while next < places.count, places[next].offset < row.offset { next += 1 }
                if next < places.count, places[next].offset == row.offset {
                    guard other!.refused == nil else { return nil }
                    found.append(other!, from: next, lineShift: row.line - places[next].line)
                    break
                }
                if next == places.count { second = nil }
            }
            guard found.take(row, layout) else { return nil }
        }
        var places = found.places
        found.keys.withUnsafeBufferPointer { k in
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

    /// What the first pass needs of the header.
    private struct Layout: Sendable {
        let idColumn: Int
        let dayCells: [Int]
        let columns: Int
        let rowLimit: Int
    }

    /// The rows a pass found: their places, and their ids' bytes one after another.
    private struct Found {
        var places: [Place] = []
        var keys: [UInt8] = []
        /// How many rows were found before one that leaves the file in file order, if any.
        var refused: Int?

        /// Takes the row's place; false when the row leaves the file in file order.
        mutating func take(_ row: CSVRowBounds, _ layout: Layout) -> Bool {
            // A row near the limit could end past it once read alone: such a file keeps its order.
            guard row.wellFormed, row.byteCount < layout.rowLimit else { return false }
            if row.isBlank { return true }
            guard row.cellCount == layout.columns, let key = row.key.flatMap(printableKey) else { return false }
            places.append(Place(offset: row.offset, line: row.line, keyStart: keys.count, keyCount: Int32(key.count),
                                byteCount: Int32(row.byteCount), day: Int32(row.day)))
            keys.append(contentsOf: key)
            return true
        }

        /// Takes the places `other` found from its `first`, their lines moved by `lineShift`.
        mutating func append(_ other: Found, from first: Int, lineShift: Int) {
            let keyShift = keys.count - other.places[first].keyStart
            keys.append(contentsOf: other.keys[other.places[first].keyStart...])
            places.append(contentsOf: other.places[first...].lazy.map { place in
                var moved = place
                moved.line += lineShift
                moved.keyStart += keyShift
                return moved
            })
        }
    }

    /// The second half of a large file, read on another thread from the first line start past its
    /// middle, while the first half is read. That line start may lie inside a quoted cell, so what
    /// it finds is taken only from a row the first half's reading also starts, where both readings
    /// are at the start of a row and read the same from there on; its lines count from 1 and are
    /// moved then. A file without a line feed past its middle is read in one.
    private struct SecondHalf {
        /// Where its first row was taken to start.
        let start: Int
        private let work: Background<Found>

        func found() throws -> Found { try work.value() }

        static func start(of input: Input, from threshold: Int, _ layout: Layout) throws -> SecondHalf? {
            guard let size = input.byteCount, size >= threshold, size >= 2, var input = input.duplicate(),
                  let start = try firstLineStart(in: &input, after: size / 2, size: size) else { return nil }
            let work = Background { [input = Unchecked(input)] in
                let reader = CSVRowReader(input: input.value, rowLimit: layout.rowLimit)
                reader.restart(at: start, count: size - start, line: 1)
                var found = Found()
                while let row = try reader.nextBounds(keyCell: layout.idColumn, dayCells: layout.dayCells) {
                    guard found.take(row, layout) else {
                        found.refused = found.places.count
                        break
                    }
                }
                return found
            }
            return SecondHalf(start: start, work: work)
        }

        /// The offset just past the first line feed at or after `offset`; nil when there is none.
        private static func firstLineStart(in input: inout Input, after offset: Int, size: Int) throws -> Int? {
            input.window(offset: offset, count: size - offset)
            var block = [UInt8](repeating: 0, count: 64 << 10), at = offset
            while true {
                let count = try block.withUnsafeMutableBytes { try input.read(into: $0) }
                guard count > 0 else { return nil }
                if let i = block[..<count].firstIndex(of: 0x0A) { return at + i + 1 < size ? at + i + 1 : nil }
                at += count
            }
        }
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
