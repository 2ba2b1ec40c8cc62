import AccordCore
import ToolSupport

/// What a partnership is about: the words of its title, summary and tags, the
/// products it names, the figures a programme reports and a party it tends to add.
/// Classification rules read these words, so each topic keeps its own.
struct Topic: Sendable {
    let subjects: [Template]
    let sentences: [Template]
    let tags: [String]
    let products: Weighted<ProductKind>
    /// Therapeutic areas; nil for any.
    var areas: [String]? = nil
    var figures: [FigureKey] = [.participants, .organizations]
    var party: PartySlot? = nil
}

/// A party's role and the kinds of organization likely to play it.
struct PartySlot: Sendable {
    let role: PartyRole
    let kinds: Weighted<OrganizationKind>

    init(_ role: PartyRole, _ kinds: [(OrganizationKind, Double)]) {
        self.role = role
        self.kinds = Weighted(kinds)
    }
}

enum Topics {
    static let rnd = Topic(
        subjects: ["joint research on {area} candidates", "{area} drug discovery", "R&D in {area}",
                   "translational research in {indication}", "biomarker research for {indication}"],
        sentences: ["{a} and {b} will jointly research new {area} candidates up to the preclinical stage.",
                    "The partners share compound libraries and screening data to speed up drug discovery.",
                    "{b} contributes its platform technology while {a} funds the research.",
                    "Scientists from both sides will run translational studies on biomarkers for {indication}.",
                    "The work covers co-development up to the selection of a clinical candidate."],
        tags: ["r-and-d", "drug-discovery", "preclinical", "translational-research", "biomarkers", "co-development"],
        products: Weighted([(.candidate, 6), (.technology, 2), (.drug, 1)]),
        figures: [.researchers, .projects, .organizations],
        party: PartySlot(.researchPartner, [(.university, 3), (.researchInstitute, 3), (.hospital, 2)]))

    static let licensing = Topic(
        subjects: ["rights to {product}", "a {area} technology licence", "out-licensing of a {area} asset",
                   "in-licensing for {market}"],
        sentences: ["{a} grants {b} exclusive rights to develop and commercialize {product} in {market}.",
                    "Under the licence, {b} takes over filings and sales while {a} keeps rights elsewhere.",
                    "The deal includes an upfront payment, development milestones and tiered royalties on net sales.",
                    "It is one of the larger technology transfer deals for a {country} company in {area}.",
                    "{a} keeps supplying the active ingredient to its licensee."],
        tags: ["licensing", "technology-transfer", "out-licensing", "in-licensing", "exclusive"],
        products: Weighted([(.drug, 4), (.candidate, 4), (.technology, 2), (.biosimilar, 1)]))

    static let export = Topic(
        subjects: ["exports of {product} to {market}", "market entry in {market}", "overseas expansion in {market}",
                   "an export partnership for {market}"],
        sentences: ["The contract opens {market} to {a's} products, with {b} handling registration and local sales.",
                    "{a} aims to double its overseas revenue by entering {market} through this partnership.",
                    "The agreement covers market access, pricing dossiers and tenders in {market}.",
                    "Exports are expected to start once local approval is granted, within about {n} months.",
                    "Both companies see {market} as a priority region for market expansion."],
        tags: ["export", "market-entry", "market-access", "overseas-expansion"],
        products: Weighted([(.drug, 5), (.device, 2), (.biosimilar, 2)]),
        figures: [.countries, .organizations],
        party: PartySlot(.distributor, [(.distributor, 1)]))

    static let distribution = Topic(
        subjects: ["distribution of {product} in {market}", "a commercial partnership for {product}",
                   "sales and distribution in {market}"],
        sentences: ["{b} will distribute {product} through its sales network in {market}.",
                    "{b} takes charge of warehousing, hospital sales and pharmacy channels in {market}.",
                    "The partners will co-market the brand and share commercialization costs.",
                    "{a} keeps the marketing authorization while {b} handles promotion to physicians."],
        tags: ["distribution", "commercialization", "co-promotion", "sales-network"],
        products: Weighted([(.drug, 6), (.device, 2), (.biosimilar, 2), (.vaccine, 1)]),
        party: PartySlot(.distributor, [(.distributor, 3), (.logistics, 1)]))

