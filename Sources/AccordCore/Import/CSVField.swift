/// The fields a CSV header may name, so that a row's reader finds each one's cell by
/// position rather than by hashing its name.
enum CSVField: Int, CaseIterable {
    case id, title, summary, form, status, announced, signed, start, end, durationMonths
    case parties, territories, products, financials, figures, tags, labels, sources
    case name, aliases, kind, country, parent
    case publisher, published, url, document
    case statusAsOf, durationDays, series, related, venue, people

    /// The column's name, as headers and messages spell it.
    var name: String {
        switch self {
        case .id: "id"
        case .title: "title"
        case .summary: "summary"
        case .form: "form"
        case .status: "status"
        case .announced: "announced"
        case .signed: "signed"
        case .start: "start"
        case .end: "end"
        case .durationMonths: "duration_months"
        case .parties: "parties"
        case .territories: "territories"
        case .products: "products"
        case .financials: "financials"
        case .figures: "figures"
        case .tags: "tags"
        case .labels: "labels"
        case .sources: "sources"
        case .name: "name"
        case .aliases: "aliases"
        case .kind: "kind"
        case .country: "country"
        case .parent: "parent"
        case .publisher: "publisher"
        case .published: "published"
        case .url: "url"
        case .document: "document"
        case .statusAsOf: "status_as_of"
        case .durationDays: "duration_days"
        case .series: "series"
        case .related: "related"
        case .venue: "venue"
        case .people: "people"
        }
    }

    /// The column of each field in a header, by the field's raw value; -1 where it has none.
    static func columns(of header: [String]) -> [Int] {
        allCases.map { header.firstIndex(of: $0.name) ?? -1 }
    }
}
