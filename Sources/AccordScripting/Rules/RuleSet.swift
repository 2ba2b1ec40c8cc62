import AccordCore

/// Packs applied together: resolved, checked, and with their rules in the
/// order they run — priority (highest first), then id — never load order.
public struct RuleSet: Sendable {
    /// The applied packs, by name.
    public let packs: [Pack]
    /// The rules that run, in order: not disabled by an overlay, not deprecated, and drafts
    /// unless `drafts` is `.excluded`.
    public let rules: [Rule]
    /// What the set does with `draft` rules.
    public let drafts: DraftRules
    /// The ids of the draft rules among `rules`.
    public let draftRules: Set<String>
    /// Rules an overlay switched off, by rule id.
    public let disabled: [String: Overlay]
    /// Overlays that narrow a rule, by rule id.
    public let narrowed: [String: [Overlay]]

    init(packs: [Pack], drafts: DraftRules = .excluded) {
        self.packs = packs.sorted { $0.name < $1.name }
        self.drafts = drafts
        var disabled: [String: Overlay] = [:]
        var narrowed: [String: [Overlay]] = [:]
        for overlay in self.packs.flatMap(\.overlays) {
            if overlay.disable { disabled[overlay.target] = disabled[overlay.target] ?? overlay }
            else { narrowed[overlay.target, default: []].append(overlay) }
        }
        self.disabled = disabled
        self.narrowed = narrowed
        rules = self.packs.flatMap(\.rules)
            .filter { disabled[$0.id] == nil && $0.status != .deprecated && (drafts != .excluded || $0.status != .draft) }
            .sorted { ($0.priority, $1.id) > ($1.priority, $0.id) }
        draftRules = Set(rules.filter { $0.status == .draft }.map(\.id))
    }

    /// The same packs, doing `drafts` with their draft rules.
    public func with(drafts: DraftRules) -> RuleSet {
        drafts == self.drafts ? self : RuleSet(packs: packs, drafts: drafts)
    }

    /// Whether the packs declare a draft rule that an overlay does not disable.
    public var hasDrafts: Bool {
        packs.contains { $0.rules.contains { $0.status == .draft && disabled[$0.id] == nil } }
    }

    public func pack(named name: String) -> Pack? { packs.first { $0.name == name } }

    /// What the packs call each label (`rnd`: "Research and development"); where two packs name
    /// one label, the first pack's name.
    public var labelNames: [String: String] {
        var names: [String: String] = [:]
        for label in packs.flatMap(\.labels) where names[label.name] == nil { names[label.name] = label.description }
        return names
    }

    /// Every label the packs declare, each once, in the packs' order and each pack's own.
    public var labelOrder: [String] {
        var seen: Set<String> = []
        return packs.flatMap(\.labels).map(\.name).filter { seen.insert($0).inserted }
    }

    /// Any rule of the applied packs, applied or not.
    public func rule(id: String) -> Rule? {
        for pack in packs { if let rule = pack.rules.first(where: { $0.id == id }) { return rule } }
        return nil
    }

    /// Every rule of the applied packs, in the order they would run.
    public var allRules: [Rule] { packs.flatMap(\.rules).sorted { ($0.priority, $1.id) > ($1.priority, $0.id) } }

    /// The rules that are declared but do not run, and why.
    public func whyNotApplied(_ rule: Rule) -> String? {
        if let overlay = disabled[rule.id] {
            return "disabled by pack \(overlay.pack)" + (overlay.reason.map { ": \($0)" } ?? "")
        }
        switch rule.status {
        case .deprecated: return "deprecated"
        case .draft where drafts == .excluded: return "draft, left out of this run"
        default: return nil
        }
    }
}
