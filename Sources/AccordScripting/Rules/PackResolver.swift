import AccordCore

/// Chooses which installed packs to apply: for every pack required by the
/// workspace or by another chosen pack, the highest installed version that
/// every constraint on it accepts. Then checks the choice: no cycles between
/// packs, overlays only on rules of packs the overlay's pack requires.
public struct PackResolver {
    /// Installed packs, in search-path order (earlier wins a tie).
    public let installed: [Pack]
    /// Folders searched, for messages.
    public let searched: [String]

    public init(installed: [Pack], searched: [String]) {
        self.installed = installed
        self.searched = searched
    }

    /// The packs to apply for `requirements`, made by `requiredBy` (e.g.
    /// `accord.yaml`), and everything they require.
    public func resolve(_ requirements: [PackRequirement], requiredBy: String) throws(RuleProblems) -> RuleSet {
        var selected: [String: Pack] = [:]
        var constraints: [String: [(range: VersionRange, by: String)]] = [:]
        for round in 0..<64 {
            constraints = [:]
            for r in requirements { constraints[r.name, default: []].append((r.range, requiredBy)) }
            for pack in selected.values {
                for r in pack.requires { constraints[r.name, default: []].append((r.range, pack.title)) }
            }
            var next: [String: Pack] = [:]
            for (name, ranges) in constraints {
                let fitting = installed.filter { pack in pack.name == name && ranges.allSatisfy { $0.range.contains(pack.version) } }
                // max(by:) keeps the last of equals; reversed, that is the first found.
                if let best = fitting.reversed().max(by: { $0.version < $1.version }) { next[name] = best }
            }
            let same = next.count == selected.count && next.allSatisfy { selected[$0.key]?.key == $0.value.key }
            selected = next
            if same || round == 63 { break }
        }

        var problems: [RuleProblem] = []
        for name in constraints.keys.sorted() where selected[name] == nil {
            let wanted = constraints[name]!.map { "\($0.range) (required by \($0.by))" }.joined(separator: " and ")
            let versions = installed.filter { $0.name == name }
            if versions.isEmpty {
                let places = searched.isEmpty ? "no folders are searched" : "searched " + searched.joined(separator: ", ")
                problems.append(RuleProblem("", "pack '\(name)' is not installed (\(wanted)); \(places)"
                    + Suggestion.hint(for: name, in: Array(Set(installed.map(\.name))))))
            } else {
                let have = versions.map { "\($0.version) in \($0.folder)" }.joined(separator: ", ")
                problems.append(RuleProblem("", "no installed version of pack '\(name)' satisfies \(wanted); installed: \(have)"))
            }
        }
        let packs = selected.values.sorted { $0.name < $1.name }
        problems += cycles(in: packs)
        problems += checkOverlays(of: packs)
        guard problems.isEmpty else { throw RuleProblems(problems) }
        return RuleSet(packs: packs)
    }

    private func cycles(in packs: [Pack]) -> [RuleProblem] {
        let byName = Dictionary(packs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [RuleProblem] = []
        var done: Set<String> = []
        var reported: Set<Set<String>> = []
        func visit(_ name: String, _ path: [String]) {
            if let start = path.firstIndex(of: name) {
                let cycle = Array(path[start...]) + [name]
                if reported.insert(Set(cycle)).inserted {
                    problems.append(RuleProblem(byName[name]?.position ?? "",
                                                "packs require each other in a cycle: " + cycle.joined(separator: " → ")))
                }
                return
            }
            guard !done.contains(name), let pack = byName[name] else { return }
            for r in pack.requires { visit(r.name, path + [name]) }
            done.insert(name)
        }
        for pack in packs { visit(pack.name, []) }
        return problems
    }

    private func checkOverlays(of packs: [Pack]) -> [RuleProblem] {
        let byName = Dictionary(packs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [RuleProblem] = []
        for pack in packs {
            for overlay in pack.overlays {
                let parts = overlay.target.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    problems.append(RuleProblem(overlay.position, "overlay on '\(overlay.target)': name the rule with its pack, as pack.rule"))
                    continue
                }
                guard pack.requires.contains(where: { $0.name == parts[0] }) else {
                    problems.append(RuleProblem(overlay.position,
                        "overlay on '\(overlay.target)': pack \(pack.name) must list '\(parts[0])' in its requires"))
                    continue
                }
                guard let target = byName[parts[0]] else { continue } // reported as a missing requirement
                if !target.rules.contains(where: { $0.id == overlay.target }) {
                    problems.append(RuleProblem(overlay.position, "overlay on '\(overlay.target)': \(target.title) has no such rule"
                        + Suggestion.hint(for: overlay.target, in: target.rules.map(\.id))))
                }
            }
        }
        return problems
    }
}
