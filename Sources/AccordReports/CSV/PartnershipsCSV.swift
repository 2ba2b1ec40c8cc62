/// `partnerships.csv`: every partnership of the report's period, one a row, with the columns
/// of the workbook's Partnerships sheet after a `period` one; a field of many values is joined with `; `.
enum PartnershipsCSV {
    static let fileName = "partnerships.csv"

    static func render(_ partnerships: [PeriodPartnership], period: String) -> RenderedFile {
        RenderedFile(name: fileName, data: CSVRenderer.data([["period"] + PartnershipFields.titles]
            + partnerships.map { [CSVRenderer.defused(period)] + PartnershipFields.texts($0).map(CSVRenderer.defused) }))
    }
}
