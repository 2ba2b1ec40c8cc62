import AccordReports

/// Finds the sentence `r:highlights` adds to a report (Sources/AccordScripting/Reports/reports.lua):
/// a paragraph that opens with the change in the total, `Partnerships rose from 2 in 2018 to 8
/// (+300%).`, `Partnerships fell …` or `As many partnerships as in 2019-Q3: 4.`. The document
/// keeps it as a paragraph like any other, so it is known by these openings, which the
/// builder alone writes.
public enum Highlights {
    static let openings = ["Partnerships rose ", "Partnerships fell ", "As many partnerships as in "]

    /// The first highlights paragraph of `document`, if it has one.
    public static func sentence(in document: ReportDocument) -> String? {
        for case .paragraph(let text) in document.blocks where openings.contains(where: text.hasPrefix) {
            return text
        }
        return nil
    }
}
