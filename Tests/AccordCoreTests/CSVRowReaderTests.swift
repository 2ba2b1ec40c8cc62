import CSV
import Foundation
import Testing
@testable import AccordCore
import ToolSupport

/// The byte-level reader against CSV.swift (the library it replaces, kept as the
/// oracle) on valid text, and against random bytes, read in blocks of every size.
@Suite struct CSVRowReaderTests {
    @Test(.timeLimit(.minutes(2)))
    func theReaderGivesCSVSwiftsCellsAndExactLinesOnThousandsOfValidTexts() throws {
        var random = SeededRandom(seed: 4180)
        for _ in 0..<3000 {
            let sample = ValidCSV(&random)
            let oracle = try CSVSwiftRows(sample.text)
            let rows = try readRows(Array(sample.text.utf8), blockSize: random.next(in: 1...40))
            #expect(rows.map(\.cells) == oracle, "\(sample.text.debugDescription)")
            #expect(rows.map(\.line) == sample.lines, "\(sample.text.debugDescription)")
            #expect(rows.allSatisfy { $0.problems.isEmpty }, "\(sample.text.debugDescription)")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func randomBytesNeverCrashHangOrLoseAByteSilently() throws {
        var random = SeededRandom(seed: 65)
        for round in 0..<12_000 {
            let bytes = round % 2 == 0 ? randomBytes(&random) : mutated(Array(ValidCSV(&random).text.utf8), &random)
            let rowLimit = round % 5 == 4 ? 16 : CSVRowReader<CSVMemoryInput>.defaultRowLimit
            let rows = try readRows(bytes, blockSize: random.next(in: 1...40), rowLimit: rowLimit)
            let lines = 1 + lineBreaks(bytes)
            #expect(rows.count <= bytes.count + 1)
            for problem in rows.flatMap(\.problems) { #expect((1...lines).contains(problem.line)) }
            if case .rowTooLong? = rows.last?.problems.first?.kind { continue }
            let valid = referenceRows(bytes)
            let clean = rows.allSatisfy(\.problems.isEmpty)
            #expect(clean == (valid != nil), "\(bytes)")
            guard clean, let valid else { continue }
            #expect(rows.map(\.cells) == valid, "\(bytes)")
            let text = try #require(String(validating: bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self))
            let oracle = try CSVSwiftRows(text)
            #expect(rows.map(\.cells) == oracle, "\(bytes)")
            #expect(contentBytes(bytes) == contentBytes(Array(rows.flatMap(\.cells).joined().utf8)), "\(bytes)")
        }
    }

    @Test func aRowLongerThanTheLimitIsAProblemAndTheReaderStopsWithinBoundedMemory() throws {
        for text in [String(repeating: "abcdefgh,", count: 100_000), "id,title\n\"" + String(repeating: "x\n", count: 100_000)] {
            let reader = CSVRowReader(input: CSVMemoryInput(Array(text.utf8)), blockSize: 1000, rowLimit: 4096)
            var rows: [CSVRow] = []
            while let row = try reader.next() { rows.append(row) }
            let problem = try #require(rows.last?.problems.first)
            guard case .rowTooLong(let limit, _) = problem.kind else {
                Issue.record("expected a row that is too long, found \(problem)")
                continue
            }
            #expect(limit == 4096)
            #expect(reader.bufferCapacity <= 4096 + 2 * 1000)
        }
    }

    @Test func problemsNameTheirLineAndCell() throws {
        let text = "a,b\r\nc,\"d\"\"\re\"x,f\n\"g\ng,h\n"
        let rows = try readRows(Array(text.utf8), blockSize: 3)
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows.map(\.cells) == [["a", "b"], ["c", "\"d\"\"\re\"x", "f"], ["\"g\ng,h\n"]])
        #expect(rows.map(\.problems) == [[], [CSVProblem(kind: .textAfterClosingQuote(openedOn: 2), line: 3, cell: 1)],
                                          [CSVProblem(kind: .unclosedQuote(openedOn: 4), line: 4, cell: 0)]])
    }
}

// MARK: Reading

private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

private func readRows(_ bytes: [UInt8], blockSize: Int,
                      rowLimit: Int = CSVRowReader<CSVMemoryInput>.defaultRowLimit) throws -> [CSVRow] {
    let reader = CSVRowReader(input: CSVMemoryInput(bytes), blockSize: blockSize, rowLimit: rowLimit)
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}

private func CSVSwiftRows(_ text: String) throws -> [[String]] {
    let reader = try CSVReader(string: text)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return rows
}

