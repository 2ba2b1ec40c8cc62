/// What a renderer needs beside the document: facts the document does not carry.
public struct RenderContext: Sendable {
    /// Every partnership of the report's period, flat: the workbook's Partnerships sheet
    /// and `partnerships.csv`.
    public var partnerships: [PeriodPartnership]

    public init(partnerships: [PeriodPartnership] = []) {
        self.partnerships = partnerships
    }
}
