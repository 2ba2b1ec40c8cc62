import Foundation
import Testing
@testable import AccordCore
import ToolSupport

/// CSV rows are read as records straight from their cells; the mapping each row
/// made before, read as YAML's records are, is the oracle. Random files of valid
/// and broken rows must give the same records, the same issues and the same citations.
@Suite struct CSVRecordPathTests {
    /// Cells for each column: valid values, and every kind of mistake the checks know.
    private static let pools: [String: [String]] = [
        "id": ["p-1", "acme", "bolt", "Bad_ID", "-x", "a--b", "", " ", "p-\u{0}1", "é-1", "p-1"],
        "title": ["Deal", "  Spaced  ", "", "Ünïcode — 한국 😀", "say \"\"yes\"\"", "nul\u{0}x", "\u{A0}"],
        "summary": ["A summary", "", "line\nbreak", "x\u{0}"],
        "form": ["license", "licence", "LICENSE", "", "mou", "co_development", "other", "x"],
        "status": ["active", "signed", "unknown", "activ", "", "ended"],
        "announced": ["2019", "2019-06", "2020-02-29", "2019-02-29", "2019-13", "19", "2019-6", "", "２０１９"],
        "signed": ["2019-06-01", "2021", "2019-00", "x"],
        "start": ["2018", "2020-01", ""],
        "end": ["2017", "2022", "2020-01-01", ""],
        "duration_months": ["12", "-3", "x", "1.5", "", "99999999999999999999"],
        "parties": ["acme:licensor;bolt:licensee", "acme:licensor", "acme", ";", "acme:licensr", ":licensor", "acme:",
                    "nobody:sponsor;acme:investor", "ac\\;me:licensor", "acme:licensor;;bolt:funder", "é:host", "",
                    "\tacme : licensor ;\u{0B}bolt:licensee\u{0C}", "a\\\\:b:licensor", "acme:licensor\\", "x\\:y",
                    "acme\u{301}:licensor", "acme:\u{301}licensor", "\\;", "a;\\\\;b:host"],
        "territories": ["KR;US", "kr", "UK", "ASEAN", "XX;KR", ";", "KR; ;US", "K\\;R", "K\u{0}R", ""],
        "products": ["X|drug", "X|drug|cancer|oncology", "X|drug|a|b|c", "|drug", "X|", "X|potion", "X", "X\\|Y|drug",
                     ";", "X|drug;Y|vaccine|flu", ""],
        "financials": ["upfront|100|USD", "upfront|100", "milestone", "upfront|-1|USD", "upfront|x|usd", "fee|1|USD",
                       "upfront|1e30|USD", "upfront||WON|a;b", "|5|USD", ""],
        "figures": ["participants=12", "participants=12;editions=2", "participant=3", "participants=-1", "participants",
                    "editions=x", "participants=1;participants=2", "=4", "editions=", ""],
        "tags": ["a;b", "", ";", "x\\;y", " t ", "\t\u{0B}a\\|b \\\\ ;c\\", "é; ;\u{A0}", "a\u{0}b", "\\ x;y\\"],
        "labels": ["rnd", "RND", "rnd;rnd", "9x", "export;rnd", "", "a b"],
        "sources": ["press", "press;nope", "", ";", "pr\u{0}ess"],
        "name": ["Acme", "", " ", "n\u{0}"],
        "aliases": ["A;B", "", ";", "A;;B"],
        "kind": ["biotech", "local_pharma", "biotek", "", "x"],
        "country": ["KR", "kr", "UK", "XX", ""],
        "parent": ["acme", "bolt", "nope", "", "Bad"],
        "publisher": ["Wire", "", "w\u{0}"],
        "published": ["2019", "2019-02-30", "x", ""],
        "url": ["https://x", ""],
        "document": ["doc", ""],
    ]

    /// A cell as the file holds it: quoted when it needs to be, sometimes badly.
    private func csvCell(_ text: String, _ random: inout SeededRandom) -> String {
        switch random.next(in: 0...30) {
        case 0: return "\"" + text // never closed, or closed by a later cell
        case 1: return "\"\(text)\"x"
        case 2: return "a\"\(text)"
        default:
            let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } || random.next(in: 0...5) == 0
            return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }

    private func randomFile(_ kind: RecordKind, _ random: inout SeededRandom) -> String {
        var columns = kind.csvColumns.filter { kind.requiredFields.contains($0) || random.next(in: 0...3) > 0 }
        columns.shuffle(using: &random)
        if random.next(in: 0...20) == 0 { columns.append("titel") }
        if random.next(in: 0...20) == 0, let first = columns.first { columns.append(first) }
        var lines = [columns.joined(separator: ",")]
        for _ in 0..<random.next(in: 1...30) {
            var cells = columns.map { column -> String in
                let pool = Self.pools[column] ?? [""]
                return csvCell(pool[random.next(in: 0...(pool.count - 1))], &random)
            }
            if random.next(in: 0...25) == 0 { cells.removeLast() }
            if random.next(in: 0...25) == 0 { cells.append("extra") }
            lines.append(cells.joined(separator: ","))
            if random.next(in: 0...15) == 0 { lines.append("") }
        }
        return lines.joined(separator: random.next(in: 0...3) == 0 ? "\r\n" : "\n") + "\n"
    }