    static let training = Topic(
        subjects: ["a training course for {market} professionals", "pharmaceutical workforce training",
                   "an academy for industry staff", "capacity building in {market}"],
        sentences: ["The programme trains pharmacists and industry staff from {market} in quality systems.",
                    "Participants attend lectures, site visits and hands-on workshops in {city}.",
                    "{a} provides instructors and course materials, and {b} selects the trainees.",
                    "The courses aim at long-term capacity building and workforce development.",
                    "Graduates join an alumni network that {a} supports with follow-up education."],
        tags: ["training", "education", "capacity-building", "workforce", "academy"],
        products: Weighted([(.service, 1)]),
        figures: [.participants, .officials, .countries, .editions],
        party: PartySlot(.participant, [(.regulator, 2), (.hospital, 1), (.university, 1)]))

    static let regulatory = Topic(
        subjects: ["regulatory cooperation on {area} products", "regulatory harmonisation with {market}",
                   "faster approvals for innovative medicines", "GMP inspection reliance"],
        sentences: ["{a} and {b} will exchange information on approvals, inspections and pharmacovigilance.",
                    "Regulators from {market} meet {country} officials to align review standards.",
                    "The arrangement supports mutual recognition of GMP inspections and reliance on reference approvals.",
                    "It is part of a wider health policy dialogue between the two governments.",
                    "A joint working group will review fast-track pathways for {area} products."],
        tags: ["regulatory", "gmp", "approval", "pharmacovigilance", "reliance"],
        products: Weighted([(.service, 1)]),
        figures: [.officials, .countries],
        party: PartySlot(.governmentCounterpart, [(.regulator, 1)]))

    static let clinical = Topic(
        subjects: ["clinical trials of {product}", "a Phase {phase} clinical trial in {indication}",
                   "a clinical trial site network", "a multinational clinical study in {area}"],
        sentences: ["{b} will run the trial at sites in {market}, with {a} as sponsor.",
                    "The study enrols patients with {indication} in a randomized Phase {phase} design.",
                    "The partners will share patient recruitment, data management and monitoring.",
                    "Results are expected to support marketing applications in {market}.",
                    "The site network shortens start-up times for first-in-patient studies."],
        tags: ["clinical-trial", "clinical-research", "phase-1", "phase-2", "phase-3", "site-network"],
        products: Weighted([(.candidate, 6), (.drug, 3), (.vaccine, 1)]),
        figures: [.trials, .organizations, .participants],
        party: PartySlot(.researchPartner, [(.hospital, 4), (.croCdmo, 2), (.university, 1)]))

    static let manufacturing = Topic(
        subjects: ["contract manufacturing of {product}", "a CDMO partnership for biologics",
                   "manufacturing technology transfer", "a new production plant in {city}"],
        sentences: ["{b} will manufacture {product} at its plant in {city} under a long-term supply agreement.",
                    "The contract covers process development, fill-finish and commercial-scale production.",
                    "{a} transfers its manufacturing technology so that {b} can produce batches locally.",
                    "Capacity at the site is to grow to {n},000 litres of bioreactor volume.",
                    "The plant is designed to meet EU and US GMP standards."],
        tags: ["manufacturing", "cdmo", "cmo", "biologics", "supply", "gmp"],
        products: Weighted([(.drug, 3), (.biosimilar, 3), (.vaccine, 2), (.service, 2)]),
        party: PartySlot(.manufacturer, [(.croCdmo, 1)]))

    static let investment = Topic(
        subjects: ["growth capital for {b}", "an equity stake in a {area} platform", "venture funding in {area}",
                   "a new site in {city}"],
        sentences: ["{a} takes an equity stake in {b} to fund its {area} pipeline.",
                    "The financing round is led by {a} with participation from existing shareholders.",
                    "Proceeds will fund clinical development and hiring over the next {n} years.",
                    "The investment makes {a} the largest outside shareholder of {b}.",
                    "The foreign investment adds a new site in {city} with about {n}0 jobs."],
        tags: ["investment", "equity", "venture-capital", "series-b", "foreign-investment"],
        products: Weighted([(.candidate, 3), (.technology, 2), (.digital, 1)]),
        figures: [.projects, .organizations],
        party: PartySlot(.investor, [(.investor, 1)]))

