import AccordCore
import ToolSupport

/// Made-up names of organizations and products, from syllables and a few patterns.
enum Names {
    private static let heads = ["No", "Va", "Ro", "Ze", "Al", "Bel", "Cor", "Da", "Fe", "Gen", "Hel", "Is", "Ka", "Lu",
                                "Mer", "Nex", "Or", "Pra", "Qui", "Sa", "Te", "Ul", "Ver", "Xa", "Yo", "Zy", "Ar",
                                "Bi", "Ca", "Do", "El", "Fi", "Gal", "Ha", "In", "Jo", "Kel", "Lor", "Mi", "Na"]
    private static let middles = ["va", "ro", "li", "ne", "ta", "mo", "ri", "xa", "ce", "lo", "di", "ra", "no", "ze",
                                  "pha", "the", "vi", "ga", "bel", "sen"]
    private static let tails = ["rix", "gen", "nova", "cor", "lis", "tek", "med", "vant", "tis", "ra", "on", "ex",
                                "ia", "al", "is", "um", "os", "ent", "ica", "ar"]
    private static let koreanHeads = ["Han", "Dong", "Yu", "Bo", "Il", "Dae", "Jong", "Kun", "Sam", "Kwang", "Hyun",
                                      "Seo", "Jin", "Young", "Chong", "Ah", "Sin", "Hwa", "Kyung", "Sung", "Je", "Bu"]
    private static let koreanTails = ["mi", "a", "han", "ryung", "dong", "yang", "kun", "il", "jin", "sung", "won",
                                      "kook", "hwa", "woo", "do", "san", "lim", "young"]

    /// A company-like word: `Novarix`, `Belcor`; Korean-sounding for Korea: `Hanmi`.
    static func stem(_ random: inout SeededRandom, korean: Bool = false) -> String {
        if korean { return random.pick(koreanHeads) + random.pick(koreanTails) }
        let middle = random.chance(0.4) ? random.pick(middles) : ""
        return random.pick(heads) + middle + random.pick(tails)
    }

    private static let suffixes: [OrganizationKind: [String]] = [
        .globalPharma: ["", " Pharma", " Pharmaceuticals", " Healthcare", " Biopharma", " Life Sciences"],
        .localPharma: [" Pharmaceutical", " Pharm", " Pharma", " Pharmaceuticals", " Healthcare", " Medicine"],
        .biotech: [" Therapeutics", " Bio", " Biosciences", " Biologics", " Biotech", "gen"],
        .croCdmo: [" Biologics", " Bioservices", " Biolabs", " Pharma Services", " BioSolutions"],
        .distributor: [" Pharma Trading", " Healthcare Distribution", " Medical Supply", " Pharma Group", " Trading"],
        .logistics: [" Logistics", " Cold Chain", " Freight", " Express"],
        .medtech: [" Medical", " Devices", " Diagnostics", " Medtech", " Instruments"],
        .digitalHealth: [" Health", " AI", " Digital", " Care", " Healthcare AI"],
        .startup: [" Labs", " Bio", " AI", " Health", " Therapeutics"],
        .investor: [" Ventures", " Capital", " Investment", " Partners", " Life Science Fund"],
        .other: [" Consulting", " Foundation", " Group"],
    ]

    private static let agencies = ["Health Industry Development Institute", "Bio Industry Agency",
                                   "Biohealth Innovation Agency", "Ministry of Health", "Technopark",
                                   "Economic Development Board", "Trade-Investment Agency", "Biohealth Cluster Office",
                                   "Innovation Agency"]
    private static let regulators = ["Food and Drug Administration", "Medicines Agency", "Drug Regulatory Authority",
                                     "Ministry of Food and Drug Safety", "State Agency of Medicines",
                                     "Health Products Authority"]
    private static let associations = ["Pharmaceutical Industry Association", "Biotechnology Industry Organization",
                                       "Bio Cluster Association", "Medical Device Industry Association",
                                       "Life Sciences Association"]

    /// An organization's name for its kind and country.
    static func organization(_ kind: OrganizationKind, in country: Country, _ random: inout SeededRandom) -> String {
        let place = random.chance(0.5) ? country.name : random.pick(country.cities)
        switch kind {
        case .governmentAgency: return "\(place) \(random.pick(agencies))"
        case .regulator: return "\(country.name) \(random.pick(regulators))"
        case .association: return "\(place) \(random.pick(associations))"
        case .university:
            let city = random.pick(country.cities)
            switch random.below(5) {
            case 0: return "\(city) National University"
            case 1: return "\(city) University"
            case 2: return "University of \(city)"
            case 3: return "\(stem(&random)) University"
            default: return "\(city) Institute of Science and Technology"
            }
        case .researchInstitute:
            switch random.below(5) {
            case 0: return "\(stem(&random)) Institute"
            case 1: return "\(random.pick(country.cities)) Biomedical Institute"
            case 2: return "\(country.name) Institute of Health"
            case 3: return "\(place) Institute of Molecular Medicine"
            default: return "\(country.name) Research Institute of Bioscience"
            }
        case .hospital:
            let city = random.pick(country.cities)
            switch random.below(5) {
            case 0: return "\(city) University Hospital"
            case 1: return "\(stem(&random)) Medical Center"
            case 2: return "\(city) General Hospital"
            case 3: return "\(city) Cancer Center"
            default: return "\(city) Children's Hospital"
            }
        default:
            let korean = country.code == "KR" && kind != .globalPharma && random.chance(0.8)
            return stem(&random, korean: korean) + random.pick(suffixes[kind] ?? [""])
        }
    }

