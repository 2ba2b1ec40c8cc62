import AccordReports
import CSV
import Foundation
import Testing

/// `CSVEncoding` against CSV.swift's `CSVWriter`, the reference it replaces for speed.
@Suite struct CSVEncodingTests {
    /// What `CSVWriter` writes for `rows`, with the line end after the last row that reports add.
    private func reference(_ rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream.toMemory()
        stream.open()
        let writer = try CSVWriter(stream: stream)
        for row in rows { try writer.write(row: row) }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Array(data) + [0x0A]
    }

    @Test func fieldsWithQuotesCommasAndLineBreaksAreQuotedAsCSVWriterQuotesThem() throws {
        let rows = [["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nhere", "", "한미약품", "\"", ","]]
        #expect(CSVEncoding.bytes(rows) == (try reference(rows)))
    }

    @Test("Random rows of awkward characters come out byte for byte as CSVWriter writes them")
    func randomRowsMatchTheReferenceWriter() throws {
        let alphabet: [String] = ["a", "Z", " ", ",", "\"", "\n", "\r", "\r\n", ";", "é", "한", "🙂", "\t", "'", "="]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let rows = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                }
            }
            let ours = CSVEncoding.bytes(rows), theirs = try reference(rows)
            #expect(ours == theirs, "\(rows)")
            if ours != theirs { return }
        }
    }
}