    static let openInnovation = Topic(
        subjects: ["open innovation with {area} start-ups", "a start-up accelerator in {city}",
                   "partnering with biotech start-ups", "an innovation hub in {city}"],
        sentences: ["{a} runs an open innovation scheme that selects start-ups working on {area}.",
                    "Selected teams receive mentoring, lab space in {city} and access to {a's} experts.",
                    "The accelerator ends with a demo day where winners pitch to partnering teams.",
                    "The hub links biotech ventures with investors, hospitals and global partners.",
                    "Promising projects may lead to co-development or licensing deals."],
        tags: ["open-innovation", "startup", "accelerator", "partnering", "mentoring", "incubation"],
        products: Weighted([(.technology, 2), (.digital, 2)]),
        figures: [.projects, .winners, .editions, .participants],
        party: PartySlot(.participant, [(.startup, 1)]))

    static let digitalHealth = Topic(
        subjects: ["digital health solutions for {indication}", "AI-based diagnostics in {area}",
                   "a healthcare data platform", "remote patient monitoring"],
        sentences: ["{b} will build a digital platform for patients with {indication}, linked to {a's} services.",
                    "The partners use AI and real-world healthcare data to support diagnosis and treatment decisions.",
                    "A mobile app and wearable sensors let physicians monitor patients remotely.",
                    "Data are anonymised and hosted on a secure cloud platform in {country}."],
        tags: ["digital-health", "ai", "healthcare-data", "iot", "big-data", "digital-therapeutics", "medtech"],
        products: Weighted([(.digital, 6), (.device, 2), (.technology, 2)]),
        party: PartySlot(.collaborator, [(.digitalHealth, 3), (.medtech, 1)]))

    static let vaccines = Topic(
        subjects: ["a vaccine against {indication}", "vaccine supply to {market}", "vaccine technology transfer"],
        sentences: ["The partners will develop a vaccine against {indication} and seek approval in {market}.",
                    "{b} supplies doses to national immunization schemes in {market}.",
                    "The agreement includes fill-finish and quality control at {b's} vaccine plant.",
                    "Pandemic preparedness funding backs the late-stage work."],
        tags: ["vaccine", "immunization", "infectious-disease", "mrna", "pandemic-preparedness"],
        products: Weighted([(.vaccine, 8), (.technology, 2)]),
        areas: ["infectious disease"])

    static let biosimilars = Topic(
        subjects: ["biosimilars for {area}", "a biosimilar portfolio for {market}", "biosimilar antibodies"],
        sentences: ["The partners will develop biosimilars of leading antibody drugs for {area}.",
                    "{b} holds commercial rights to the biosimilar portfolio in {market}.",
                    "Comparability studies and the analytical package are handled jointly.",
                    "Biosimilar uptake is expected to lower treatment costs for public insurers."],
        tags: ["biosimilar", "antibody", "biologics", "affordable-medicines"],
        products: Weighted([(.biosimilar, 1)]),
        areas: ["oncology", "immunology", "ophthalmology"])

    static let oncology = Topic(
        subjects: ["an immuno-oncology combination in {indication}", "new treatments for {indication}",
                   "antibody-drug conjugates for solid tumours"],
        sentences: ["The collaboration targets {indication}, where patients have few treatment options.",
                    "The partners will test the drug in combination with an immune checkpoint inhibitor.",
                    "Biomarker-selected patients will be enrolled to find those most likely to respond.",
                    "The antibody-drug conjugate platform of {b} is combined with {a's} payload chemistry."],
        tags: ["oncology", "immuno-oncology", "adc", "combination-therapy", "solid-tumours"],
        products: Weighted([(.candidate, 4), (.drug, 3), (.technology, 1)]),
        areas: ["oncology"])

    static let precisionMedicine = Topic(
        subjects: ["a precision medicine ecosystem", "genomic profiling for {indication}", "companion diagnostics"],
        sentences: ["The partners bring comprehensive genomic profiling into routine care for {indication}.",
                    "A shared genome database will guide targeted therapy choices.",
                    "{b} develops a companion diagnostic alongside {a's} targeted therapy."],
        tags: ["precision-medicine", "genomics", "companion-diagnostics", "biomarkers"],
        products: Weighted([(.service, 2), (.technology, 2), (.device, 1)]),
        areas: ["oncology", "rare disease"])

