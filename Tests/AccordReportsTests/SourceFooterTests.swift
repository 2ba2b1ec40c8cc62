import AccordReports
import Foundation
import Testing

/// The closing lines of HTML and Markdown: what the report was made from, and the
/// classification its purposes came from, as the JSON has them.
@Suite struct SourceFooterTests {
    private func document(_ classification: ReportClassification?) -> ReportDocument {
        var document = SampleDocument.with([.paragraph(text: "Body")])
        document.source = ReportSource(asOf: "2026-01-01", timeZone: "Asia/Seoul", parameters: ["org": "khidi"],
                                       script: "Scripts/reports/quarterly.lua", modules: [],
                                       digest: "sha256:0123456789abcdef0123", classification: classification)
        return document
    }

    static let twoPacks = ReportClassification(
        runs: ["2026-01-01T00:00:00Z-1a2b3c", "2025-12-01T00:00:00Z-4d5e6f", "2025-11-01T00:00:00Z-777"],
        packs: [.init(name: "standard", version: "1.2.0", digest: "sha256:aa"), .init(name: "team-export", version: "0.3.1", digest: "sha256:bb")],
        partnerships: 14, unlabelled: 2, unclassified: 0)

    @Test func theFooterNamesEveryPackWithItsVersionAndWhatHasNoPurpose() throws {
        let expected = "Purposes from classification run 2026-01-01T00:00:00Z-1a2b3c by standard 1.2.0 and team-export 0.3.1 "
            + "(and 2 earlier runs with the same packs); partnerships filed in 2019-Q4 without a purpose: 2 of 14."
        let html = SampleDocument.text(document(Self.twoPacks), as: .html)
        #expect(html.contains("<footer class=\"source\"><p>Made from Scripts/reports/quarterly.lua (sha256:01234567…) with org=khidi "
            + "as of 2026-01-01 (Asia/Seoul).</p><p>\(expected)</p></footer>"), "\(html)")
        let markdown = SampleDocument.text(document(Self.twoPacks), as: .md)
        #expect(markdown.hasSuffix("\n---\n\n*Made from Scripts/reports/quarterly.lua (sha256:01234567…) with org=khidi "
            + "as of 2026-01-01 (Asia/Seoul).*\n\n*\(expected)*\n"), "\(markdown)")

        // The JSON carries the same, with each pack's digest.
        let json = try JSONSerialization.jsonObject(with: try ReportRenderer.render(document(Self.twoPacks), as: .json)[0].data) as! [String: Any]
        let classification = (json["source"] as! [String: Any])["classification"] as! [String: Any]
        #expect((classification["packs"] as! [[String: String]]).map { $0["name"]! + " " + $0["version"]! + " " + $0["digest"]! }
            == ["standard 1.2.0 sha256:aa", "team-export 0.3.1 sha256:bb"])
        #expect(classification["unlabelled"] as? Int == 2)
    }

    @Test func withoutASavedClassificationTheFooterSaysSo() {
        let none = ReportClassification(runs: [], packs: [], partnerships: 3, unlabelled: 3, unclassified: 3)
        #expect(SampleDocument.text(document(none), as: .md).contains(
            "*No classification is saved: purposes are those set by hand; partnerships filed in 2019-Q4 without a purpose: 3 of 3.*"))
        // With no packs applied, nothing brings saved labels up to date: the footer counts what changed since.
        let stale = ReportClassification(runs: ["r1"], packs: [], partnerships: 3, unlabelled: 1, unclassified: 2)
        #expect(SampleDocument.text(document(stale), as: .md).contains(
            "*Purposes from classification run r1; partnerships filed in 2019-Q4 without a purpose: 1 of 3, "
                + "and 2 changed since they were classified.*"))
    }
}
