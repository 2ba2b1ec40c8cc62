import AccordCore
import Foundation

/// Applies a rule set to the partnerships of a store, batch by batch, on one
/// engine per thread, and saves the labels as one run when asked: what
/// `classify` does, and what brings the labels up to date before a report.
public final class Classifier {
    /// The rules applied.
    public let set: RuleSet
    private let store: Store
    private let engines: ParallelClassifier

    /// Classifies with `rulebook`'s engine (which must have `set` active) and
    /// `width - 1` more, each made by `more` with `set` then activated on it,
    /// all evaluating the rules as `evaluation` says.
    public init(set: RuleSet, store: Store, rulebook: Rulebook, width: Int, evaluation: RuleEvaluation = .compiled,
                more: () throws -> Rulebook) throws {
        precondition(width >= 1)
        self.set = set
        self.store = store
        rulebook.engine.evaluation = evaluation
        let extra = try (1..<width).map { _ in
            let engine = try more().engine
            try engine.activate(set)
            engine.evaluation = evaluation
            return engine
        }
        engines = ParallelClassifier(engines: [rulebook.engine] + extra)
    }

    /// How many engines share the work.
    public var width: Int { engines.width }

    /// One engine per core, at most 8.
    public static var defaultWidth: Int { min(ProcessInfo.processInfo.activeProcessorCount, 8) }

    /// Classifies what `request` selects, calling `each` with every classification
    /// in the request's order; saves the labels as one run when the request says so. Ids it names
    /// but does not select (no such partnership, or one its other conditions leave out) stop it
    /// first (`ClassifyOutcome.missing`).
    /// A partnership on which rules of a `unique` pack fired together is an error,
    /// and then nothing is saved.
    public func classify(_ request: ClassifyRequest,
                         each: (Classification) throws -> Void = { _ in }) throws -> ClassifyOutcome {
        let started = request.started
        let runID = ClassificationRun.newID(at: started)
        var outcome = ClassifyOutcome(width: width)
        if let ids = request.filter.ids {
            outcome.missing = Set(ids).subtracting(try store.partnershipIDs(request.filter)).sorted()
            guard outcome.missing.isEmpty else { return outcome }
        }
        // The batches on the engines, the oldest first.
        var pending: [PendingClassification] = []
        let stamps = RuleStamps(set)
        // The classifications reported are freed on another thread: this one, which reads, sets the pace.
        let freeing = Freeing("accord.classify.reported")
        defer { freeing.finish() }
        /// Waits for the oldest batch on the engines, and returns its labels.
        func finishOldest() throws -> BatchLabels {
            guard !pending.isEmpty else { return [] }
            var labels: BatchLabels = []
            try pending[0].forEach { c, made in
                if !c.conflicts.isEmpty {
                    throw RuleProblems(c.conflicts.map { RuleProblem("", "partnership \(c.partnership): \($0)") })
                }
                try each(c)
                if let made { labels.append((c.partnership, made)) }
                outcome.partnerships += 1
            }
            // Handed over whole: no reference is left here to free it on this thread.
            freeing.free(pending.removeFirst())
            return labels
        }
        /// Waits for every batch on the engines, and returns their labels.
        func finish() throws -> BatchLabels {
            var labels: BatchLabels = []
            while !pending.isEmpty { labels += try finishOldest() }
            return labels
        }
        // The organizations are read after the first batch, whose labels are saved only if the
        // data is still as it was read.
        let share = try request.sharesOrganizations ?? ParallelClassifier.worthSharingOrganizations(request.filter, in: store)
        var shared = false
        defer {
            if shared {
                for batch in pending { _ = try? batch.wait() } // a run that failed may leave batches on the engines
                try? engines.share(organizations: nil)
            }
        }
        // The labels of a run saved are made on the engines' threads.
        let labelling = request.save ? Self.labelling(stamps, run: runID) : nil
        // While the engines classify the batches before, this thread reads the next and saves the labels
        // of those done. With two batches on the engines, one waits there while the other is classified:
        // a batch slower to read, or to classify, than the one before leaves neither side idle.
        func classify(_ batch: [Partnership]) throws -> BatchLabels {
            if share && !shared {
                try engines.share(organizations: ParallelClassifier.organizations(of: store))
                shared = true
            }
            pending.append(engines.start(batch, labelling: labelling))
            return pending.count > Self.batchesOnEngines ? try finishOldest() : []
        }
        if request.save {
            let run = ClassificationRun(id: runID, started: started, finished: started, packs: set.runDescription,
                                        partnerships: 0, labels: 0)
            outcome.saved = try store.saveClassification(run, filter: request.filter, order: request.order,
                                                         size: request.batchSize, without: engines.unreadLists, classify,
                                                         remaining: finish)
        } else {
            try store.forEachBatch(request.filter, order: request.order, size: request.batchSize,
                                   without: engines.unreadLists) { _ = try classify($0) }
            _ = try finish()
        }
        outcome.evaluationSeconds = engines.evaluationSeconds
        outcome.unreadLists = engines.unreadLists
        return outcome
    }
}

extension Classifier {
    /// How many batches wait on the engines, or are classified there, while the next is read.
    static let batchesOnEngines = 2

    /// What makes a classification's labels, saved in `run`.
    private static func labelling(_ stamps: RuleStamps, run: String) -> @Sendable (Classification) -> [AssignedLabel] {
        { $0.assignedLabels(stamps: stamps, run: run) }
    }
}

/// What a `Classifier` is asked to classify.
public struct ClassifyRequest: Sendable {
    /// The partnerships to classify.
    public var filter: PartnershipFilter
    /// The order classifications are reported in.
    public var order: BatchOrder
    /// Whether the labels are saved, as one run.
    public var save: Bool
    /// How many partnerships are read, and classified, at a time.
    public var batchSize: Int
    /// When the classification started: the saved run's start and the root of its id.
    public var started: Date
    /// Whether the engines share every organization, read at once, rather than each reading
    /// those its records name as they come; `nil` shares them when the request selects at
    /// least as many partnerships as there are organizations.
    public var sharesOrganizations: Bool?

    public init(filter: PartnershipFilter = PartnershipFilter(), order: BatchOrder = .stored, save: Bool = false,
                batchSize: Int = 2000, started: Date = Date()) {
        self.filter = filter
        self.order = order
        self.save = save
        self.batchSize = batchSize
        self.started = started
    }
}

/// What a classification did.
public struct ClassifyOutcome: Sendable {
    /// How many partnerships were classified.
    public var partnerships = 0
    /// The run saved, when the labels were saved.
    public var saved: ClassificationRun?
    /// The ids the request named that name no partnership it selects, sorted: when there are
    /// any, nothing was classified, reported or saved.
    public var missing: [String] = []
    /// How many engines shared the work.
    public var width: Int
    /// Processor time spent evaluating the rules, summed over the threads.
    public var evaluationSeconds: Double = 0
    /// The lists of a partnership left unread, since no rule looks at them.
    public var unreadLists: Set<Partnership.List> = []
}
