import AccordCore
import AccordReports

/// The partnerships of a report's period, flat, in words, as the workbook's Partnerships
/// sheet and `partnerships.csv` list them: by date (undated last), then by id.
enum PeriodPartnerships {
    /// The lists of a partnership the rows do not show, left out when the partnerships are read.
    static let unlisted: Set<Partnership.List> = [.related, .people, .tags, .equivalents]

    /// `partnerships` with the names and labels the store holds for them; labels are called
    /// what `labelNames` calls them, else their code in words.
    static func rows(_ partnerships: [Partnership], store: Store, labelNames: [String: String]) throws -> [PeriodPartnership] {
        guard !partnerships.isEmpty else { return [] }
        let ids = partnerships.map(\.id)
        let assigned = try store.assignedLabels(for: ids)
        let partyIDs = Array(Set(partnerships.flatMap { $0.parties.compactMap(\.organization) })).sorted()
        let organizations = Dictionary(try store.organizations(OrganizationFilter(ids: partyIDs)).map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
        let sources = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = partnerships.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: x < y
            case (nil, _?): false
            case (_?, nil): true
            default: a.id < b.id
            }
        }
        return sorted.map { p in
            let parties = p.parties.map { party in
                guard let id = party.organization else {
                    return PeriodPartnership.Party(name: party.unnamed?.description ?? "", role: party.role.displayName,
                                                   country: party.unnamed?.country)
                }
                let organization = organizations[id]
                return PeriodPartnership.Party(name: organization?.name ?? id, role: party.role.displayName,
                                               country: organization?.country)
            }
            var countries: [String] = []
            for case let country? in parties.map(\.country) where !countries.contains(country) { countries.append(country) }
            let labels: [PeriodPartnership.Label]
            if LabelPrecedence.isManual(p.labels) {
                labels = p.labels.enumerated().map { .init(code: $1, name: name(of: $1, labelNames), primary: $0 == 0) }
            } else {
                labels = (assigned[p.id] ?? []).map { .init(code: $0.label, name: name(of: $0.label, labelNames), primary: $0.isPrimary) }
            }
            return PeriodPartnership(
                id: p.id, date: p.date?.description, title: p.title, form: p.form.displayName, status: p.status.displayName,
                parties: parties, countries: countries, territories: p.territories, products: p.products.map(\.name),
                amounts: p.financials.map {
                    .init(type: $0.type.displayName, amount: $0.amount, currency: $0.currency, wording: $0.wording,
                          qualifier: $0.amount == nil ? nil : $0.qualifier.phrase, per: $0.per)
                },
                figures: p.figures.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value.text)" },
                labels: labels.filter(\.primary) + labels.filter { !$0.primary },
                sources: p.sources.map { SourceLink(title: sources[$0]?.title ?? $0, url: sources[$0]?.url) })
        }
    }

    private static func name(of label: String, _ names: [String: String]) -> String {
        names[label] ?? AccordModule.words(ofLabel: label)
    }
}
