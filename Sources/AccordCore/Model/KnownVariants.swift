/// Other spellings people give for values of the vocabularies and code lists,
/// where edit distance would find nothing or the wrong word (`licenser` is as close
/// to `licensee`, the other party, as to `licensor`). Keys are lower case; a value
/// is suggested only where it is one of the candidates.
enum KnownVariants {
    static func of(_ word: String) -> [String]? { table[word.lowercased()] }

    private static let table: [String: [String]] = [
        // roles
        "licenser": ["licensor"], "licencer": ["licensor"], "licencor": ["licensor"], "licencee": ["licensee"],
        "cohost": ["co_host"], "codeveloper": ["co_developer"], "partner": ["collaborator", "research_partner"],
        "government": ["government_counterpart", "government_agency"], "grantor": ["funder"], "grantee": ["beneficiary"],
        "sponser": ["sponsor"], "investee_company": ["investee"], "supplier": ["manufacturer", "distributor"],
        // forms
        "licensing": ["license"], "licence_agreement": ["license"], "license_agreement": ["license"],
        "memorandum": ["mou"], "memorandum_of_understanding": ["mou"], "letter_of_intent": ["loi"],
        "jv": ["joint_venture"], "codevelopment": ["co_development"], "copromotion": ["co_promotion"],
        "export": ["export_contract"], "cta": ["clinical_trial_agreement"], "programme": ["program"],
        // organization kinds
        "pharma": ["global_pharma", "local_pharma"], "pharmaceutical": ["global_pharma", "local_pharma"],
        "cro": ["cro_cdmo"], "cdmo": ["cro_cdmo"], "cmo": ["cro_cdmo"], "agency": ["government_agency"],
        "ministry": ["government_agency"], "institute": ["research_institute"], "vc": ["investor"],
        "medical_device": ["medtech"],
        // statuses
        "negotiating": ["in_talks"], "ended": ["completed"], "finished": ["completed"],
        "cancelled": ["terminated"], "canceled": ["terminated"],
        // product kinds and financial terms
        "medicine": ["drug"], "pipeline": ["candidate"], "equity": ["investment"], "upfront_payment": ["upfront"],
        "milestones": ["milestone"], "royalties": ["royalty"], "funding": ["research_funding"], "award": ["prize"],
        // country codes
        "uk": ["GB"], "el": ["GR"], "ko": ["KR"],
        // currencies
        "won": ["KRW"], "yen": ["JPY"], "rmb": ["CNY"], "euro": ["EUR"], "ntd": ["TWD"], "dong": ["VND"],
        "rupiah": ["IDR"], "baht": ["THB"], "us$": ["USD"],
        // territory groups
        "latam": ["LATIN_AMERICA"], "worldwide": ["GLOBAL"], "world": ["GLOBAL"], "european_union": ["EU"],
    ]
}
