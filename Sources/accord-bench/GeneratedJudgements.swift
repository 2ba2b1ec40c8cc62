import AccordCore

/// What each generated partnership was made to be about, as a gold file `accord rules score`
/// reads: the label of its form and of its main topic, the form's first. It is the generator's
/// intent, not an analyst's reading of the words, so a score against it measures how fast
/// scoring is rather than how good the pack is.
enum GeneratedJudgements {
    static let columns = ["partnership", "labels", "primary", "note"]

    /// The row of partnership `id`, made with `form` about `topic`.
    static func row(id: String, form: PartnershipForm, topic: TopicName) -> [String] {
        var labels = [label(of: form), label(of: topic)].compactMap { $0 }.uniqued
        if labels.isEmpty { labels = ["networking"] }
        return [id, labels.joined(separator: ";"), labels[0], "generated: \(form.rawValue) about \(topic)"]
    }

    private static func label(of form: PartnershipForm) -> String? {
        switch form {
        case .license: "licensing"
        case .coDevelopment: "rnd"
        case .coPromotion, .distribution: "co_promotion"
        case .exportContract: "export"
        case .jointVenture, .investment: "investment"
        case .clinicalTrialAgreement: "clinical_trials"
        case .manufacturing: "manufacturing"
        default: nil
        }
    }

    private static func label(of topic: TopicName) -> String? {
        switch topic {
        case .rnd: "rnd"
        case .licensing: "licensing"
        case .export: "export"
        case .distribution: "co_promotion"
        case .training: "training"
        case .regulatory, .government: "policy"
        case .clinical: "clinical_trials"
        case .manufacturing: "manufacturing"
        case .investment: "investment"
        case .openInnovation, .digitalHealth: "open_innovation"
        case .events: "networking"
        case .vaccines, .biosimilars, .oncology, .precisionMedicine, .logistics, .rareDisease: nil
        }
    }
}
