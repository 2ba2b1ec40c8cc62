import AccordCore
import Foundation

/// Brings the saved labels up to date, as reports need them: the partnerships
/// new or changed since they were classified (every partnership, when the
/// workspace's packs are not those of the last saved run) are classified with
/// the workspace's packs and saved as one run, as `classify --save` saves them.
public struct LabelUpdate {
    public let workspace: Workspace
    public let store: Store
    public let limits: ScriptLimits

    public init(workspace: Workspace, store: Store, limits: ScriptLimits) {
        self.workspace = workspace
        self.store = store
        self.limits = limits
    }

    /// What an update found to do.
    public struct Plan: Sendable {
        /// The packs, as a run records them: `standard 1.0.0 sha256:…, team 0.2.0 sha256:…`.
        public var packs: String
        /// Partnerships to classify; 0 when the labels are up to date.
        public var partnerships: Int
        /// Whether every partnership is classified, the packs having changed since the last run.
        public var all: Bool
    }

    /// Checks the packs as `classify` does and says what is out of date; nil when the
    /// workspace applies no packs. Leaves `rulebook` with the packs active.
    public func plan(_ rulebook: Rulebook) throws -> (plan: Plan, set: RuleSet)? {
        guard !workspace.config.packs.isEmpty else { return nil }
        let set = try rulebook.prepare()
        let packs = set.runDescription
        let (newest, changed) = try store.classificationState()
        if let newest, newest.packs == packs {
            return (Plan(packs: packs, partnerships: changed, all: false), set)
        }
        return (Plan(packs: packs, partnerships: try store.count(), all: true), set)
    }

    /// Classifies what `plan` found out of date and saves it as one run, which it
    /// returns; nil when nothing was out of date. `threads` engines share the work
    /// when there is enough of it.
    @discardableResult
    public func run(asOf day: CalendarDay? = nil, threads: Int = Classifier.defaultWidth) throws -> ClassificationRun? {
        try update(asOf: day, threads: threads).saved
    }

    /// What an update did: the run it saved, if any, and what the packs call their labels.
    public struct Outcome {
        public var saved: ClassificationRun?
        public var labelNames: [String: String]
    }

    /// Classifies what `plan` found out of date, as `run` does, and says what the packs call
    /// their labels (for reports).
    public func update(asOf day: CalendarDay? = nil, threads: Int = Classifier.defaultWidth) throws -> Outcome {
        let load = { try Rulebook(workspace: workspace, store: store, asOf: day ?? workspace.today(), limits: limits) }
        let rulebook = try load()
        guard let (plan, set) = try plan(rulebook) else { return Outcome(saved: nil, labelNames: [:]) }
        guard plan.partnerships > 0 else { return Outcome(saved: nil, labelNames: set.labelNames) }
        let width = max(1, min(threads, plan.partnerships / Self.batchSize + 1))
        let classifier = try Classifier(set: set, store: store, rulebook: rulebook, width: width, more: load)
        let saved = try classifier.classify(try request(for: plan)).saved
        return Outcome(saved: saved, labelNames: set.labelNames)
    }

    /// What `update` asks the classifier: the partnerships `plan` found out of date, the
    /// organizations shared when they are as many as there are organizations. `plan` has
    /// counted them: counting them again, each partnership looked up among those classified
    /// in the order of its id, took 1.4 s at a million partnerships.
    func request(for plan: Plan) throws -> ClassifyRequest {
        var filter = PartnershipFilter()
        if !plan.all { filter.unclassified = true }
        var request = ClassifyRequest(filter: filter, order: .stored, save: true, batchSize: Self.batchSize)
        request.sharesOrganizations = try ParallelClassifier.worthSharingOrganizations(classifying: plan.partnerships, in: store)
        return request
    }

    static let batchSize = 2000
}
