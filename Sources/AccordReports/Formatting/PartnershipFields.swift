/// The columns of a period's partnership list, the same in `partnerships.csv` and in the
/// workbook's Partnerships sheet: one row per partnership, a field of many values joined
/// with `; `.
enum PartnershipFields {
    static let titles = [
        "Id", "Date", "Precision", "Title", "Form", "Status", "Parties", "Countries", "Territories", "Products",
        "Amounts", "Figures", "Primary purpose", "Purposes", "Sources",
    ]
    /// Where `Date` is among the columns.
    static let dateColumn = 1

    static func texts(_ p: PeriodPartnership) -> [String] {
        [
            p.id, p.date ?? "", p.precision?.rawValue ?? "", p.title, p.form, p.status,
            joined(p.parties.map { "\($0.name) (\($0.role.lowercased()))" }),
            joined(p.countries), joined(p.territories), joined(p.products), joined(p.amounts.map(amount)),
            joined(p.figures),
            p.labels.first(where: \.primary)?.name ?? "", joined(p.labels.map(\.name)),
            joined(p.sources.map { source in source.url.map { "\(source.title) <\($0)>" } ?? source.title }),
        ]
    }

    /// `Upfront payment: 30,000,000 USD ("$30 million upfront")`, `Prize: up to 150,000,000 KRW per
    /// winner`; the wording alone when there is no amount.
    static func amount(_ a: PeriodPartnership.Amount) -> String {
        let figure = a.amount.map { amount in
            (a.qualifier.map { $0 + " " } ?? "")
                + NumberFormat.grouped(amount, decimals: NumberFormat.decimals(amount, unit: a.currency ?? "XXX"), trimmed: false)
                + (a.currency.map { " " + $0 } ?? "") + (a.per.map { " per " + $0 } ?? "")
        }
        let wording = a.wording.flatMap { $0.isEmpty ? nil : $0 }
        return switch (figure, wording) {
        case let (figure?, wording?): "\(a.type): \(figure) (\"\(wording)\")"
        case let (figure?, nil): "\(a.type): \(figure)"
        case let (nil, wording?): "\(a.type): \(wording)"
        case (nil, nil): a.type
        }
    }

    static func joined(_ values: [String]) -> String { values.joined(separator: "; ") }
}
