import AccordCore
import AccordReports

/// The partnerships of a report's period (those its `listing` selects), flat, in words, as the
/// workbook's Partnerships sheet and `partnerships.csv` list them: by date (undated last), then by id.
enum PeriodPartnerships {
    /// The lists of a partnership the rows do not show, left out when the partnerships are read.
    static let unlisted: Set<Partnership.List> = [.related, .people, .tags, .equivalents]

    /// The partnerships `filter` selects, as rows. They are read `batch` at a time, so that the
    /// records behind the rows are never all in memory at once; `inHalves`, in two halves of the
    /// period read at once on two threads (`Store.forEachBatchInHalves`), which name the parties
    /// from every organization's name and country, read in one pass before them.
    static func listing(of filter: PartnershipFilter, in store: Store, labelNames: [String: String],
                        batch: Int = 500, inHalves: Bool = false) throws -> [PeriodPartnership] {
        let directory = inHalves ? try store.organizationDirectory() : nil
        let start = Listed(names: Names(store: store, sources: try store.sources(), directory: directory))
        let add: @Sendable (inout Listed, [Partnership]) throws -> Void = { listed, batch in
            listed.rows += try rows(batch, names: &listed.names, labelNames: labelNames)
        }
        let halves: [Listed]
        if inHalves {
            halves = try store.forEachBatchInHalves(filter, size: batch, without: unlisted, initial: start, add)
        } else {
            var listed = start
            try store.forEachBatch(filter, order: .stored, size: batch, without: unlisted) { try add(&listed, $0) }
            halves = [listed]
        }
        return halves.flatMap(\.rows).sorted { a, b in precedes(a.date, a.row.id, b.date, b.row.id) }.map(\.row)
    }

    /// The rows of some of a period's partnerships, and the organizations read to name their parties.
    private struct Listed: Sendable {
        var names: Names
        var rows: [(date: PartialDate?, row: PeriodPartnership)] = []
    }

    /// By date, undated last, then by id.
    private static func precedes(_ a: PartialDate?, _ aID: String, _ b: PartialDate?, _ bID: String) -> Bool {
        switch (a, b) {
        case let (x?, y?) where x != y: x < y
        case (nil, _?): false
        case (_?, nil): true
        default: aID < bID
        }
    }

    /// The organizations and sources rows name, each read once: from every organization's name
    /// and country when given them (`directory`), else those of each batch as it comes.
    private struct Names: Sendable {
        let store: Store
        let sources: [String: Source]
        let directory: OrganizationDirectory?
        var organizations: [String: Organization] = [:]

        init(store: Store, sources: [Source], directory: OrganizationDirectory?) {
            self.store = store
            self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            self.directory = directory
        }

        /// The name of the organization `id` (its id when there is none) and its country.
        func organization(_ id: String) -> (name: String, country: String?) {
            if let directory { return (directory.name(of: id) ?? id, directory.country(of: id)) }
            let organization = organizations[id]
            return (organization?.name ?? id, organization?.country)
        }

        mutating func read(_ partnerships: [Partnership]) throws {
            guard directory == nil else { return }
            let missing = Set(partnerships.flatMap { $0.parties.compactMap(\.organization) }).filter { organizations[$0] == nil }
            guard !missing.isEmpty else { return }
            for organization in try store.organizationsWithoutLists(OrganizationFilter(ids: missing.sorted())) {
                organizations[organization.id] = organization
            }
        }
    }

    /// Each of `partnerships` as a row, with its date, labels called what `labelNames` calls them,
    /// else their code in words.
    private static func rows(_ partnerships: [Partnership], names: inout Names,
                             labelNames: [String: String]) throws -> [(date: PartialDate?, row: PeriodPartnership)] {
        guard !partnerships.isEmpty else { return [] }
        let saved = try names.store.savedLabels(of: partnerships)
        try names.read(partnerships)
        let (known, sources) = (names, names.sources)
        return partnerships.map { p in
            let parties = p.parties.map { party in
                guard let id = party.organization else {
                    return PeriodPartnership.Party(name: party.unnamed?.description ?? "", role: party.role.displayName,
                                                   country: party.unnamed?.country)
                }
                let organization = known.organization(id)
                return PeriodPartnership.Party(name: organization.name, role: party.role.displayName, country: organization.country)
            }
            var countries: [String] = []
            for case let country? in parties.map(\.country) where !countries.contains(country) { countries.append(country) }
            let labels: [PeriodPartnership.Label]
            if LabelPrecedence.isManual(p.labels) {
                labels = p.labels.enumerated().map { .init(code: $1, name: name(of: $1, labelNames), primary: $0 == 0) }
            } else {
                labels = (saved[p.id] ?? []).map { .init(code: $0.label, name: name(of: $0.label, labelNames), primary: $0.isPrimary) }
            }
            return (p.date, PeriodPartnership(
                id: p.id, date: p.date?.description, title: p.title, form: p.form.displayName, status: p.status.displayName,
                parties: parties, countries: countries, territories: p.territories, products: p.products.map(\.name),
                amounts: p.financials.map {
                    .init(type: $0.type.displayName, amount: $0.amount, currency: $0.currency, wording: $0.wording,
                          qualifier: $0.amount == nil ? nil : $0.qualifier.phrase, per: $0.per)
                },
                figures: p.figures.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value.text)" },
                labels: labels.filter(\.primary) + labels.filter { !$0.primary },
                sources: p.sources.map { SourceLink(title: sources[$0]?.title ?? $0, url: sources[$0]?.url) }))
        }
    }

    private static func name(of label: String, _ names: [String: String]) -> String {
        names[label] ?? AccordModule.words(ofLabel: label)
    }
}
