/// Partnerships grouped by a dimension, as ids in the order `Store.partnerships` gives them.
public struct PartnershipGroups: Equatable, Sendable {
    /// Each key with its partnerships, by key.
    public var keyed: [(key: String, ids: PartnershipIDs)]
    /// The partnerships with no key.
    public var keyless: PartnershipIDs

    public static func == (a: Self, b: Self) -> Bool {
        a.keyless == b.keyless && a.keyed.map(\.key) == b.keyed.map(\.key) && a.keyed.map(\.ids) == b.keyed.map(\.ids)
    }

    /// What a breakdown of the `top` largest groups can show: with more than twice `top` keys, the
    /// groups at least as large as the `top`-th largest (those tied with it stay), and how many
    /// keys are left out; else every group, and none left out. A year's organizations are tens
    /// of thousands of groups, of which a breakdown shows ten.
    public func leading(_ top: Int) -> (groups: PartnershipGroups, hidden: Int) {
        guard top > 0, keyed.count > 2 * top else { return (self, 0) }
        let least = keyed.map(\.ids.count).sorted(by: >)[top - 1]
        let kept = keyed.filter { $0.ids.count >= least }
        return (PartnershipGroups(keyed: kept, keyless: keyless), keyed.count - kept.count)
    }

    /// The partnerships of `all` (those grouped) with a key other than those in `kept`, in the
    /// order of `all`: the rest a breakdown lumps together.
    public func partnerships(withKeyOutside kept: Set<String>, of all: PartnershipIDs) -> PartnershipIDs {
        let outside = keyed.filter { !kept.contains($0.key) }
        if let list = all.shared, all.positions == nil, outside.allSatisfy({ $0.ids.shared === list }) {
            var marked = [Bool](repeating: false, count: list.ids.count)
            for group in outside {
                guard let positions = group.ids.positions else { return all }
                for position in positions { marked[Int(position)] = true }
            }
            let positions = marked.indices.filter { marked[$0] }.map { Int32($0) }
            return PartnershipIDs(list, at: positions[...])
        }
        var ids = Set<String>()
        for group in outside { ids.formUnion(group.ids) }
        return PartnershipIDs(all.filter { ids.contains($0) })
    }
}
