/// The links at the top of a report page: to the period before and after, and to the
/// indexes of the report and of all reports. Each is relative to the page.
public struct ReportNavigation: Equatable, Sendable {
    public struct Link: Equatable, Sendable {
        /// `2019-Q3`.
        public var label: String
        public var href: String

        public init(label: String, href: String) {
            self.label = label
            self.href = href
        }
    }

    public var previous: Link?
    public var next: Link?
    /// The report's own index page, and the index of every report.
    public var reportIndex: String
    public var allReports: String

    public init(previous: Link?, next: Link?, reportIndex: String = "../index.html", allReports: String = "../../index.html") {
        self.previous = previous
        self.next = next
        self.reportIndex = reportIndex
        self.allReports = allReports
    }
}