    /// Initials of the name's words, for an alias: `KHIDI`.
    static func acronym(_ name: String) -> String {
        name.split(separator: " ").filter { !["of", "and", "the", "for"].contains($0) }
            .compactMap { $0.first?.uppercased() }.joined()
    }
}

/// Products a partnership names.
enum ProductNames {
    private static let brandHeads = ["Zel", "Tenu", "Amo", "Rexa", "Vilo", "Duka", "Lora", "Pexi", "Nori", "Fima",
                                     "Cora", "Bexa", "Kana", "Tivo", "Olmi", "Sarta", "Ulto", "Gliva", "Mira", "Xelo",
                                     "Dapa", "Ruvi", "Teli", "Valo"]
    private static let brandTails = ["vora", "fix", "tan", "zol", "pril", "stat", "ra", "lex", "tide", "via", "din",
                                     "rex", "tor", "mune", "cort"]
    private static let antibodies = ["adalimumab", "trastuzumab", "bevacizumab", "aflibercept", "denosumab",
                                     "ustekinumab", "rituximab", "infliximab", "pegfilgrastim", "ranibizumab",
                                     "eculizumab", "tocilizumab"]
    private static let devices = ["glucose monitor", "infusion pump", "wound dressing", "stent", "inhaler",
                                  "ultrasound system", "diagnostic kit", "transdermal patch"]
    private static let digital = ["app", "AI imaging platform", "remote monitoring platform", "digital therapeutic",
                                  "data platform", "clinical decision support software"]
    private static let technologies = ["antibody-drug conjugate platform", "mRNA delivery platform",
                                       "long-acting injectable technology", "oral peptide delivery technology",
                                       "bispecific antibody platform", "cell therapy platform"]
    private static let services = ["trial support services", "cold-chain services", "contract development services",
                                   "genomic profiling services", "regulatory consulting services",
                                   "pharmacovigilance services"]

    static func brand(_ random: inout SeededRandom) -> String {
        random.pick(brandHeads) + random.pick(brandTails) + (random.chance(0.1) ? random.pick([" XR", " Plus"]) : "")
    }

    static func code(_ random: inout SeededRandom) -> String {
        let letters = Array("ABCDEGHJKLMNPRSTVY")
        return String(letters[random.below(letters.count)]) + String(letters[random.below(letters.count)])
            + "-" + String(random.int(100...4999))
    }

    static func name(_ kind: ProductKind, indication: String, _ random: inout SeededRandom) -> String {
        switch kind {
        case .drug: return brand(&random)
        case .candidate: return random.chance(0.8) ? code(&random) : "Next-generation \(indication) candidates"
        case .biosimilar:
            return random.chance(0.5) ? "\(code(&random)) (\(random.pick(antibodies)) biosimilar)"
                : "\(random.pick(antibodies).capitalizedFirst) biosimilar"
        case .vaccine: return "\(indication.capitalizedFirst) vaccine"
        case .device: return "\(brand(&random)) \(random.pick(devices))"
        case .digital: return "\(brand(&random)) \(random.pick(digital))"
        case .technology: return "\(brand(&random)) \(random.pick(technologies))"
        case .service: return random.pick(services).capitalizedFirst
        case .other: return "Patient support scheme"
        }
    }
}

/// Indications by therapeutic area, the areas weighted as deals are.
enum Indications {
    static let byArea: [(area: String, weight: Double, indications: [String])] = [
        ("oncology", 30, ["lung cancer", "breast cancer", "gastric cancer", "liver cancer", "colorectal cancer",
                          "pancreatic cancer", "hematologic cancer", "solid tumours"]),
        ("infectious disease", 12, ["influenza", "pneumococcal disease", "tuberculosis", "COVID-19", "hepatitis B",
                                    "dengue", "RSV infection"]),
        ("cardiovascular", 10, ["hypertension", "dyslipidemia", "heart failure", "thrombosis"]),
        ("metabolic", 10, ["type 2 diabetes", "obesity", "NASH"]),
        ("immunology", 8, ["rheumatoid arthritis", "psoriasis", "lupus"]),
        ("neurology", 8, ["Alzheimer's disease", "Parkinson's disease", "migraine", "epilepsy"]),
        ("rare disease", 6, ["Fabry disease", "hemophilia A", "spinal muscular atrophy", "Gaucher disease"]),
        ("respiratory", 5, ["asthma", "COPD", "idiopathic pulmonary fibrosis"]),
        ("dermatology", 4, ["atopic dermatitis", "chronic wounds"]),
        ("ophthalmology", 3, ["wet AMD", "diabetic macular edema"]),
        ("gastroenterology", 4, ["reflux esophagitis", "ulcerative colitis", "Crohn's disease"]),
    ]

    static let areas = Weighted(byArea.map { ($0.area, $0.weight) })

    static func indications(of area: String) -> [String] {
        byArea.first { $0.area == area }?.indications ?? ["cancer"]
    }
}
