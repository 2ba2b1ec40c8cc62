/// The workbook's sheets of a period's partnerships (`Partnerships` and `Amounts`), made ahead
/// of the rest of the workbook: on the thread that reads the listing while the report builds.
public struct WorkbookListing: Sendable {
    let partnerships: Sheet
    let amounts: Sheet
    /// How many partnerships they were made of.
    let count: Int

    public init(_ partnerships: [PeriodPartnership]) {
        self.partnerships = PartnershipSheets.partnerships(partnerships)
        amounts = PartnershipSheets.amounts(partnerships)
        count = partnerships.count
    }
}
