import AccordCore
import AccordReports
@testable import AccordScripting
import Foundation
import Testing

/// A small period's workbook starts rendering as soon as the report is built, from sheets of its
/// listing made while it built: the same bytes as the workbook rendered alone from the report.
@Suite struct WorkbookAheadTests {
    @Test func aWorkbookStartedAheadIsTheWorkbookRenderedAlone() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanUp() }
        try sample.classify()
        let out = sample.folder.appendingPathComponent("out")
        _ = try sample.report("quarterly", period: "2019-Q2", formats: "json,csv,xlsx", out: out)
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        let period = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019-Q2")
        let host = try sample.host(asOf: SampleWorkspace.asOf)
        try ReportProducer(workspace: sample.workspace, store: sample.store, host: host, limits: sample.workspace.config.limits).updateLabels()
        #expect(!host.labelNames.isEmpty) // the packs' names for the labels, as the report's listing has them
        let rows = try PeriodPartnerships.listing(of: period, in: sample.store, labelNames: host.labelNames)
        #expect(!rows.isEmpty)
        let alone = try ReportRenderer.render(document, as: .xlsx, with: RenderContext(partnerships: rows))
        #expect(try Data(contentsOf: out.appendingPathComponent("report.xlsx")) == alone[0].data)
    }
}