    static let logistics = Topic(
        subjects: ["cold-chain logistics for {market}", "a healthcare supply chain", "temperature-controlled transport"],
        sentences: ["{b} provides temperature-controlled storage and transport for biologics in {market}.",
                    "The partners build a cold-chain hub near {city} to serve hospitals and wholesalers.",
                    "Track-and-trace systems cover every shipment from plant to pharmacy."],
        tags: ["logistics", "cold-chain", "supply-chain", "import"],
        products: Weighted([(.service, 1)]),
        party: PartySlot(.distributor, [(.logistics, 1)]))

    static let rareDisease = Topic(
        subjects: ["treatments for rare diseases", "orphan drug access in {market}", "gene therapy for {indication}"],
        sentences: ["The partners target {indication}, a rare disease with no approved therapy in {market}.",
                    "An early access scheme gives patients the drug before local approval.",
                    "{a} contributes its gene therapy vector, and {b} its patient registry."],
        tags: ["rare-disease", "orphan-drug", "gene-therapy", "patient-access"],
        products: Weighted([(.drug, 2), (.candidate, 3)]),
        areas: ["rare disease"])

    static let government = Topic(
        subjects: ["public-private collaboration in bio-health", "bio-industry ties with {market}",
                   "a health industry dialogue"],
        sentences: ["{a} and {b} agree to deepen cooperation in the bio-health industry.",
                    "The accord follows a state visit and sets up an annual ministerial dialogue.",
                    "Government support covers joint projects, fairs and exchanges of experts.",
                    "The two sides will share policy experience on drug pricing and reimbursement."],
        tags: ["government", "public-private", "bilateral-ties", "industrial-policy"],
        products: Weighted([(.service, 1)]),
        figures: [.officials, .organizations, .projects],
        party: PartySlot(.governmentCounterpart, [(.governmentAgency, 1)]))

    static let events = Topic(
        subjects: ["a bio partnering conference in {city}", "a life sciences forum in {city}", "a trade mission to {market}",
                   "a pharmaceutical exhibition in {city}"],
        sentences: ["The forum brought companies, investors and officials from {market} to {city}.",
                    "A trade mission led by {a} met potential partners and buyers during the event.",
                    "One-to-one meetings at the conference matched {n}0 companies with local counterparts.",
                    "Panels covered market trends, deal-making and regulatory updates.",
                    "The exhibition featured a national pavilion with {n} exhibitors."],
        tags: ["conference", "forum", "exhibition", "trade-mission", "networking", "delegation"],
        products: Weighted([(.service, 1)]),
        figures: [.participants, .organizations, .countries, .editions],
        party: PartySlot(.participant, [(.association, 2), (.governmentAgency, 1)]))

    static let all: [Topic] = [rnd, licensing, export, distribution, training, regulatory, clinical, manufacturing,
                               investment, openInnovation, digitalHealth, vaccines, biosimilars, oncology,
                               precisionMedicine, logistics, rareDisease, government, events]

    /// Sentences with none of the words rules look for, to bring a summary to length.
    static let fillers: [Template] = [
        "Financial terms were not disclosed.",
        "Terms were not disclosed.",
        "The parties will review progress every year.",
        "A joint steering committee oversees the work.",
        "Further phases may follow if the first results are positive.",
        "The agreement runs for an initial term of {n} years and can be extended.",
        "Both sides named project leads and agreed on a shared work plan.",
        "The announcement was made at a ceremony in {city}.",
        "Details of the scope were published in a joint statement.",
        "The partners expect first results within {n} months.",
        "Local media described the deal as a sign of closer ties between the two countries.",
        "It builds on earlier contacts between the two organizations.",
        "Each party bears its own costs unless agreed otherwise.",
        "A second stage is planned once the first milestones are met.",
        "Neither side gave a timetable beyond the first year.",
    ]

    /// Tags any partnership may carry.
    static let generalTags = ["partnership", "bio-health", "pharma", "healthcare", "life-sciences", "biotech",
                              "collaboration", "strategic"]
}
