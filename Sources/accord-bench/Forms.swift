import AccordCore
import ToolSupport

/// The topics a partnership can be about.
enum TopicName: Sendable {
    case rnd, licensing, export, distribution, training, regulatory, clinical, manufacturing, investment
    case openInnovation, digitalHealth, vaccines, biosimilars, oncology, precisionMedicine, logistics, rareDisease
    case government, events

    static let any = Weighted(all.map { ($0, 1.0) })
    static let all: [TopicName] = [.rnd, .licensing, .export, .distribution, .training, .regulatory, .clinical,
                                   .manufacturing, .investment, .openInnovation, .digitalHealth, .vaccines,
                                   .biosimilars, .oncology, .precisionMedicine, .logistics, .rareDisease,
                                   .government, .events]

    var topic: Topic {
        switch self {
        case .rnd: Topics.rnd
        case .licensing: Topics.licensing
        case .export: Topics.export
        case .distribution: Topics.distribution
        case .training: Topics.training
        case .regulatory: Topics.regulatory
        case .clinical: Topics.clinical
        case .manufacturing: Topics.manufacturing
        case .investment: Topics.investment
        case .openInnovation: Topics.openInnovation
        case .digitalHealth: Topics.digitalHealth
        case .vaccines: Topics.vaccines
        case .biosimilars: Topics.biosimilars
        case .oncology: Topics.oncology
        case .precisionMedicine: Topics.precisionMedicine
        case .logistics: Topics.logistics
        case .rareDisease: Topics.rareDisease
        case .government: Topics.government
        case .events: Topics.events
        }
    }
}

/// How often a part of a partnership is present.
struct Chances: Sendable {
    let products, financials, figures, territories, abroad: Double
}

/// What partnerships of one form look like: how common the form is, what they are
/// about, who takes part in which role, how they are worded and what they hold.
struct FormProfile: Sendable {
    let form: PartnershipForm
    let weight: Double
    /// The form as a word of the partnership's id.
    let idWord: String
    let topics: Weighted<TopicName>
    let lead: PartySlot
    let second: PartySlot
    let extra: PartySlot
    let opening: Template
    let titles: [Template]
    /// Titles for a partnership that names a product.
    var productTitles: [Template] = []
    let chances: Chances
    let financials: Weighted<FinancialTermType>
    var tag: String? = nil
}

enum Kinds {
    static let pharma: [(OrganizationKind, Double)] = [(.globalPharma, 4), (.localPharma, 4), (.biotech, 3)]
    static let signatories: [(OrganizationKind, Double)] = [
        (.globalPharma, 3), (.localPharma, 3), (.biotech, 2), (.governmentAgency, 2), (.association, 1),
        (.university, 1), (.hospital, 1), (.distributor, 1), (.researchInstitute, 1), (.medtech, 1)]
    static let any: [(OrganizationKind, Double)] = OrganizationKind.allCases.map {
        ($0, [.globalPharma, .localPharma, .biotech].contains($0) ? 3 : [.hospital, .university].contains($0) ? 2 : 1)
    }
}
