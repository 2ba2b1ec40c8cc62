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
    public func run(asOf day: CalendarDay? = nil, threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)) throws
        -> ClassificationRun?
    {
        let rulebook = try Rulebook(workspace: workspace, store: store, asOf: day ?? workspace.today(), limits: limits)
        guard let (plan, set) = try plan(rulebook), plan.partnerships > 0 else { return nil }
        let width = max(1, min(threads, plan.partnerships / Self.batchSize + 1))
        let extra = try (1..<width).map { _ in
            let more = try Rulebook(workspace: workspace, store: store, asOf: day ?? workspace.today(), limits: limits)
            try more.engine.activate(set)
            return more.engine
        }
        let classifier = ParallelClassifier(engines: [rulebook.engine] + extra)
        let started = Date()
        let id = ClassificationRun.newID(at: started)
        var pending: PendingClassification?
        func finish() throws -> [String: [AssignedLabel]] {
            guard let batch = pending else { return [:] }
            pending = nil
            var labels: [String: [AssignedLabel]] = [:]
            for c in try batch.wait() {
                if !c.conflicts.isEmpty {
                    throw RuleProblems(c.conflicts.map { RuleProblem("", "partnership \(c.partnership): \($0)") })
                }
                labels[c.partnership] = c.assignedLabels(set: set, run: id)
            }
            return labels
        }
        let run = ClassificationRun(id: id, started: started, finished: started, packs: plan.packs, partnerships: 0, labels: 0)
        var filter = PartnershipFilter()
        if !plan.all { filter.unclassified = true }
        return try store.saveClassification(run, filter: filter, order: .id, size: Self.batchSize, { batch in
            let labels = try finish()
            pending = classifier.start(batch)
            return labels
        }, remaining: finish)
    }

    static let batchSize = 2000
}

extension RuleSet {
    /// The packs as a saved run records them: `standard 1.0.0 sha256:…, team 0.2.0 sha256:…`.
    public var runDescription: String { packs.map { "\($0.title) \($0.digest)" }.joined(separator: ", ") }
}

extension Classification {
    /// The labels to save for this classification in run `run`, each stamped with the
    /// rule, pack, version and digest that gave it, or marked as set by hand.
    public func assignedLabels(set: RuleSet, run: String) -> [AssignedLabel] {
        labels.enumerated().map { i, label in
            guard let firing = reason(for: label), let rule = set.rule(id: firing.rule), let pack = set.pack(named: rule.pack) else {
                return AssignedLabel(label: label, isPrimary: i == 0, origin: .manual, runID: run)
            }
            return AssignedLabel(label: label, isPrimary: i == 0, origin: .rule, rule: rule.id, pack: pack.name,
                                 packVersion: "\(pack.version)", packDigest: pack.digest, evidence: firing.evidence, runID: run)
        }
    }
}
