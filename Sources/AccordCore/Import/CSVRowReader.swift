/// Splits CSV text (RFC 4180, UTF-8) into rows and cells, a block of bytes at a time,
/// keeping each row's physical line and reporting malformed quoting instead of
/// guessing: no byte of the input is dropped or changed without a problem saying so.
///
/// Rows end at LF, CRLF or a lone CR outside quotes; a cell that starts with `"` runs
/// to the next `"` that is not doubled, and must be followed by a comma, a line end or
/// the end of the text. A row longer than `rowLimit` bytes is a problem, and nothing
/// after it is read, so memory stays within the limit and a block whatever the input.
final class CSVRowReader<Input: CSVInput> {
    /// The longest row read by default: 16 MiB.
    static var defaultRowLimit: Int { 16 << 20 }

    fileprivate var input: Input
    private let blockSize: Int
    let rowLimit: Int

    /// Bytes read and not yet consumed are `storage[start..<end]`; `start` is where the next row begins.
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    fileprivate var start = 0, end = 0
    /// The bytes of the input that come before `storage`.
    fileprivate var consumed = 0
    fileprivate var inputEnded = false, stopped = false, sawStart = false
    /// The physical line the next row starts on.
    fileprivate var line = 1

    private var spans: [CellSpan] = []
    private var problems: [CSVProblem] = []
    private var unescaped: [UInt8] = []

    init(input: Input, blockSize: Int = 1 << 20, rowLimit: Int = defaultRowLimit) {
        self.input = input
        self.blockSize = max(1, blockSize)
        self.rowLimit = max(1, rowLimit)
    }

    deinit { storage.deallocate() }

    /// The bytes the reader holds memory for.
    var bufferCapacity: Int { storage.count }

    /// The next row, or nil at the end of the text (or after a row that was too long).
    func next() throws -> CSVRow? {
        try scanNext({ makeRow(byteCount: $0) }, tooLong: { byteCount, openQuote in
            CSVRow(cells: [], line: line, byteCount: byteCount,
                   problems: [CSVProblem(kind: .rowTooLong(limit: rowLimit, openQuote: openQuote), line: line, cell: 0)])
        })
    }

    /// Where the next row lies, without making its cells' text: for a first pass that
    /// only needs the rows' places, one cell, whose bytes stay valid until the next call, and
    /// the filing day the first date of `dayCells` gives (`FilingOrder`). Nil at the end of the text.
    func nextBounds(keyCell: Int, dayCells: [Int] = []) throws -> CSVRowBounds? {
        try scanNext({ byteCount in
            let key = cell(keyCell)
            var day = FilingOrder.undated
            for c in dayCells {
                if let cell = cell(c), let filed = FilingOrder.filed(csvCell: cell) {
                    day = filed
                    break
                }
            }
            return CSVRowBounds(offset: consumed + start, byteCount: byteCount, line: line, cellCount: spans.count,
                                isBlank: spans.count == 1 && spans[0].from == spans[0].to, wellFormed: problems.isEmpty, key: key,
                                day: day)
        }, tooLong: { byteCount, _ in
            CSVRowBounds(offset: consumed + start, byteCount: byteCount, line: line, cellCount: 0, isBlank: false,
                         wellFormed: false, key: nil, day: FilingOrder.undated)
        })
    }

