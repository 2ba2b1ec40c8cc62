/// The words a reader sees for a vocabulary value: `co_development` is
/// "Co-development", `government_agency` "Government agency". Reports show
/// these; JSON and the id columns of CSV keep the codes.
public protocol DisplayNamed: RawRepresentable<String>, CaseIterable {
    /// The value in words, capitalised as the first word of a label.
    var displayName: String { get }
}

extension DisplayNamed {
    /// The display name of the vocabulary value `code`, or `code` as it is.
    public static func displayName(of code: String) -> String {
        Self(rawValue: code)?.displayName ?? code
    }
}

extension OrganizationKind: DisplayNamed {
    public var displayName: String {
        switch self {
        case .globalPharma: "Global pharma"
        case .localPharma: "Local pharma"
        case .biotech: "Biotech"
        case .croCdmo: "CRO / CDMO"
        case .distributor: "Distributor"
        case .logistics: "Logistics"
        case .medtech: "Medtech"
        case .digitalHealth: "Digital health"
        case .governmentAgency: "Government agency"
        case .regulator: "Regulator"
        case .association: "Association"
        case .university: "University"
        case .researchInstitute: "Research institute"
        case .hospital: "Hospital"
        case .investor: "Investor"
        case .startup: "Start-up"
        case .other: "Other"
        }
    }
}

extension PartnershipForm: DisplayNamed {
    public var displayName: String {
        switch self {
        case .mou: "MOU"
        case .loi: "Letter of intent"
        case .license: "Licence"
        case .coDevelopment: "Co-development"
        case .coPromotion: "Co-promotion"
        case .distribution: "Distribution"
        case .exportContract: "Export contract"
        case .jointVenture: "Joint venture"
        case .investment: "Investment"
        case .grant: "Grant"
        case .program: "Programme"
        case .clinicalTrialAgreement: "Clinical trial agreement"
        case .manufacturing: "Manufacturing"
        case .framework: "Framework agreement"
        case .other: "Other"
        }
    }
}

extension PartnershipStatus: DisplayNamed {
    public var displayName: String {
        switch self {
        case .inTalks: "In talks"
        case .announced: "Announced"
        case .planned: "Planned"
        case .signed: "Signed"
        case .active: "Active"
        case .completed: "Completed"
        case .terminated: "Terminated"
        case .unknown: "Status unknown"
        }
    }
}

extension PartyRole: DisplayNamed {
    public var displayName: String {
        switch self {
        case .coDeveloper: "Co-developer"
        case .coHost: "Co-host"
        case .governmentCounterpart: "Government counterpart"
        case .researchPartner: "Research partner"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

extension ProductKind: DisplayNamed {
    public var displayName: String {
        switch self {
        case .digital: "Digital product"
        case .candidate: "Drug candidate"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

extension FinancialTermType: DisplayNamed {
    public var displayName: String {
        switch self {
        case .researchFunding: "Research funding"
        case .upfront: "Upfront payment"
        case .milestone: "Milestone payments"
        case .royalty: "Royalties"
        case .dealValue: "Deal value"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

extension Qualifier {
    /// How a text says it before the number: `about`, `at least`, `more than`, `up to`; nil when exact.
    public var phrase: String? {
        switch self {
        case .exactly: nil
        case .about: "about"
        case .atLeast: "at least"
        case .moreThan: "more than"
        case .upTo: "up to"
        }
    }
}

extension RelationKind: DisplayNamed {
    public var displayName: String {
        switch self {
        case .partOf: "Part of"
        case .follows: "Follows"
        case .amends: "Amends"
        case .renews: "Renews"
        case .implements: "Implements"
        case .editionOf: "Edition of"
        }
    }
}

extension PersonRole: DisplayNamed {
    public var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
