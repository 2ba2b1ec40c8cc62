import AccordCore
import Dispatch
import Foundation
import LuaKit

/// What changing one rule set for another does to a workspace's labels: the partnerships
/// each label gains and loses, with the rules responsible and their evidence, the primary
/// labels that change, and the rules added, removed and changed. `accord rules diff` prints
/// it; a command that proposes other pack versions can show it before making the change.
public enum RuleSetDiff {
    /// Classifies the partnerships of `store` (those filed in `period`, when given) with the rule
    /// sets `before` and `after`, each loaded in engines of its own, and reports what changes.
    /// Each batch of partnerships is read once and evaluated by both sets.
    ///
    /// - Parameters:
    ///   - workspace: where `require` searches, the periods, the limits when `limits` is nil.
    ///   - threads: engines in all, shared between the two sides (at least one each).
    ///   - budget: what both sides' scripts count against; nil for one started with the limits.
    ///   - gold: judgements to score both sides against, and the file as messages name it; the
    ///     report then holds both scores (`score`).
    /// - Throws: `RuleProblems` when a side's packs do not load or resolve,
    ///   `PackSelectionError` when a lock's content is not available, `LuaError` when a rule fails.
    public static func compare(workspace: Workspace, store: Store, before: PackSelection, after: PackSelection,
                               period: Period? = nil, limits: ScriptLimits? = nil, budget: LuaBudget? = nil,
                               threads: Int = Classifier.defaultWidth, evaluation: RuleEvaluation = .compiled,
                               asOf: CalendarDay? = nil, gold: (judgements: [Judgement], file: String)? = nil) throws -> Report {
        let limits = limits ?? workspace.config.limits
        let budget = budget ?? LuaBudget(LuaLimits(limits))
        let context = SideContext(store: store, modulePaths: workspace.modulePaths,
                                  periods: workspace.periods(asOf: asOf ?? workspace.today()), limits: limits,
                                  budget: budget, evaluation: evaluation)
        let width = max(1, threads / 2)
        let old = try LoadedSide(before, context: context, width: width)
        let new = try LoadedSide(after, context: context, width: width)
        var report = Report(before: old.description, after: new.description, period: period?.label,
                            rules: ruleChanges(from: old.set, to: new.set))
        var changes = ChangeCollector(before: old.set, after: new.set, rules: report.rules)
        var filter = PartnershipFilter()
        filter.period = period
        var scores: (before: RuleSetScore.Tally, after: RuleSetScore.Tally, judged: [String: Judgement])?
        if let gold {
            let known = Set(try store.partnershipIDs(PartnershipFilter()))
            let issues = try GoldFile.check(gold.judgements, known: { known.contains($0) },
                                            vocabulary: Array(Set(old.set.labelOrder + new.set.labelOrder)).sorted())
            guard issues.isEmpty else { throw DataErrors(issues) }
            scores = (RuleSetScore.Tally(against: gold.file, set: old.set, limit: 0),
                      RuleSetScore.Tally(against: gold.file, set: new.set, limit: 0),
                      Dictionary(gold.judgements.map { ($0.partnership, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        var pending: PairedClassification?
        func finish() throws {
            guard let job = pending else { return }
            pending = nil
            let (b, a) = try job.wait()
            for (x, y) in zip(b, a) {
                changes.add(before: x, after: y)
                if let j = scores?.judged[x.partnership] {
                    scores?.before.add(x, judged: j)
                    scores?.after.add(y, judged: j)
                }
            }
        }
        if try ParallelClassifier.worthSharingOrganizations(filter, in: store) {
            let organizations = try ParallelClassifier.organizations(of: store)
            try old.classifier.share(organizations: organizations)
            try new.classifier.share(organizations: organizations)
        }
        let unread = old.classifier.unreadLists.intersection(new.classifier.unreadLists)
        try store.forEachBatch(filter, order: .stored, size: 2000, without: unread) { batch in
            try finish()
            pending = PairedClassification(batch, old, new)
        }
        try finish()
        changes.finish(into: &report)
        if let scores {
            report.score = ScoreChange(before: scores.before.finish { _ in nil }, after: scores.after.finish { _ in nil })
        }
        return report
    }

    /// Both sides' scores against a gold file.
    public struct ScoreChange: Sendable, Equatable {
        public var before: RuleSetScore
        public var after: RuleSetScore
    }

    // MARK: The report

    /// What the comparison found.
    public struct Report: Sendable, Equatable {
        /// The rule set compared with, and the one compared.
        public var before: Side
        public var after: Side
        /// The period the partnerships were filed in, when the comparison was limited to one.
        public var period: String?
        /// How many partnerships were classified with both sets.
        public var partnerships = 0
        /// How many of them changed labels or primary label.
        public var changed = 0
        /// The rules added, removed and changed, by id.
        public var rules: [RuleChange]
        /// Per label with a change, by label: the partnerships that gain it and those that lose it.
        public var labels: [LabelChanges] = []
        /// The partnerships whose primary label changes, by id.
        public var primary: [PrimaryChange] = []
        /// Both sides scored against a gold file, when one was given.
        public var score: ScoreChange?

        /// Whether any partnership's labels change.
        public var hasChanges: Bool { changed > 0 }
    }

    /// One side of the comparison: what it is called and the packs it applies.
    public struct Side: Sendable, Equatable, Encodable {
        /// `the workspace`, `accord.lock`, `main (1a2b3c4)`, a folder.
        public var name: String
        public var packs: [PackVersion]
    }

    /// An applied pack, as a side of the comparison has it.
    public struct PackVersion: Sendable, Equatable, Encodable {
        public var name: String
        public var version: String
        public var digest: String
        /// As messages show it: relative to the workspace, or `<bundled>/standard`.
        public var folder: String
    }

    /// A rule that differs between the sides.
    public struct RuleChange: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case added, removed, changed
        }

        /// The namespaced id: `standard.export-contract`.
        public var id: String
        public var kind: Kind
        /// What differs, for a changed rule: `label`, `priority`, `status`, `condition`,
        /// `narrowed` (an overlay's condition), `runs` (disabled by an overlay, or deprecated).
        public var fields: [String]
        /// The rule before (nil when added) and after (nil when removed).
        public var before: RuleFacts?
        public var after: RuleFacts?
    }

    /// What the comparison shows of a rule.
    public struct RuleFacts: Sendable, Equatable {
        public var label: String
        public var priority: Int
        public var status: String
        /// The `when` condition as text.
        public var condition: String
        /// The conditions overlays add to it.
        public var narrowed: [String]
        /// Why it does not run, when it does not (disabled by an overlay, deprecated).
        public var notRun: String?
        /// `file:line` of its declaration.
        public var position: String
    }

    /// The partnerships that gain and lose one label.
    public struct LabelChanges: Sendable, Equatable {
        public var label: String
        /// What the packs call it (the after side's name, else the before side's).
        public var name: String?
        public var gained: [LabelChange]
        public var lost: [LabelChange]
    }

    /// One partnership gaining or losing a label, and why.
    public struct LabelChange: Sendable, Equatable, Encodable {
        public var id: String
        public var title: String
        /// For a gain, the after side's rules that gave the label; for a loss, the before
        /// side's. Empty when the label was set by hand.
        public var rules: [Cause]
    }

    /// A rule that gave a label, with its evidence, and what became of it.
    public struct Cause: Sendable, Equatable {
        public var rule: String
        public var evidence: String
        /// For a gain, whether the rule was added or changed; for a loss, whether it was
        /// removed or changed; nil when the rule itself is the same on both sides.
        public var change: RuleChange.Kind?
    }

    /// A partnership whose primary label changes.
    public struct PrimaryChange: Sendable, Equatable {
        public var id: String
        public var title: String
        public var before: String?
        public var after: String?
        /// The rules that gave the primary label on each side: nil when none did, or it was set by hand.
        public var beforeRule: Cause?
        public var afterRule: Cause?
    }

    // MARK: Comparing rules

    static func ruleChanges(from old: RuleSet, to new: RuleSet) -> [RuleChange] {
        let before = Dictionary(old.allRules.map { ($0.id, facts($0, in: old)) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.allRules.map { ($0.id, facts($0, in: new)) }, uniquingKeysWith: { a, _ in a })
        var changes: [RuleChange] = []
        for id in Set(before.keys).union(after.keys).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            switch (before[id], after[id]) {
            case (nil, let a?): changes.append(RuleChange(id: id, kind: .added, fields: [], before: nil, after: a))
            case (let b?, nil): changes.append(RuleChange(id: id, kind: .removed, fields: [], before: b, after: nil))
            case (let b?, let a?):
                var fields: [String] = []
                if b.label != a.label { fields.append("label") }
                if b.priority != a.priority { fields.append("priority") }
                if b.status != a.status { fields.append("status") }
                if b.condition != a.condition { fields.append("condition") }
                if b.narrowed != a.narrowed { fields.append("narrowed") }
                if b.notRun != a.notRun { fields.append("runs") }
                if !fields.isEmpty { changes.append(RuleChange(id: id, kind: .changed, fields: fields, before: b, after: a)) }
            default: break
            }
        }
        return changes
    }

    private static func facts(_ rule: Rule, in set: RuleSet) -> RuleFacts {
        RuleFacts(label: rule.label, priority: rule.priority, status: rule.status.rawValue, condition: rule.condition,
                  narrowed: (set.narrowed[rule.id] ?? []).map { "\($0.pack): \($0.narrow ?? "")" },
                  notRun: set.whyNotApplied(rule), position: rule.position)
    }
}

// MARK: Gathering the changes

/// The differences between two classifications of each partnership, gathered in id order.
private struct ChangeCollector {
    let before: RuleSet
    let after: RuleSet
    let kinds: [String: RuleSetDiff.RuleChange.Kind]
    var partnerships = 0
    var changed = 0
    var gained: [String: [RuleSetDiff.LabelChange]] = [:]
    var lost: [String: [RuleSetDiff.LabelChange]] = [:]
    var primary: [RuleSetDiff.PrimaryChange] = []

    init(before: RuleSet, after: RuleSet, rules: [RuleSetDiff.RuleChange]) {
        self.before = before
        self.after = after
        kinds = Dictionary(rules.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func add(before b: Classification, after a: Classification) {
        precondition(b.partnership == a.partnership, "both sides classify the same partnerships in the same order")
        partnerships += 1
        let old = b.labels, new = a.labels
        guard old != new else { return }
        var any = false
        for label in new where !old.contains(label) {
            any = true
            gained[label, default: []].append(change(a, label))
        }
        for label in old where !new.contains(label) {
            any = true
            lost[label, default: []].append(change(b, label))
        }
        if b.primary != a.primary {
            any = true
            primary.append(RuleSetDiff.PrimaryChange(id: a.partnership, title: a.title, before: b.primary, after: a.primary,
                                                     beforeRule: cause(of: b.primary, in: b), afterRule: cause(of: a.primary, in: a)))
        }
        if any { changed += 1 }
    }

    /// The rule that gave `c` its `label` first.
    private func cause(of label: String?, in c: Classification) -> RuleSetDiff.Cause? {
        guard let label, let firing = c.reason(for: label) else { return nil }
        return RuleSetDiff.Cause(rule: firing.rule, evidence: firing.evidence, change: kinds[firing.rule])
    }

    /// `c`'s rules that gave `label`, each with what became of it on the other side.
    private func change(_ c: Classification, _ label: String) -> RuleSetDiff.LabelChange {
        let causes = c.isManual ? [] : c.fired.filter { $0.label == label }.map {
            RuleSetDiff.Cause(rule: $0.rule, evidence: $0.evidence, change: kinds[$0.rule])
        }
        return RuleSetDiff.LabelChange(id: c.partnership, title: c.title, rules: causes)
    }

    func finish(into report: inout RuleSetDiff.Report) {
        report.partnerships = partnerships
        report.changed = changed
        let names = before.labelNames.merging(after.labelNames) { _, new in new }
        // The partnerships come in the order the store keeps them; a report lists them by id.
        let byID = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        report.labels = Set(gained.keys).union(lost.keys).sorted(by: byID).map {
            RuleSetDiff.LabelChanges(label: $0, name: names[$0], gained: (gained[$0] ?? []).sorted { byID($0.id, $1.id) },
                                     lost: (lost[$0] ?? []).sorted { byID($0.id, $1.id) })
        }
        report.primary = primary.sorted { byID($0.id, $1.id) }
    }
}

// MARK: Loading a side

/// What both sides' engines share.
private struct SideContext {
    let store: Store
    let modulePaths: [String]
    let periods: PeriodContext
    let limits: ScriptLimits
    let budget: LuaBudget
    let evaluation: RuleEvaluation
}

/// A pack selection loaded and resolved, its set active on `width` engines of its own.
private struct LoadedSide: @unchecked Sendable {
    let selection: PackSelection
    let set: RuleSet
    let classifier: ParallelClassifier
    let description: RuleSetDiff.Side

    init(_ selection: PackSelection, context: SideContext, width: Int) throws {
        self.selection = selection
        let first = try Self.engine(for: selection, context: context)
        set = try Self.resolve(selection, on: first).with(drafts: selection.drafts)
        try first.activate(set)
        var engines = [first]
        for _ in 1..<max(1, width) {
            // Each engine loads the chosen packs alone, in the set's order, and applies the same rules.
            let engine = try Self.engine(for: selection, context: context)
            var packs: [Pack] = []
            for pack in set.packs { packs.append(try engine.load(folder: pack.folder)) }
            try engine.activate(RuleSet(packs: packs).with(drafts: selection.drafts))
            engines.append(engine)
        }
        classifier = ParallelClassifier(engines: engines)
        description = RuleSetDiff.Side(name: selection.name, packs: set.packs.map {
            RuleSetDiff.PackVersion(name: $0.name, version: "\($0.version)", digest: $0.digest, folder: first.display($0.folder))
        })
    }

    private static func engine(for selection: PackSelection, context: SideContext) throws -> RuleEngine {
        let parents = selection.folders.map { ($0 as NSString).deletingLastPathComponent }
        let engine = try RuleEngine(store: context.store, searchPath: selection.searchPath,
                                    modulePaths: parents + context.modulePaths, displayRoot: selection.displayRoot,
                                    bundledPacks: selection.bundledPacks, periods: context.periods, limits: context.limits,
                                    budget: context.budget)
        engine.evaluation = context.evaluation
        return engine
    }

    /// The selection's packs: its folders first, in place of the same names on its search
    /// path, resolved for its requirements, each pinned pack checked against its digest.
    private static func resolve(_ selection: PackSelection, on engine: RuleEngine) throws -> RuleSet {
        let side = selection.name
        var explicit: [Pack] = []
        for folder in selection.folders {
            do { explicit.append(try engine.load(folder: folder)) } catch {
                let name = (folder as NSString).lastPathComponent
                if let digest = selection.digests[name] {
                    throw PackSelectionError(.unavailable, "the content \(selection.requiredBy) pins for pack \(name) "
                        + "(\(digest)) is not available: \(error.description)\(selection.unavailableHint)")
                }
                throw RuleProblems(error.problems.map { RuleProblem($0.position, "\(side): \($0.message)") })
            }
        }
        for pack in explicit {
            if let digest = selection.digests[pack.name], digest != pack.digest {
                throw PackSelectionError(.unavailable, "the content \(selection.requiredBy) pins for pack \(pack.title) "
                    + "(\(digest)) is not available: \(engine.display(pack.folder)) has \(pack.title) \(pack.digest) "
                    + "now\(selection.unavailableHint)")
            }
        }
        let names = Set(explicit.map(\.name))
        let (found, _, failed) = engine.discover()
        let installed = explicit + found.filter { !names.contains($0.name) }
        // As for `classify`, a pack that does not load stops the comparison when its name is asked for.
        let wanted = Set(selection.requirements.map(\.name) + installed.flatMap { $0.requires.map(\.name) })
        let broken = failed.filter { wanted.contains($0.key) && !names.contains($0.key) }.sorted { $0.key < $1.key }
            .flatMap(\.value).map { RuleProblem($0.position, "\(side): \($0.message)") }
        let set: RuleSet
        do {
            set = try PackResolver(installed: installed, searched: selection.searchPath.map(engine.display),
                                   display: engine.display).resolve(selection.requirements, requiredBy: selection.requiredBy)
        } catch {
            var outside: [RuleProblem] = []
            for pack in explicit {
                for requirement in selection.requirements where requirement.name == pack.name && !requirement.range.contains(pack.version) {
                    outside.append(RuleProblem("", "\(side): pack \(pack.title) (\(engine.display(pack.folder))) is outside "
                        + "the range \(requirement.range) that \(selection.requiredBy) asks for"))
                }
            }
            throw RuleProblems(outside + broken + error.problems.map { RuleProblem($0.position, "\(side): \($0.message)") })
        }
        guard broken.isEmpty else { throw RuleProblems(broken) }
        return set
    }
}

/// One batch being classified by both sides at once, each on threads of its own.
private final class PairedClassification: @unchecked Sendable {
    private let group = DispatchGroup()
    private var before: Result<[Classification], LuaError> = .success([])
    private var after: Result<[Classification], LuaError> = .success([])

    init(_ batch: [Partnership], _ old: LoadedSide, _ new: LoadedSide) {
        DispatchQueue.global().async(group: group) { self.before = Self.classify(batch, old) }
        DispatchQueue.global().async(group: group) { self.after = Self.classify(batch, new) }
    }

    private static func classify(_ batch: [Partnership], _ side: LoadedSide) -> Result<[Classification], LuaError> {
        do throws(LuaError) { return .success(try side.classifier.classify(batch)) } catch var error {
            error.message += " (in the rule set of \(side.selection.name))"
            return .failure(error)
        }
    }

    func wait() throws(LuaError) -> ([Classification], [Classification]) {
        group.wait()
        return (try before.get(), try after.get())
    }

    deinit { group.wait() }
}