/// Line ends as the reader counts them: LF, CR and CRLF once each.
private func lineBreaks(_ bytes: [UInt8]) -> Int {
    var count = 0
    for (i, byte) in bytes.enumerated() where byte == 0x0D || byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { count += 1 }
    return count
}

/// The bytes of a text that are not quotes, commas or line ends, in order.
private func contentBytes(_ bytes: [UInt8]) -> [UInt8] {
    bytes.filter { ![0x22, 0x2C, 0x0A, 0x0D].contains($0) }
}

/// RFC 4180 read plainly over the whole text: the rows, or nil when the text is not valid
/// (a quote in an unquoted cell, text after a closing quote, an unclosed quote, bytes not UTF-8).
private func referenceRows(_ input: [UInt8]) -> [[String]]? {
    let bytes = input.starts(with: bom) ? Array(input.dropFirst(3)) : input
    let (quote, comma, lf, cr): (UInt8, UInt8, UInt8, UInt8) = (0x22, 0x2C, 0x0A, 0x0D)
    var rows: [[String]] = [], row: [String] = [], i = 0
    guard !bytes.isEmpty else { return [] }
    while true {
        var cell: [UInt8] = []
        if i < bytes.count && bytes[i] == quote {
            i += 1
            while true {
                guard i < bytes.count else { return nil }
                if bytes[i] == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote {
                        cell.append(quote)
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                cell.append(bytes[i])
                i += 1
            }
            if i < bytes.count && ![comma, lf, cr].contains(bytes[i]) { return nil }
        } else {
            while i < bytes.count && ![comma, lf, cr].contains(bytes[i]) {
                if bytes[i] == quote { return nil }
                cell.append(bytes[i])
                i += 1
            }
        }
        guard let text = String(validating: cell, as: UTF8.self) else { return nil }
        row.append(text)
        if i == bytes.count { return rows + [row] }
        if bytes[i] == comma {
            i += 1
            continue
        }
        i += bytes[i] == cr && i + 1 < bytes.count && bytes[i + 1] == lf ? 2 : 1
        rows.append(row)
        row = []
        if i == bytes.count { return rows }
    }
}

// MARK: Generating

/// A valid CSV text of random rows, with the line each row starts on.
private struct ValidCSV {
    var text = ""
    var lines: [Int] = []

    private static let plain: [String] = ["a", "b", "Z", "0", "7", " ", "\t", ";", "|", "\\", "'", "é", "한", "😀", "\u{0}"]
    private static let special: [String] = [",", "\"", "\n", "\r", "\r\n"]
    private static let endings = ["\n", "\r\n", "\r"]

    init(_ random: inout SeededRandom) {
        var line = 1, previousEnding = ""
        let count = random.next(in: 0...6)
        for index in 0..<count {
            let cells = (0..<random.next(in: 1...5)).map { _ in
                (0..<random.next(in: 0...6)).map { _ in
                    random.next(in: 0...3) == 0 ? Self.special.randomElement(using: &random)! : Self.plain.randomElement(using: &random)!
                }.joined()
            }
            let isLast = index == count - 1
            let ending = isLast && random.next(in: 0...1) == 0 ? "" : Self.endings.randomElement(using: &random)!
            // A lone empty cell is an empty line; quoted, it cannot merge with a CR before it or vanish at the end.
            let mustQuote = cells == [""] && (previousEnding == "\r" || ending == "")
            lines.append(line)
            let written = cells.map { cell in
                let quoted = mustQuote || cell.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) })
                    || random.next(in: 0...4) == 0
                return quoted ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
            text += written + ending
            line += lineBreaks(Array((written + ending).utf8))
            previousEnding = ending
        }
    }
}

private func randomBytes(_ random: inout SeededRandom) -> [UInt8] {
    let alphabet: [UInt8] = [0x22, 0x22, 0x2C, 0x2C, 0x0A, 0x0D, 0x61, 0x62, 0x20, 0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0xE2, 0x82, 0xAC]
    return (0..<random.next(in: 0...60)).map { _ in alphabet.randomElement(using: &random)! }
}

/// The bytes with one to three random changes: a byte inserted, removed or replaced.
private func mutated(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
    var bytes = bytes
    for _ in 0..<random.next(in: 1...3) {
        let at = random.next(in: 0...bytes.count)
        let byte: UInt8 = [0x22, 0x2C, 0x0A, 0x0D, 0x61, 0xC3, 0x00].randomElement(using: &random)!
        switch random.next(in: 0...2) {
        case 0: bytes.insert(byte, at: at)
        case 1 where at < bytes.count: bytes.remove(at: at)
        default: if at < bytes.count { bytes[at] = byte }
        }
    }
    return bytes
}
