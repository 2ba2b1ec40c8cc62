/// The closed vocabularies of the data model. Raw values are what data files and
/// Lua scripts use.

/// What an organization is.
public enum OrganizationKind: String, CaseIterable, Codable, Sendable {
    case globalPharma = "global_pharma"
    case localPharma = "local_pharma"
    case biotech
    case croCdmo = "cro_cdmo"
    case distributor
    case logistics
    case medtech
    case digitalHealth = "digital_health"
    case governmentAgency = "government_agency"
    case regulator
    case association
    case university
    case researchInstitute = "research_institute"
    case hospital
    case investor
    case startup
    case other
}

/// The instrument a partnership takes. A form is not a purpose: purposes come
/// from classification rules.
public enum PartnershipForm: String, CaseIterable, Codable, Sendable {
    case mou
    case loi
    case license
    case coDevelopment = "co_development"
    case coPromotion = "co_promotion"
    case distribution
    case exportContract = "export_contract"
    case jointVenture = "joint_venture"
    case investment
    case grant
    case program
    case clinicalTrialAgreement = "clinical_trial_agreement"
    case manufacturing
    case framework
    case other
}

/// Where a partnership stands.
public enum PartnershipStatus: String, CaseIterable, Codable, Sendable {
    case inTalks = "in_talks"
    case announced
    /// Announced to happen (an event to come, a centre to be set up), as of `status_as_of`.
    case planned
    case signed
    case active
    case completed
    case terminated
    case unknown
}

/// The part an organization plays in a partnership.
public enum PartyRole: String, CaseIterable, Codable, Sendable {
    case licensor
    case licensee
    case collaborator
    case coDeveloper = "co_developer"
    case sponsor
    case investor
    case investee
    case distributor
    case manufacturer
    case exporter
    case promoter
    case organizer
    case host
    case coHost = "co_host"
    case participant
    case funder
    case governmentCounterpart = "government_counterpart"
    case researchPartner = "research_partner"
    case beneficiary
    case signatory
}

/// What a product or asset is.
public enum ProductKind: String, CaseIterable, Codable, Sendable {
    case drug
    case biosimilar
    case vaccine
    case device
    case digital
    case technology
    case candidate
    case service
    case other
}

/// What a sum of money in a partnership stands for.
public enum FinancialTermType: String, CaseIterable, Codable, Sendable {
    case investment
    case researchFunding = "research_funding"
    case grant
    case prize
    case upfront
    case milestone
    case royalty
    case dealValue = "deal_value"
    case fund
    case other
}

/// Counts a programme reports about itself.
public enum FigureKey: String, CaseIterable, Codable, Sendable, Comparable {
    case participants
    case organizations
    case countries
    case editions
    case winners
    case projects
    case trials
    case officials
    case researchers

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// How exact a quantity is: the source's "more than 100", "about 62", "up to two".
public enum Qualifier: String, CaseIterable, Codable, Sendable {
    case exactly
    case about
    case atLeast = "at_least"
    case moreThan = "more_than"
    case upTo = "up_to"
}

/// How one partnership relates to another: read "this one is `kind` the other".
public enum RelationKind: String, CaseIterable, Codable, Sendable {
    /// A component or sub-agreement of the other (an MOU signed during a state visit).
    case partOf = "part_of"
    /// Comes after the other, as a second licence follows a first.
    case follows
    case amends
    case renews
    /// Carries out the other, a framework or an MOU.
    case implements
    /// An edition of the other, a series.
    case editionOf = "edition_of"

    /// Whether the other holds this one (`part_of`, `edition_of`): such links may not form a cycle.
    public var isContainment: Bool { self == .partOf || self == .editionOf }
}

/// The part a named person plays in a partnership.
public enum PersonRole: String, CaseIterable, Codable, Sendable {
    case signatory
    case spokesperson
    case attendee
    case speaker
}