    /// The bytes of the row's cell `index` just scanned, when it has one without a doubled quote.
    private func cell(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard index < spans.count, !spans[index].doubledQuotes else { return nil }
        let span = spans[index], p = storage.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: p + span.from, count: span.to - span.from)
    }

    /// Finds the next row and gives what `row` makes of it (from its length, `spans` and
    /// `problems`) before moving past it; a row longer than the limit gives what `tooLong`
    /// makes of it (from its length so far and the line of a quote still open), and then
    /// nothing more is read.
    private func scanNext<Made>(_ row: (_ byteCount: Int) -> Made,
                                tooLong: (_ byteCount: Int, _ openQuote: Int?) -> Made) throws -> Made? {
        guard !stopped else { return nil }
        if !sawStart { try skipByteOrderMark() }
        while true {
            if start == end && inputEnded { return nil }
            switch scanRow() {
            case .row(let next, let breaks):
                let made = row(next - start)
                start = next
                line += breaks
                return made
            case .needMore(let openQuote):
                if end - start >= rowLimit {
                    stopped = true
                    return tooLong(end - start, openQuote)
                }
                try fill()
            }
        }
    }

    // MARK: Reading bytes

    private func skipByteOrderMark() throws {
        sawStart = true
        while end - start < 3 && !inputEnded { try fill() }
        guard end - start >= 3 else { return }
        let p = storage.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if p[start] == 0xEF && p[start + 1] == 0xBB && p[start + 2] == 0xBF { start += 3 }
    }

    /// Moves the unread bytes to the front, makes room for a block and reads into it.
    private func fill() throws {
        if start > 0 {
            consumed += start
            if end > start { storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: end - start) }
            end -= start
            start = 0
        }
        if storage.count - end < blockSize {
            let capacity = max(end + blockSize, min(storage.count * 2, rowLimit + blockSize))
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
            if end > 0 { grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end) }
            storage.deallocate()
            storage = grown
        }
        let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
        if count == 0 { inputEnded = true } else { end += count }
    }

    // MARK: Splitting a row

    /// Where a cell's text lies in `storage`.
    private struct CellSpan {
        var from: Int, to: Int
        /// Quoted with `""` inside: every second quote of a pair is dropped.
        var doubledQuotes: Bool
        var line: Int
    }

    private enum Scan {
        /// A row ends before `next`, having crossed `breaks` line ends (its own included).
        case row(next: Int, breaks: Int)
        /// The row goes on past the bytes read; `openQuote` is the line of a quoted cell still open.
        case needMore(openQuote: Int?)
    }

    private static var quote: UInt8 { 0x22 }
    private static var comma: UInt8 { 0x2C }
    private static var lf: UInt8 { 0x0A }
    private static var cr: UInt8 { 0x0D }

    /// Finds the cells of the row at `start`, from scratch each time it is called.
    private func scanRow() -> Scan {
        guard let base = storage.baseAddress else {
            problems.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            return .needMore(openQuote: nil)
        }
        // The spans, the problems and the bounds the loop reads are held in locals while it runs:
        // each access to a stored property of the class is checked for exclusivity, and one the
        // loop may make is checked for each cell, whether it is made or not.
        var spans: [CellSpan] = [], problems: [CSVProblem] = []
        swap(&spans, &self.spans)
        swap(&problems, &self.problems)
        spans.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        defer { (self.spans, self.problems) = (spans, problems) }
        let (start, end, inputEnded, line) = (self.start, self.end, self.inputEnded, self.line)
        let p = base.assumingMemoryBound(to: UInt8.self)
        let (quote, comma, lf, cr) = (Self.quote, Self.comma, Self.lf, Self.cr)
        var i = start, breaks = 0
        while true {
            let cellLine = line + breaks, cell = spans.count
            if i < end && p[i] == quote {
                let open = i
                var doubled = false
                i += 1
                while true {
                    guard i < end else {
                        guard inputEnded else { return .needMore(openQuote: cellLine) }
                        problems.append(CSVProblem(kind: .unclosedQuote(openedOn: cellLine), line: cellLine, cell: cell))
                        spans.append(CellSpan(from: open, to: end, doubledQuotes: false, line: cellLine))
                        return .row(next: end, breaks: breaks)
                    }
                    let byte = p[i]
                    if byte == quote {
                        if i + 1 == end && !inputEnded { return .needMore(openQuote: cellLine) }
                        guard i + 1 < end && p[i + 1] == quote else { break }
                        doubled = true
                        i += 2
                        continue
                    }
                    if byte == cr || byte == lf && p[i - 1] != cr { breaks += 1 }
                    i += 1
                }
                let close = i
                i += 1
                if i == end || p[i] == comma || p[i] == lf || p[i] == cr {
                    spans.append(CellSpan(from: open + 1, to: close, doubledQuotes: doubled, line: cellLine))
                } else {
                    problems.append(CSVProblem(kind: .textAfterClosingQuote(openedOn: cellLine), line: line + breaks, cell: cell))
                    i = Self.unquotedEnd(p, from: i, end: end, cell: cell, line: line + breaks, quoteReported: true, problems: &problems)
                    if i == end && !inputEnded { return .needMore(openQuote: nil) }
                    spans.append(CellSpan(from: open, to: i, doubledQuotes: false, line: cellLine))
                }
            } else {
                let from = i
                i = Self.unquotedEnd(p, from: i, end: end, cell: cell, line: cellLine, quoteReported: false, problems: &problems)
                if i == end && !inputEnded { return .needMore(openQuote: nil) }
                spans.append(CellSpan(from: from, to: i, doubledQuotes: false, line: cellLine))
            }
            guard i < end else { return .row(next: end, breaks: breaks) }
            switch p[i] {
            case comma:
                i += 1
            case lf:
                return .row(next: i + 1, breaks: breaks + 1)
            default:
                if i + 1 == end && !inputEnded { return .needMore(openQuote: nil) }
                return .row(next: i + 1 < end && p[i + 1] == lf ? i + 2 : i + 1, breaks: breaks + 1)
            }
        }
    }

    /// The end of an unquoted cell (a comma, a line end or the end of the bytes read),
    /// reporting the first quote in it to `problems`.
    private static func unquotedEnd(_ p: UnsafeMutablePointer<UInt8>, from: Int, end: Int, cell: Int, line: Int, quoteReported: Bool,
                                    problems: inout [CSVProblem]) -> Int {
        var i = from, reported = quoteReported
        while i < end {
            switch p[i] {
            case Self.comma, Self.lf, Self.cr:
                return i
            case Self.quote where !reported:
                reported = true
                problems.append(CSVProblem(kind: .quoteInUnquotedCell, line: line, cell: cell))
                i += 1
            default:
                i += 1
            }
        }
        return i
    }

    // MARK: Making strings

    private func makeRow(byteCount: Int) -> CSVRow {
        let p = UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: UInt8.self))
        var cells: [String] = []
        cells.reserveCapacity(spans.count)
        for (index, span) in spans.enumerated() {
            if let text = text(p, span) {
                cells.append(text)
            } else {
                problems.append(CSVProblem(kind: .notUTF8, line: span.line, cell: index))
                cells.append(String(decoding: UnsafeBufferPointer(start: p + span.from, count: span.to - span.from), as: UTF8.self))
            }
        }
        return CSVRow(cells: cells, line: line, byteCount: byteCount, problems: problems)
    }

    /// The cell's text, or nil when it is not UTF-8.
    private func text(_ p: UnsafePointer<UInt8>, _ span: CellSpan) -> String? {
        guard span.doubledQuotes else {
            return UnsafeBufferPointer(start: p + span.from, count: span.to - span.from).utf8String
        }
        unescaped.removeAll(keepingCapacity: true)
        var i = span.from
        while i < span.to {
            unescaped.append(p[i])
            i += p[i] == Self.quote ? 2 : 1
        }
        return unescaped.withUnsafeBufferPointer(\.utf8String)
    }
}

