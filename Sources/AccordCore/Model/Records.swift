/// A document a fact was taken from. Organizations and partnerships cite
/// sources by id.
public struct Source: Equatable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var publisher: String?
    public var published: PartialDate?
    public var url: String?
    /// The file name of the source document, when it is kept alongside the data.
    public var document: String?

    public init(id: String, title: String, publisher: String? = nil, published: PartialDate? = nil,
                url: String? = nil, document: String? = nil) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.url = url
        self.document = document
    }
}

/// A company, agency, association, university, hospital or investor.
public struct Organization: Equatable, Sendable, Identifiable {
    /// A stable slug: lower-case letters, digits and dashes.
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: OrganizationKind
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// The group a local subsidiary belongs to.
    public var parent: String?
    public var sources: [String]

    public init(id: String, name: String, aliases: [String] = [], kind: OrganizationKind,
                country: String, parent: String? = nil, sources: [String] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.country = country
        self.parent = parent
        self.sources = sources
    }
}

/// An organization taking part in a partnership, in a role: one the data names, or
/// one the source only describes ("leading local medical associations").
public struct Party: Equatable, Sendable {
    /// The organization's id; nil for an unnamed party.
    public var organization: String?
    public var role: PartyRole
    /// What the source says of a party it does not name; nil for a named one.
    public var unnamed: UnnamedParty?

    public init(organization: String, role: PartyRole) {
        self.organization = organization
        self.role = role
    }

    public init(unnamed: UnnamedParty, role: PartyRole) {
        self.unnamed = unnamed
        self.role = role
    }

    /// The organization's kind: the catalog's for a named party (`kindOf`), the description's otherwise.
    public func kind(_ kindOf: (String) -> OrganizationKind?) -> OrganizationKind? {
        if let organization { return kindOf(organization) }
        return unnamed?.kind
    }
}

/// A party the source describes without naming it, perhaps with how many it counts.
public struct UnnamedParty: Equatable, Sendable {
    public var description: String
    public var kind: OrganizationKind
    /// ISO 3166-1 alpha-2, when the source says where they are from.
    public var country: String?
    /// How many the description stands for, as the source counts them ("four partner organizations",
    /// "eight company representatives").
    public var count: Quantity?

    public init(description: String, kind: OrganizationKind, country: String? = nil, count: Quantity? = nil) {
        self.description = description
        self.kind = kind
        self.country = country
        self.count = count
    }
}

/// A whole number as exact as the source: 100, "more than 100", "about 62", "up to two".
public struct Quantity: Equatable, Hashable, Sendable {
    public var value: Int
    public var qualifier: Qualifier

    public init(_ value: Int, _ qualifier: Qualifier = .exactly) {
        self.value = value
        self.qualifier = qualifier
    }

    /// As reports show it: `100`, `~62`, `100+`, `≥ 100`, `≤ 2`.
    public var text: String { qualifier.format(String(value)) }
}

extension Qualifier {
    /// `number` (already formatted) with the qualifier's mark: `~62`, `100+`, `≥ 100`, `≤ 2`.
    public func format(_ number: String) -> String {
        switch self {
        case .exactly: number
        case .about: "~" + number
        case .moreThan: number + "+"
        case .atLeast: "≥ " + number
        case .upTo: "≤ " + number
        }
    }
}

/// A link from one partnership to another (`to`), read "this one is `kind` the other".
public struct Relation: Equatable, Sendable {
    public var to: String
    public var kind: RelationKind

    public init(to: String, kind: RelationKind) {
        self.to = to
        self.kind = kind
    }
}

/// A person in a partnership: a head of state attending, a minister speaking, a chief
/// executive signing. People are never organizations. A source may give only the office
/// ("the Minister of Economics of Latvia"): a person has a name, a title or both.
public struct Person: Equatable, Sendable {
    public var name: String?
    /// Their office as the source gives it ("President of Latvia").
    public var title: String?
    /// The id of the organization they act for.
    public var organization: String?
    public var role: PersonRole

    public init(name: String?, title: String? = nil, organization: String? = nil, role: PersonRole) {
        self.name = name
        self.title = title
        self.organization = organization
        self.role = role
    }
}

/// Where an event took place. A venue is a place, not a party.
public struct Venue: Equatable, Sendable {
    public var name: String?
    public var city: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?

    public init(name: String? = nil, city: String? = nil, country: String? = nil) {
        self.name = name
        self.city = city
        self.country = country
    }
}

/// A product or asset a partnership is about.
public struct Product: Equatable, Sendable {
    public var name: String
    public var kind: ProductKind
    public var indication: String?
    public var therapeuticArea: String?

    public init(name: String, kind: ProductKind, indication: String? = nil, therapeuticArea: String? = nil) {
        self.name = name
        self.kind = kind
        self.indication = indication
        self.therapeuticArea = therapeuticArea
    }
}

