import Foundation
import Testing
@testable import AccordCore
import ToolSupport

/// Rows read in the order of their ids must be the rows read in file order, each
/// with its own line, and an import read that way must find and write the same.
@Suite struct CSVRowsByKeyTests {
    @Test func rowsComeInTheByteOrderOfTheirIdsWithTheirLinesAndDuplicatesInFileOrder() throws {
        let text = "\u{FEFF}id,title\nb,first\r\na,\"two\nlines\"\n\nB,capital\n  b ,second\n"
        let rows = try #require(try keyOrdered(text))
        #expect(rows.map(\.cells) == [["id", "title"], ["B", "capital"], ["a", "two\nlines"], ["b", "first"], ["  b ", "second"]])
        #expect(rows.map(\.line) == [1, 6, 3, 2, 7])
        #expect(rows.allSatisfy { $0.problems.isEmpty })
    }

    @Test func partnershipsComeByFilingDayFromTheFirstDateThatReadsAsOneThenById() throws {
        // The filing date is the signed one, else the announced one, else the start (`Partnership.date`).
        let text = """
            id,announced,signed,start
            a,,2021-03,
            b,2019-06-01,,2018
            c,,,2020
            d,not a date,2021-03-01,
            e,,,
            f, 2019-06 ,,
            g,2019-6,,2017

            """
        let rows = try #require(try keyOrdered(text))
        #expect(rows.dropFirst().map(\.cells[0]) == ["g", "b", "f", "c", "a", "d", "e"])
    }

    @Test(arguments: [
        "id,title\na,\"open\n",          // a quote never closed
        "id,title\na,x\"y\n",            // a quote inside an unquoted cell
        "id,title\na,x,y\n",             // more cells than the header
        "id,title\n,x\n",                // no id
        "id,title\n\"\",x\n",            // an empty id, quoted
        "id,title\n\"a\"\"b\",x\n",      // an id with a quote in it
        "id,title\né,x\n",               // an id that is not ASCII
        "id,title\na\u{0}b,x\n",         // an id with a NUL
        "name,title\na,x\n",             // no id column
        "id,title\na,x\nz\nb,y\n",         // a row of one short cell, which is not a blank line
        "id,title\na,x\n \r\nb,y\n",       // a line of spaces
    ])
    func aFileWhoseLayoutIsNotRightIsLeftInFileOrder(text: String) throws {
        #expect(try keyOrdered(text) == nil)
    }

    @Test func aRowLongerThanTheLimitLeavesTheFileInFileOrder() throws {
        let text = "id,title\na," + String(repeating: "x", count: 3 << 20) + "\n"
        #expect(try CSVRowsByKey.make(CSVMemoryInput(Array(text.utf8)), rowLimit: 1 << 20) == nil)
        // Read in file order, this one fits in the bytes read before the limit is looked at; read alone, it would not.
        let near = "id,title\nb,y\na," + String(repeating: "x", count: (1 << 20) + 100) + "\n"
        let reader = CSVRowReader(input: CSVMemoryInput(Array(near.utf8)), rowLimit: 1 << 20)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.count == 3 && rows.allSatisfy { $0.problems.isEmpty })
        #expect(try CSVRowsByKey.make(CSVMemoryInput(Array(near.utf8)), rowLimit: 1 << 20) == nil)
    }

    @Test func aFileThatChangesBetweenTheTwoReadingsIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("rows.csv").path
            try "id,title\nb,two\na,one\n".write(toFile: path, atomically: false, encoding: .utf8)
            let input = try #require(CSVFileInput(path: path))
            let sorted = try #require(try CSVRowsByKey.make(input))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 14)
            try handle.close()
            #expect(throws: CSVReadError.self) { while try sorted.nextRow() != nil {} }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func onRandomFilesTheRowsAreTheFileOrderRowsSortedStablyByIdBytes() throws {
        var random = SeededRandom(seed: 20_251)
        let cells = ["", "x", "two words", "with, comma", "say \"yes\"", "line\nbreak", "cr\rhere", "é한"]
        for round in 0..<500 {
            let text = randomFile(&random, byteOrderMark: round % 7 == 0, rows: 0...12, cells: cells)
            let fileOrder = try readInFileOrder(text)
            let sorted = fileOrder.prefix(1) + fileOrder.dropFirst().filter { $0.cells != [""] }.enumerated().sorted { a, b in
                let (x, y) = (Array(a.element.cells[1].trimmed.utf8), Array(b.element.cells[1].trimmed.utf8))
                return x != y ? x.lexicographicallyPrecedes(y) : a.offset < b.offset
            }.map(\.element)
            let rows = try #require(try keyOrdered(text), "\(text.debugDescription)")
            #expect(rows.map(\.cells) == sorted.map(\.cells), "\(text.debugDescription)")
            #expect(rows.map(\.line) == sorted.map(\.line), "\(text.debugDescription)")
            #expect(try keyOrdered(text, fromFile: true).map { $0.map(\.cells) } == sorted.map(\.cells))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func readInTwoHalvesAFileGivesWhatReadingItInOneDoes() throws {
        var random = SeededRandom(seed: 4_242)
        // Quoted line ends, so that the second half often starts inside a cell; a bad id or cell
        // in either half, so that either half leaves the file in file order.
        let cells = ["", "x", "two words", "line\nbreak", "\nlead\n,\n", "say \"yes\"", "cr\rhere", "é한"]
        for round in 0..<800 {
            let text = randomFile(&random, byteOrderMark: round % 5 == 0, rows: 0...16, cells: cells,
                                  rowEndings: round % 4 == 0 ? csvLineEnds : ["\n"], bad: round % 3 == 0 ? ["a\"b", "x,y", ""] : [])
            let inOne = try keyOrdered(text).map { $0.map { "\($0.line) \($0.cells)" } }
            #expect(try keyOrdered(text, halvesFrom: 2).map { $0.map { "\($0.line) \($0.cells)" } } == inOne, "\(text.debugDescription)")
            #expect(try keyOrdered(text, fromFile: true, halvesFrom: 2).map { $0.map { "\($0.line) \($0.cells)" } } == inOne,
                    "\(text.debugDescription)")
        }
    }

    @Test func anImportInKeyOrderFindsAndReadsWhatOneInFileOrderDoes() throws {
        var random = SeededRandom(seed: 77)
        for round in 0..<40 {
            var text = "id,title,form,parties,sources\n"
            for _ in 0..<random.next(in: 1...30) {
                // Every fourth file has ids that leave it in file order.
                let ids = ["deal-\(random.next(in: 1...25))", round % 2 == 0 ? "deal-3" : "Deal-3"]
                    + (round % 4 == 0 ? ["", "deal 4", "deal-\u{0}5"] : [])
                let id = ids.randomElement(using: &random)!
                let form = ["license", "licence", "mou"].randomElement(using: &random)!
                let parties = ["acme:licensor;bolt:licensee", "acme:licensor;nobody:licensee", "acme:boss"].randomElement(using: &random)!
                let source = ["press", "missing"].randomElement(using: &random)!
                text += "\(id),\"Deal \(id)\",\(form),\(parties),\(source)\n"
            }
            let files = [("sources.csv", "id,title,publisher\npress,Press release,Wire\n"),
                         ("organizations.csv", "id,name,kind,country\nacme,Acme,local_pharma,KR\nbolt,Bolt,global_pharma,US\n"),
                         ("partnerships.csv", text)]
            let (keyOrder, fileOrder) = try imported(files)
            #expect(keyOrder.issues == fileOrder.issues, "\(text)")
            // Records are handed on, and counted, only while no problem has been found.
            if fileOrder.issues.isEmpty {
                #expect(keyOrder.records == fileOrder.records, "\(text)")
                #expect(keyOrder.counts == fileOrder.counts, "\(text)")
            }
        }
    }
}

