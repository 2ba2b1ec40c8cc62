import AccordCore
import AccordReports
@testable import AccordScripting
import Foundation
import LuaKit
import Testing

/// Rendering counts against the script's memory limit: each format may cost twice what the
/// document counts, and a workbook started ahead holds that much until it is delivered.
@Suite struct RenderBudgetTests {
    private static let script = """
        return accord.report {
          title = "Long", grain = "year", formats = { "html", "xlsx" },
          build = function(r)
            local words = string.rep("partnership ", 1500)
            for i = 1, 60 do r:paragraph(i .. " " .. words) end
            r:table{ id = "t", title = "Numbers", columns = { "Key", "Value" }, rows = { { "a", 1 }, { "b", 2 } } }
          end,
        }
        """

    @Test func theFormatsBesideAWorkbookStartedAheadAreEstimatedFromTheDocumentAlone() throws {
        let report = try FixtureReport(Self.script)
        let (host, document) = (report.host, try report.build("2019"))
        // Room for the workbook's check (three estimates: its own, another format's, that format's
        // files) and half an estimate more: not for an estimate that counted the workbook's own.
        let estimate = 2 * host.counted
        host.budget.memoryLimit = host.budget.memoryInUse + 3 * estimate + estimate / 2
        let workbook = try #require(host.startWorkbook(document, with: RenderContext()))
        var delivered: [String] = []
        try host.render(document, script: report.script, as: [.html, .xlsx], started: workbook) { delivered.append($0.name) }
        #expect(delivered == ["report.html", "report.xlsx"])
    }
}
