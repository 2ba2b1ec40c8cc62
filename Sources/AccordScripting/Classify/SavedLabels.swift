import AccordCore

extension RuleSet {
    /// The packs as a saved run records them: `standard 1.0.0 sha256:…, team 0.2.0 sha256:…`.
    public var runDescription: String { packs.map { "\($0.title) \($0.digest)" }.joined(separator: ", ") }
}

extension Classification {
    /// The labels to save for this classification in run `run`, each stamped with the
    /// rule, pack, version and digest that gave it, or marked as set by hand.
    func assignedLabels(stamps: RuleStamps, run: String) -> [AssignedLabel] {
        var assigned: [AssignedLabel] = []
        assigned.reserveCapacity(isManual ? manual.count : fired.count)
        forEachLabel { label, firing, isPrimary in
            guard let firing, let stamp = stamps[firing.rule] else {
                return assigned.append(AssignedLabel(label: label, isPrimary: isPrimary, origin: .manual, runID: run))
            }
            assigned.append(AssignedLabel(label: label, isPrimary: isPrimary, origin: .rule, rule: firing.rule, pack: stamp.pack,
                                          packVersion: stamp.version, packDigest: stamp.digest, evidence: firing.evidence, runID: run))
        }
        return assigned
    }
}

/// The pack, version and digest of each rule of a rule set, found once: a run saves
/// them with each of its labels.
struct RuleStamps {
    struct Stamp {
        var pack: String
        var version: String
        var digest: String
    }

    private var stamps: [String: Stamp] = [:]

    init(_ set: RuleSet) {
        // As `RuleSet.rule(id:)` finds a rule (in the first pack that declares its id), and then its pack.
        for rule in set.packs.flatMap(\.rules) where stamps[rule.id] == nil {
            guard let pack = set.pack(named: rule.pack) else { continue }
            stamps[rule.id] = Stamp(pack: pack.name, version: "\(pack.version)", digest: pack.digest)
        }
    }

    subscript(rule: String) -> Stamp? { stamps[rule] }
}
