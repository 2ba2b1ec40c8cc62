/// The period's partnerships as sheets: `Partnerships`, one row per partnership with the
/// columns of `partnerships.csv` (its date a date, a year-only date the year as a number,
/// beside its precision), and `Amounts`, one row per financial term, each amount a number
/// in its currency's format, so that amounts can be summed and pivoted by currency.
enum PartnershipSheets {
    static let partnershipsName = "Partnerships"
    static let amountsName = "Amounts"

    static func partnerships(_ partnerships: [PeriodPartnership]) -> Sheet {
        let header = PartnershipFields.titles.map { Cell.text($0, bold: true) }
        let rows = partnerships.map { p in
            PartnershipFields.texts(p).enumerated().map { index, text in
                index == PartnershipFields.dateColumn ? Cell.date(p.date) : Cell.text(text)
            }
        }
        return Sheet(name: partnershipsName, rows: [header] + rows, frozenRows: 1,
                     filter: CellRange(firstRow: 0, firstColumn: 0, lastRow: rows.count, lastColumn: header.count - 1))
    }

    static let amountTitles = ["Id", "Partnership", "Type", "Amount", "Currency", "Wording", "Qualifier", "Per"]

    static func amounts(_ partnerships: [PeriodPartnership]) -> Sheet {
        let header = amountTitles.map { Cell.text($0, bold: true) }
        let rows = partnerships.flatMap { p in
            p.amounts.map { a -> [Cell] in
                let amount = a.amount.map { amount in
                    let decimals = NumberFormat.decimals(amount, unit: a.currency ?? "XXX")
                    return Cell(.number(amount), format: a.currency.map { ExcelFormat.money($0, decimals: decimals) }
                        ?? ExcelFormat.grouped(decimals: decimals))
                } ?? Cell(.blank)
                return [.text(p.id), .text(p.title), .text(a.type), amount, .text(a.currency), .text(a.wording), .text(a.qualifier),
                        .text(a.per)]
            }
        }
        return Sheet(name: amountsName, rows: [header] + rows, frozenRows: 1,
                     filter: CellRange(firstRow: 0, firstColumn: 0, lastRow: rows.count, lastColumn: header.count - 1))
    }
}
