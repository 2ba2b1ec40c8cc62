import AccordCore
import AccordReports
@testable import AccordScripting
import Foundation
import Testing

/// A workbook's sheets of the period's partnerships are made on another core while other work
/// goes on: a small period's while the report builds, a large period's once its script has run,
/// while its document is read. Either way the workbook is the one rendered alone from the report.
@Suite struct WorkbookAheadTests {
    @Test(arguments: [20_000, 0])
    func aWorkbookMadeAheadIsTheWorkbookRenderedAlone(smallListing: Int) throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanUp() }
        try sample.classify()
        let host = try sample.host(asOf: SampleWorkspace.asOf)
        var producer = ReportProducer(workspace: sample.workspace, store: sample.store, host: host, limits: sample.workspace.config.limits)
        producer.smallListing = smallListing
        _ = try producer.updateLabels()
        #expect(!host.labelNames.isEmpty) // the packs' names for the labels, as the report's listing has them
        let out = sample.folder.appendingPathComponent("out")
        let period = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019-Q2")
        let script = try host.load(sample.path("Scripts/reports/quarterly.lua"), display: "Scripts/reports/quarterly.lua")
        _ = try producer.produce(ReportRequest(script: script, period: period, formats: "json,csv,xlsx", asOf: SampleWorkspace.asOf,
                                               folder: out))
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        let rows = try PeriodPartnerships.listing(of: PartnershipFilter(period: period), in: sample.store, labelNames: host.labelNames)
        #expect(!rows.isEmpty)
        let alone = try ReportRenderer.render(document, as: .xlsx, with: RenderContext(partnerships: rows))
        #expect(try Data(contentsOf: out.appendingPathComponent("report.xlsx")) == alone[0].data)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("partnerships.csv").path))
    }
}
