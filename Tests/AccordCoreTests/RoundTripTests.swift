import Foundation
import Yams
import Testing
@testable import AccordCore

@Suite struct RoundTripTests {
    let d = richDataset.sorted

    @Test func json() throws {
        let text = String(decoding: DataExporter.json(d), as: UTF8.self)
        #expect(try DataImporter.read(texts: [("d.json", text)]) == d)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("170000000000") && !text.contains("1.7e"))
        #expect(DataExporter.json(d) == DataExporter.json(d))
    }

    @Test func yaml() throws {
        let text = DataExporter.yaml(d)
        #expect(try DataImporter.read(texts: [("d.yaml", text)]) == d)
        #expect(text.contains("amount: 170000000000\n"))
        #expect(text.contains("'2019-06-01'") && text.contains("id: '2019'") && text.contains("signed: '2013-06'\n"))
        #expect(text.contains("wording: |-\n      multi\n      line\n"))
        #expect(text.contains("- {org: dksh-korea, role: distributor}"))
        #expect(text.contains("\n  labels: [export, open_innovation, co-marketing, 'true', 'null']\n"))
    }

    @Test func yamlQuotesWhatOtherReadersWouldMistype() throws {
        let text = DataExporter.yaml(d)
        let loaded = try #require(try Yams.load(yaml: text) as? [String: Any])
        let sources = try #require(loaded["sources"] as? [[String: Any]])
        #expect(sources.first?["id"] as? String == "2019")
        #expect(sources.first(where: { $0["id"] as? String == "lv-press" })?["publisher"] as? String == "null")
    }

    @Test func csv() throws {
        let files = DataExporter.csv(d)
        #expect(files.map(\.name) == ["sources.csv", "organizations.csv", "partnerships.csv"])
        #expect(try DataImporter.read(texts: files) == d)
        let partnerships = try #require(files.last?.contents)
        #expect(partnerships.hasPrefix(CSVCells.partnershipColumns.joined(separator: ",") + "\n"))
        #expect(partnerships.contains("investment|170000000000|KRW|170 billion won\\; over five years \\| approx."))
        #expect(partnerships.contains("dksh-korea:distributor;hanmi:exporter"))
        #expect(partnerships.contains("countries=0;organizations=34;participants=100"))
        #expect(partnerships.contains(",export;open_innovation;co-marketing;true;null,"))
    }

    @Test(arguments: DataFormat.allCases)
    func throughAStoreFile(_ format: DataFormat) throws {
        try withTemporaryDirectory { dir in
            let source = try Store(path: dir.appendingPathComponent("a.db").path)
            try source.upsert(richDataset)
            let exported = try source.dataset()
            #expect(exported == d)

            var paths: [String] = []
            for (name, contents) in files(exported, format) {
                let url = dir.appendingPathComponent(name)
                try contents.write(to: url, atomically: true, encoding: .utf8)
                paths.append(url.path)
            }
            let target = try Store(path: dir.appendingPathComponent("b.db").path)
            try target.importFiles(paths)
            #expect(try target.dataset() == d)
            #expect(try target.rowCounts() == source.rowCounts())
        }
    }

    private func files(_ d: Dataset, _ format: DataFormat) -> [(name: String, contents: String)] {
        switch format {
        case .json: [("data.json", String(decoding: DataExporter.json(d), as: UTF8.self))]
        case .yaml: [("data.yaml", DataExporter.yaml(d))]
        case .csv: DataExporter.csv(d)
        }
    }

    @Test func emptyDataset() throws {
        #expect(try DataImporter.read(texts: [("e.json", String(decoding: DataExporter.json(Dataset()), as: UTF8.self))]).isEmpty)
        #expect(try DataImporter.read(texts: [("e.yaml", DataExporter.yaml(Dataset()))]).isEmpty)
        #expect(try DataImporter.read(texts: DataExporter.csv(Dataset())).isEmpty)
    }

    @Test func amountsPrintWithoutExponentOrFraction() {
        #expect(Amount.text(170_000_000_000) == "170000000000")
        #expect(Amount.text(1e20) == "100000000000000000000")
        #expect(Amount.text(12.5) == "12.5")
        #expect(Amount.text(0.1) == "0.1")
        #expect(Amount.text(0) == "0")
    }

    @Test func importDropsSurroundingWhitespace() throws {
        let text = "sources:\n  - id: '  s  '\n    title: \"  padded \\n\"\n    publisher: '   '\n"
        let source = try #require(try read("w.yaml", text).sources.first)
        #expect(source == Source(id: "s", title: "padded"))
    }
}
