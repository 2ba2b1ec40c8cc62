import AccordCore
import AccordScripting
import ArgumentParser

/// Which report, for which period, with which parameters: what `accord report` and
/// `accord preview` are asked.
struct ReportSelection: ParsableArguments {
    @Argument(help: "A report id (from `accord report list`) or a report script file.")
    var report: String

    @Option(help: "The period: 2019-Q4, 2019-06, 2019, FY2020-Q1, last-quarter, ytd, 2020-01-01..2020-03-15.")
    var period: String?

    @Option(help: "The day relative periods are resolved against (YYYY-MM-DD; default today in the workspace's time zone).")
    var asOf: String?

    @Option(name: .customLong("param"), help: "A parameter the report declares, as name=value (repeatable).")
    var params: [String] = []

    /// `--as-of`, or today in the workspace's time zone.
    static func day(_ text: String?, workspace: Workspace) throws -> CalendarDay {
        guard let text else { return workspace.today() }
        guard let d = PartialDate(text), d.precision == .day else { throw UsageError("--as-of must be a day, YYYY-MM-DD, not '\(text)'") }
        return d.first
    }

    /// The `--param name=value` items as given.
    func parameters() throws -> [(name: String, value: String)] {
        try params.map { item in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UsageError("--param must be name=value, not '\(item)'")
            }
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }

    /// The `--param name=value` items, checked against what `script` declares.
    func parameters(for script: ReportScript) throws -> [String: String] {
        var out: [String: String] = [:]
        let declared = script.params.map(\.name)
        for (name, value) in try parameters() {
            guard declared.contains(name) else {
                let known = declared.isEmpty ? "it takes none" : "it takes " + declared.joined(separator: ", ")
                throw UsageError("report \(script.id) has no parameter '\(name)' (\(known))" + Suggestion.hint(for: name, in: declared))
            }
            out[name] = value
        }
        if let missing = script.params.first(where: { out[$0.name] == nil }) {
            throw UsageError("report \(script.id) needs --param \(missing.name)=… (\(missing.description))")
        }
        return out
    }

    /// `--period` as given, of any grain (a script that does not load has none to check it against).
    func anyPeriod(_ periods: PeriodContext) throws -> Period {
        do { return try periods.parse(period ?? "") } catch { throw UsageError("--period: \(error)") }
    }

    /// `--period` (default the last complete period of the grain), which must be of the script's grain or a span.
    func period(for script: ReportScript, periods: PeriodContext) throws -> Period {
        let text = period ?? "last-\(script.grain.rawValue)"
        let parsed: Period
        do { parsed = try periods.parse(text) } catch { throw UsageError("--period: \(error)") }
        guard parsed.grain == script.grain || parsed.grain == .span else {
            throw UsageError("report \(script.id) covers a \(script.grain.rawValue) at a time; \(parsed.label) is a \(parsed.grain.rawValue)")
        }
        return parsed
    }
}
