import AccordTestSupport
import Foundation
import Testing

/// End-to-end: a year of `run-due` calls, as cron would make them, on a workspace of its own
/// (apart from the other schedule tests, so that both run at once).
@Suite struct ScheduleCalendarWorkflowTests {
    @Test(arguments: Backend.all)
    func aYearOfWeeklyCallsProducesEachPeriodOnceOnTime(on backend: Backend) throws {
        let accord = try ScheduleWorkflowTests.workspace(on: backend, schedule: ScheduleWorkflowTests.both)
        defer { accord.cleanUp() }
        var day = DateComponents(calendar: Calendar(identifier: .gregorian), year: 2020, month: 1, day: 1).date!
        let end = DateComponents(calendar: Calendar(identifier: .gregorian), year: 2021, month: 1, day: 14).date!
        let periods = ["quarter-count": ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"], "year-count": ["2020"]]
        var producedOn: [String: String] = [:]
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        while day <= end {
            let now = format.string(from: day) + "T07:00"
            let call = try accord.run("run-due", "--now", now, in: "ws")
            #expect(call.status == 0, "\(now): \(call.stderr)")
            #expect(call.stdout.isEmpty && call.stderr.isEmpty, "\(now) is not silent: \(call.stdout)\(call.stderr)")
            for (job, labels) in periods {
                for period in labels where producedOn[period] == nil {
                    let manifest = accord.folder.appendingPathComponent("ws/Reports/\(job)/\(period)/manifest.json")
                    if FileManager.default.fileExists(atPath: manifest.path) { producedOn[period] = now }
                }
            }
            day = day.addingTimeInterval(7 * 86_400)
        }
        let runs = try ScheduleWorkflowTests.history(accord)
        #expect(runs.map(\.period) == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2020"], "each period once")
        #expect(runs.allSatisfy { $0.status == "succeeded" && $0.trigger == "run-due" })
        // Each period on the first weekly call after it fell due (quarters 3 days after, years 7).
        #expect(producedOn["2020-Q1"] == "2020-04-08T07:00")
        #expect(producedOn["2020-Q4"] == "2021-01-06T07:00")
        #expect(producedOn["2020"] == "2021-01-13T07:00")
    }
}
