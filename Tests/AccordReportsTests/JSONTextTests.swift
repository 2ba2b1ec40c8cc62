@testable import AccordReports
import Foundation
import ToolSupport
import Testing

/// `report.json` is written by `JSONTreeEncoder` and `JSONTextWriter`; these hold its bytes to
/// those of Foundation's `JSONEncoder` with the options the format names.
@Suite struct JSONTextTests {
    private static func foundation(_ document: ReportDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(document) + [0x0A]
    }

    @Test func theSampleIsWrittenAsJSONEncoderWritesIt() throws {
        #expect(JSONRenderer.encode(SampleDocument.document) == (try Self.foundation(SampleDocument.document)))
    }

    @Test func randomDocumentsAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SeededRandom(seed: 20_261_206)
        for round in 0..<300 {
            var maker = RandomDocument(random: &random)
            let document = maker.document()
            let ours = JSONRenderer.encode(document), theirs = try Self.foundation(document)
            #expect(ours == theirs, "round \(round)")
            if ours != theirs {
                let a = String(decoding: ours, as: UTF8.self), b = String(decoding: theirs, as: UTF8.self)
                let same = zip(a, b).prefix { $0 == $1 }.count
                Issue.record("first difference at \(same): \(a.dropFirst(same).prefix(60)) against \(b.dropFirst(same).prefix(60))")
                return
            }
        }
    }

    @Test func everyControlCharacterAndQuoteIsEscapedAsJSONEncoderDoes() throws {
        let text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self) + "é 한국 🙂 \\ \" / \u{2028}"
        let document = SampleDocument.with([.paragraph(text: text), .note(text: "")])
        #expect(JSONRenderer.encode(document) == (try Self.foundation(document)))
    }

    @Test func aDocumentOfMegabytesIsWrittenAsJSONEncoderWritesIt() throws {
        // The writer's buffer starts at 64 KiB and grows: this one is some 5 MB.
        let ids = (0..<100_000).map { "partnership-\($0)-\"quoted\"" }
        let document = SampleDocument.with([.figures([KeyFigure(label: "Many", value: 100_000, partnerships: ids)])])
        let ours = JSONRenderer.encode(document)
        #expect(ours.count > 4_000_000)
        #expect(ours == (try Self.foundation(document)))
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        let values: [Double] = [0, -0.0, 1, -1, 0.5, 1e21, 1e22, 1.5e-7, 123_456_789.125, .pi, .greatestFiniteMagnitude,
                                .leastNonzeroMagnitude, .infinity, -.infinity, .nan, 170e9, 2.0 / 3]
        let document = SampleDocument.with([.figures(values.map { KeyFigure(label: "\($0)", value: $0, previous: $0, trend: [$0]) })])
        #expect(JSONRenderer.encode(document) == (try Self.foundation(document)))
    }
}

/// Documents of every block, with texts of any character, numbers of any size, lists empty or
/// long, and optional fields left out.
private struct RandomDocument {
    var random: SeededRandom

    init(random: inout SeededRandom) {
        self.random = SeededRandom(seed: random.next())
        _ = random.next()
    }