    @Test func rowsReadFromTheirCellsGiveWhatTheirMappingsGave() throws {
        var random = SeededRandom(seed: 4181)
        var rows = 0, records = 0, issues = 0
        for round in 0..<3_000 {
            let kind = RecordKind.allCases[round % 3]
            let text = randomFile(kind, &random)
            let reader = CSVRowReader(input: CSVMemoryInput(Array(text.utf8)))
            _ = try CSVSource.read(file: "f.csv", rows: reader.next) { row, _ in
                rows += 1
                let new = RecordContext(file: "f.csv", kind: row.kind, fallbackLabel: row.label)
                let old = RecordContext(file: "f.csv", kind: row.kind, fallbackLabel: row.label)
                var newCells: [String] = [], oldCells: [String] = []
                let newRecord = CSVRecordReader.read(row, context: new) { newCells.append("\($0): \($1)") }
                let node = CSVSource.node(of: row) { oldCells.append("\($0): \($1)") }
                let oldRecord = RecordReader.read(node, kind: row.kind, context: old)
                #expect(newCells == oldCells, "\(text.debugDescription)")
                #expect(Self.same(newRecord, oldRecord), "\(text.debugDescription)")
                #expect(new.issues == old.issues, "\(text.debugDescription)")
                #expect(new.record == old.record)
                #expect(new.definition.map { "\($0.record) \($0.line ?? -1)" } == old.definition.map { "\($0.record) \($0.line ?? -1)" })
                #expect(new.references.map(Self.describe) == old.references.map(Self.describe), "\(text.debugDescription)")
                records += newRecord == nil ? 0 : 1
                issues += new.issues.count
            }
        }
        // The files hold both kinds of row.
        #expect(rows > 10_000 && records > 1_000 && issues > 10_000, "\(rows) rows, \(records) records, \(issues) issues")
    }

    /// List and parties cells of ASCII and not, with separators, escapes and spaces.
    private func randomCell(_ random: inout SeededRandom) -> String {
        let pieces = ["a", "b", "Z", "7", ";", "|", ":", "\\", " ", "\t", "\u{0B}", "\u{0C}", "\r\n", "\r", "\u{0}", "é",
                      "\u{301}", "\u{A0}", "-"]
        return (0..<random.next(in: 0...20)).map { _ in pieces[random.next(in: 0...(pieces.count - 1))] }.joined()
    }

    @Test func partsReadOnBytesAreThePartsReadOnCharacters() {
        var random = SeededRandom(seed: 4104)
        var ascii = 0
        for _ in 0..<30_000 {
            let cell = randomCell(&random), count = random.next(in: 1...4)
            var extra: [String] = []
            guard let bytes = CSVItemBytes.parts(cell, count: count, extra: { extra.append("\($0): \($1)") }) else { continue }
            ascii += 1
            var oldExtra: [String] = []
            let items = CSVCells.split(cell, on: ";").map(\.trimmed).filter { !$0.isEmpty }
            let old = items.enumerated().map { i, item -> [String?] in
                let parts = CSVCells.split(item, on: "|")
                if parts.count > count { oldExtra.append("\(i + 1): \(parts.count)") }
                var values = [String?](repeating: nil, count: count)
                for (index, part) in parts.prefix(count).enumerated() where !part.trimmed.isEmpty {
                    values[index] = CSVCells.unescape(part).trimmed
                }
                return values
            }
            #expect(bytes == old, "\(cell.debugDescription)")
            #expect(extra == oldExtra, "\(cell.debugDescription)")
        }
        #expect(ascii > 5_000)
    }

    @Test func itemsReadOnBytesAreTheItemsReadOnCharacters() {
        var random = SeededRandom(seed: 1729)
        var ascii = 0
        for _ in 0..<30_000 {
            let cell = randomCell(&random)
            let items = CSVCells.split(cell, on: ";").map(\.trimmed).filter { !$0.isEmpty }
            if let bytes = CSVItemBytes.items(cell) {
                ascii += 1
                #expect(bytes == items.map { CSVCells.unescape($0).trimmed }, "\(cell.debugDescription)")
            }
            if let parties = CSVItemBytes.parties(cell) {
                let old = items.map { item -> String in
                    guard let colon = item.lastIndex(of: ":") else { return "no colon: \(item)" }
                    return CSVCells.unescape(String(item[..<colon])).trimmed + " / "
                        + CSVCells.unescape(String(item[item.index(after: colon)...])).trimmed
                }
                let new = parties.map { party -> String in
                    switch party {
                    case .pair(let org, let role): "\(org) / \(role)"
                    case .noColon(let item): "no colon: \(item)"
                    }
                }
                #expect(new == old, "\(cell.debugDescription)")
            }
        }
        #expect(ascii > 5_000)
    }

    private static func describe(_ r: Reference) -> String {
        "\(r.target) \(r.id) \(r.file) \(r.line ?? -1) \(r.record) \(r.field)"
    }

    private static func same(_ a: RecordReader.Record?, _ b: RecordReader.Record?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (.source(let x)?, .source(let y)?): x == y
        case (.organization(let x)?, .organization(let y)?): x == y
        case (.partnership(let x)?, .partnership(let y)?): x == y
        default: false
        }
    }
}
