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

/// An organization taking part in a partnership, in a role.
public struct Party: Equatable, Sendable {
    public var organization: String
    public var role: PartyRole

    public init(organization: String, role: PartyRole) {
        self.organization = organization
        self.role = role
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
    /// ISO 4217; required when `amount` is given.
    public var currency: String?
    public var wording: String?

    public init(type: FinancialTermType, amount: Double? = nil, currency: String? = nil, wording: String? = nil) {
        self.type = type
        self.amount = amount
        self.currency = currency
        self.wording = wording
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
    public var announced: PartialDate?
    public var signed: PartialDate?
    public var start: PartialDate?
    public var end: PartialDate?
    public var durationMonths: Int?
    public var parties: [Party]
    /// ISO 3166-1 alpha-2 codes and named groups (see `Territory`).
    public var territories: [String]
    public var products: [Product]
    public var financials: [FinancialTerm]
    public var figures: [FigureKey: Int]
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
                figures: [FigureKey: Int] = [:], tags: [String] = [], labels: [String] = [],
                sources: [String] = []) {
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
    }

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