    private static let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{0}", "\u{1F}",
                                 "\u{7F}", "é", "한", "🙂", "\u{2028}", "**", "<b>", "&amp;", "-", "_", "id-2025-1"]

    mutating func text(_ most: Int = 12) -> String {
        (0..<Int.random(in: 0...most, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    mutating func maybe<T>(_ make: (inout Self) -> T) -> T? {
        Bool.random(using: &random) ? make(&self) : nil
    }

    mutating func list<T>(_ most: Int, _ make: (inout Self) -> T) -> [T] {
        (0..<Int.random(in: 0...most, using: &random)).map { _ in make(&self) }
    }

    mutating func number() -> Double {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: Double(Int.random(in: -1000...1_000_000, using: &random))
        case 1: Double.random(in: -1...1, using: &random)
        case 2: Double.random(in: 0...1e25, using: &random)
        case 3: [Double.nan, .infinity, -.infinity, -0.0].randomElement(using: &random)!
        case 4: Double(Int.random(in: 0...100, using: &random)) / 8
        default: Double.random(in: 0...1, using: &random) * 1e-9
        }
    }

    mutating func ids() -> [String] { list(30) { $0.text(4) } }

    mutating func cell() -> TableCell {
        TableCell(text: maybe { $0.text() }, number: maybe { $0.number() }, partnerships: ids(), key: maybe { $0.text(3) },
                  unit: maybe { $0.text(2) }, trend: maybe { $0.list(8) { $0.number() } })
    }

    mutating func block() -> ReportBlock {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .heading(text: text(), level: Int.random(in: 1...3, using: &random))
        case 1: return .paragraph(text: text(40))
        case 2: return .highlights(text: text(40))
        case 3: return .note(text: text())
        case 4:
            return .figures(list(4) {
                KeyFigure(label: $0.text(), value: $0.number(), unit: $0.maybe { $0.text(2) }, previous: $0.maybe { $0.number() },
                          yearBefore: $0.maybe { $0.number() }, partnerships: $0.ids(), trend: $0.maybe { $0.list(8) { $0.number() } })
            })
        case 5:
            let columns = list(4) {
                TableColumn(title: $0.text(), kind: Bool.random(using: &$0.random) ? .text : .number, unit: $0.maybe { $0.text(2) },
                            format: $0.maybe { TableColumn.Format.allCases.randomElement(using: &$0.random)! },
                            places: $0.maybe { Int.random(in: 0...3, using: &$0.random) }, additive: $0.maybe { Bool.random(using: &$0.random) })
            }
            return .table(ReportTable(id: text(3), title: text(), columns: columns, rows: list(5) { r in r.list(4) { $0.cell() } },
                                      totals: Bool.random(using: &random), shown: Bool.random(using: &random),
                                      titleShown: Bool.random(using: &random), other: maybe { Int.random(in: 0...9, using: &$0.random) }))
        case 6:
            return .chart(ReportChart(id: text(3), title: text(), kind: Bool.random(using: &random) ? .bar : .line,
                                      horizontal: Bool.random(using: &random), stacked: Bool.random(using: &random),
                                      categories: list(5) { $0.text(4) },
                                      series: list(3) { s in
                                          ChartSeries(name: s.text(), values: s.list(5) { $0.maybe { $0.number() } }, partnerships: s.list(5) { $0.ids() })
                                      }, unit: maybe { $0.text(2) }, other: maybe { Int.random(in: 0...9, using: &$0.random) }))
        default:
            return .partnerships(PartnershipList(title: text(), items: list(4) {
                PartnershipItem(id: $0.text(4), title: $0.text(), date: $0.maybe { $0.text(3) }, form: $0.text(3),
                                labels: $0.list(3) { $0.text(3) }, parties: $0.list(3) { $0.text(5) },
                                sources: $0.list(2) { SourceLink(title: $0.text(), url: $0.maybe { $0.text(6) }) })
            }))
        }
    }

    mutating func document() -> ReportDocument {
        let period = ReportPeriod(label: text(3), grain: "quarter", start: text(3), finish: text(3), previous: text(3), yearBefore: text(3))
        let source = maybe {
            ReportSource(asOf: $0.text(3), timeZone: $0.text(3),
                         parameters: Dictionary($0.list(4) { ($0.text(3), $0.text(3)) }, uniquingKeysWith: { a, _ in a }),
                         script: $0.text(), modules: $0.list(3) { $0.text(4) }, digest: $0.text(5),
                         classification: $0.maybe {
                             ReportClassification(runs: $0.list(2) { $0.text(3) },
                                                  packs: $0.list(2) { ReportClassification.Pack(name: $0.text(2), version: $0.text(2), digest: $0.text(3)) },
                                                  partnerships: Int.random(in: 0...9, using: &$0.random),
                                                  unlabelled: Int.random(in: 0...9, using: &$0.random),
                                                  unclassified: Int.random(in: 0...9, using: &$0.random))
                         },
                         exchangeRates: $0.maybe {
                             ExchangeRates(currency: $0.text(2), date: $0.text(3), source: $0.text(),
                                           rates: Dictionary($0.list(4) { ($0.text(3), $0.number()) }, uniquingKeysWith: { a, _ in a }))
                         })
        }
        return ReportDocument(id: text(3), title: text(), workspace: maybe { $0.text() }, period: period,
                              blocks: list(10) { $0.block() }, source: source)
    }
}
