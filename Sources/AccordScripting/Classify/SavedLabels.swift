import AccordCore

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
