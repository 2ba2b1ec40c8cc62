/// `partnerships.csv`: every partnership of the report's period, one a row, with the columns
/// of the workbook's Partnerships sheet; a field of many values is joined with `; `.
enum PartnershipsCSV {
    static let fileName = "partnerships.csv"

    static func render(_ partnerships: [PeriodPartnership]) -> RenderedFile {
        RenderedFile(name: fileName, data: CSVRenderer.data([PartnershipFields.titles]
            + partnerships.map { PartnershipFields.texts($0).map(CSVRenderer.defused) }))
    }
}