extension CSVRowReader where Input: CSVRandomAccessInput {
    /// The input's `version`.
    var inputVersion: [Int] { input.version() }

    /// Forgets what was read and goes on with the `count` bytes from `offset`, whose first
    /// row starts on `line`: one row found by `nextBounds` before.
    func restart(at offset: Int, count: Int, line: Int) {
        input.window(offset: offset, count: count)
        start = 0
        end = 0
        consumed = offset
        inputEnded = false
        stopped = false
        sawStart = true
        self.line = line
    }
}

/// Where a row lies in the text, as `nextBounds` found it.
struct CSVRowBounds {
    /// The row's first byte, from the start of the text.
    var offset: Int
    var byteCount: Int
    var line: Int
    var cellCount: Int
    /// A line with nothing on it but its end (or an empty quoted cell): a row that is not read.
    var isBlank: Bool
    /// Nothing is wrong with its quoting or its length (its text is not checked as UTF-8).
    var wellFormed: Bool
    /// The bytes of the cell asked for, in the reader's buffer, when the row has it and it
    /// holds no doubled quote.
    var key: UnsafeBufferPointer<UInt8>?
    /// The filing day of the row's first date among the cells asked for, else `FilingOrder.undated`.
    var day: Int
}

/// One row as the reader found it.
struct CSVRow {
    var cells: [String]
    /// The physical line the row starts on, counting from 1.
    var line: Int
    /// The bytes the row takes in the file, its line end included.
    var byteCount: Int
    /// What is wrong with the row's layout; its cells are not to be read when there is anything.
    var problems: [CSVProblem]
}

/// A problem in a CSV file's layout, found while splitting it into rows and cells.
struct CSVProblem: Equatable {
    enum Kind: Equatable {
        /// `ab"c`: a quote in a cell that does not start with one.
        case quoteInUnquotedCell
        /// `"ab"c`: text after a cell's closing quote; the cell opens on line `openedOn`.
        case textAfterClosingQuote(openedOn: Int)
        /// A quoted cell still open at the end of the file.
        case unclosedQuote(openedOn: Int)
        /// Bytes that are not UTF-8.
        case notUTF8
        /// A row longer than `limit` bytes, with the line of a quoted cell still open, if any.
        case rowTooLong(limit: Int, openQuote: Int?)
    }

    var kind: Kind
    /// The physical line of the problem, counting from 1.
    var line: Int
    /// The cell it is in, counting from 0.
    var cell: Int
}