// MARK: Random files

private let csvLineEnds = ["\n", "\r\n", "\r"]

/// A `title,id,summary` file of `rows` random rows of `cells` around ids that sort in ways worth
/// testing, some followed by a blank line, each ending with one of `rowEndings`; one in 21 starts
/// with one more cell from `bad`, when it is not empty.
private func randomFile(_ random: inout SeededRandom, byteOrderMark: Bool, rows: ClosedRange<Int>, cells: [String],
                        rowEndings: [String] = csvLineEnds, bad: [String] = []) -> String {
    let ids = ["a", "b", "ab", "B", "a-1", " a", "b ", "z9", "deal-10", "deal-9"]
    var text = byteOrderMark ? "\u{FEFF}" : ""
    text += "title,id,summary" + csvLineEnds.randomElement(using: &random)!
    for index in 0..<random.next(in: rows) {
        var row = [cells.randomElement(using: &random)!, ids.randomElement(using: &random)!,
                   cells.randomElement(using: &random)!].map(quoted).joined(separator: ",")
        if !bad.isEmpty, random.next(in: 0...20) == 0 { row = "\(bad.randomElement(using: &random)!)," + row }
        text += row + (index > 0 && random.next(in: 0...9) == 0 ? "\n" : "")
        text += rowEndings.randomElement(using: &random)!
    }
    return text
}

// MARK: Reading

private func quoted(_ cell: String) -> String {
    cell.contains(where: { ",\"\n\r".contains($0) }) || cell.isEmpty
        ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
}

private func readInFileOrder(_ text: String) throws -> [CSVRow] {
    let reader = CSVRowReader(input: CSVMemoryInput(Array(text.utf8)))
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}

/// The rows in key order, from memory or from a file; nil when the file is left in file order.
/// `halvesFrom` 2 reads any file but the shortest in two halves.
private func keyOrdered(_ text: String, fromFile: Bool = false, halvesFrom: Int = 32 << 20) throws -> [CSVRow]? {
    func rows<Input>(_ sorted: CSVRowsByKey<Input>?) throws -> [CSVRow]? {
        guard let sorted else { return nil }
        var rows: [CSVRow] = []
        while let row = try sorted.nextRow() { rows.append(row) }
        return rows
    }
    guard fromFile else { return try rows(CSVRowsByKey.make(CSVMemoryInput(Array(text.utf8)), halvesFrom: halvesFrom)) }
    return try withTemporaryDirectory { dir in
        let path = dir.appendingPathComponent("rows.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try rows(CSVRowsByKey.make(try #require(CSVFileInput(path: path)), halvesFrom: halvesFrom))
    }
}

private struct Imported {
    var issues: [DataIssue] = []
    var records: [String] = []
    var counts = ImportCounts()
}

/// What an import of the files finds in key order and in file order: its issues, and the
/// records it hands on, in id order.
private func imported(_ files: [(String, String)]) throws -> (Imported, Imported) {
    try withTemporaryDirectory { dir in
        let paths = try files.map { name, text in
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func run(inKeyOrder: Bool) throws -> Imported {
            var result = Imported()
            let run = ImportRun(known: KnownIDs(), inKeyOrder: inKeyOrder) { record, _, _ in
                result.records.append("\(record)")
                return true
            }
            try run.read(files: paths)
            do throws(DataErrors) { try run.finish(fileOrder: paths) } catch { result.issues = error.issues }
            result.records.sort()
            result.counts = run.counts
            return result
        }
        return (try run(inKeyOrder: true), try run(inKeyOrder: false))
    }
}
