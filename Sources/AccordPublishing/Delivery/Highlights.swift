import AccordReports

/// The sentence `r:highlights` adds to a report, which the document keeps as a block of its own.
public enum Highlights {
    /// The first highlights of `document`, if it has them.
    public static func sentence(in document: ReportDocument) -> String? {
        for case .highlights(let text) in document.blocks { return text }
        return nil
    }
}