/// A sum of money named in a partnership, with the source's own wording.
public struct FinancialTerm: Equatable, Sendable {
    public var type: FinancialTermType
    public var amount: Double?
    /// How exact `amount` is ("up to", "about").
    public var qualifier: Qualifier
    /// ISO 4217; required when `amount` is given.
    public var currency: String?
    /// What one amount is for, when the source says so: `winner`, `year`, `project`.
    public var per: String?
    /// The same amount in other currencies, as the source states them.
    public var equivalents: [Money]
    public var wording: String?

    public init(type: FinancialTermType, amount: Double? = nil, qualifier: Qualifier = .exactly, currency: String? = nil,
                per: String? = nil, equivalents: [Money] = [], wording: String? = nil) {
        self.type = type
        self.amount = amount
        self.qualifier = qualifier
        self.currency = currency
        self.per = per
        self.equivalents = equivalents
        self.wording = wording
    }
}

/// An amount in a currency, as exact as the source.
public struct Money: Equatable, Sendable {
    public var amount: Double
    public var qualifier: Qualifier
    /// ISO 4217.
    public var currency: String

    public init(amount: Double, qualifier: Qualifier = .exactly, currency: String) {
        self.amount = amount
        self.qualifier = qualifier
        self.currency = currency
    }
}

/// An agreement, programme, MOU, investment or contract between organizations.
public struct Partnership: Equatable, Sendable, Identifiable {
    public var id: String
    public var title: String
    /// In the data's own words, never a quotation of the source.
    public var summary: String?
    public var form: PartnershipForm
    public var status: PartnershipStatus
    /// The day the status is known as of, normally the source's.
    public var statusAsOf: PartialDate?
    public var announced: PartialDate?
    public var signed: PartialDate?
    public var start: PartialDate?
    public var end: PartialDate?
    public var durationMonths: Int?
    /// A duration under a month, or one the source gives in days.
    public var durationDays: Int?
    /// A recurring programme, whose editions relate to it with `edition_of`.
    public var isSeries: Bool
    public var related: [Relation]
    public var venue: Venue?
    public var parties: [Party]
    public var people: [Person]
    /// ISO 3166-1 alpha-2 codes and named groups (see `Territory`).
    public var territories: [String]
    public var products: [Product]
    public var financials: [FinancialTerm]
    public var figures: [FigureKey: Quantity]
    public var tags: [String]
    /// Purpose labels set by hand, which win over rules; the first is the primary one.
    /// Each is a label name (see `LabelName`).
    public var labels: [String]
    public var sources: [String]

    public init(id: String, title: String, summary: String? = nil, form: PartnershipForm,
                status: PartnershipStatus = .unknown, announced: PartialDate? = nil,
                signed: PartialDate? = nil, start: PartialDate? = nil, end: PartialDate? = nil,
                durationMonths: Int? = nil, parties: [Party] = [], territories: [String] = [],
                products: [Product] = [], financials: [FinancialTerm] = [],
                figures: [FigureKey: Quantity] = [:], tags: [String] = [], labels: [String] = [],
                sources: [String] = [], statusAsOf: PartialDate? = nil, durationDays: Int? = nil,
                isSeries: Bool = false, related: [Relation] = [], venue: Venue? = nil, people: [Person] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.form = form
        self.status = status
        self.announced = announced
        self.signed = signed
        self.start = start
        self.end = end
        self.durationMonths = durationMonths
        self.parties = parties
        self.territories = territories
        self.products = products
        self.financials = financials
        self.figures = figures
        self.tags = tags
        self.labels = labels
        self.sources = sources
        self.statusAsOf = statusAsOf
        self.durationDays = durationDays
        self.isSeries = isSeries
        self.related = related
        self.venue = venue
        self.people = people
    }

    /// Whether any field beyond the first model's is set: relations, series, venue, people,
    /// unnamed parties, qualified or converted amounts, qualified figures.
    public var hasRichFields: Bool {
        statusAsOf != nil || durationDays != nil || isSeries || !related.isEmpty || venue != nil || !people.isEmpty
            || parties.contains { $0.unnamed != nil }
            || financials.contains { $0.qualifier != .exactly || $0.per != nil || !$0.equivalents.isEmpty }
            || figures.values.contains { $0.qualifier != .exactly }
    }

    /// The partnership this one belongs to: the other end of its first `part_of` or `edition_of`.
    public var parent: String? { related.first { $0.kind.isContainment }?.to }

    /// The date a partnership is filed under in periods: signed, else announced,
    /// else start.
    public var date: PartialDate? { signed ?? announced ?? start }
}

/// Everything a data file or the database holds.
public struct Dataset: Equatable, Sendable {
    public var sources: [Source]
    public var organizations: [Organization]
    public var partnerships: [Partnership]

    public init(sources: [Source] = [], organizations: [Organization] = [], partnerships: [Partnership] = []) {
        self.sources = sources
        self.organizations = organizations
        self.partnerships = partnerships
    }

    public var isEmpty: Bool { sources.isEmpty && organizations.isEmpty && partnerships.isEmpty }
}

/// A plain number is an exact quantity, as in data files.
extension Quantity: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
