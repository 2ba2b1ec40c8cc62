/// What rendering needs beside the document: facts the document does not carry, settings of
/// the workspace, and engines outside this module.
public struct RenderContext: Sendable {
    /// Every partnership of the report's period, flat: the workbook's Partnerships sheet
    /// and `partnerships.csv`.
    public var partnerships: [PeriodPartnership]
    /// The workbook's sheets of `partnerships`, made ahead; nil to make them with the workbook.
    public var workbookListing: WorkbookListing?
    /// Prints the HTML page for `.pdf`; nil where there is none.
    public var printer: (any PDFPrinter)?
    /// The day the PDF's metadata is dated (the report's as-of day).
    public var day: String
    /// Whether CSV files start with a UTF-8 byte order mark (the `csv_bom` setting), which
    /// Excel needs to read "Stradiņš" and Hangul right.
    public var csvByteOrderMark: Bool
    /// The links the HTML page carries to the periods beside it and to the indexes; nil for none.
    public var navigation: ReportNavigation?

    public init(partnerships: [PeriodPartnership] = [], printer: (any PDFPrinter)? = nil, day: String = "1970-01-01",
                csvByteOrderMark: Bool = false, navigation: ReportNavigation? = nil) {
        self.partnerships = partnerships
        self.printer = printer
        self.day = day
        self.csvByteOrderMark = csvByteOrderMark
        self.navigation = navigation
    }
}
