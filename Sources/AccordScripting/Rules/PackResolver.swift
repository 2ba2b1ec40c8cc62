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
    /// How messages show a folder.
    private let display: (String) -> String

    public init(installed: [Pack], searched: [String], display: @escaping (String) -> String = { $0 }) {
        self.installed = installed
        self.searched = searched
        self.display = display
    }

    /// The packs to apply for `requirements`, made by `requiredBy` (e.g.
    /// `accord.yaml`), and everything they require.
    public func resolve(_ requirements: [PackRequirement], requiredBy: String) throws(RuleProblems) -> RuleSet {
        var steps = 0
        guard let chosen = solve(requirements, requiredBy, selected: [:], steps: &steps) else {
            throw RuleProblems(diagnose(requirements, requiredBy))
        }
        let packs = chosen.values.sorted { $0.name < $1.name }
        let problems = cycles(in: packs) + checkOverlays(of: packs)
        guard problems.isEmpty else { throw RuleProblems(problems) }
        return RuleSet(packs: packs)
    }

    private typealias Constraints = [String: [(range: VersionRange, by: String)]]

    /// What the requirements and the selected packs ask of each pack name.
    private func constraints(_ requirements: [PackRequirement], _ requiredBy: String, _ selected: [String: Pack]) -> Constraints {
        var out: Constraints = [:]
        for r in requirements { out[r.name, default: []].append((r.range, requiredBy)) }
        for pack in selected.values.sorted(by: { $0.name < $1.name }) {
            for r in pack.requires { out[r.name, default: []].append((r.range, pack.title)) }
        }
        return out
    }

    /// Installed copies of `name` that every constraint accepts: the highest
    /// version first, and of equal versions the one found first.
    private func candidates(_ name: String, _ ranges: [(range: VersionRange, by: String)]) -> [Pack] {
        installed.enumerated()
            .filter { item in item.element.name == name && ranges.allSatisfy { $0.range.contains(item.element.version) } }
            .sorted { ($0.element.version, $1.offset) > ($1.element.version, $0.offset) }
            .map(\.element)
    }

    /// Chooses a copy for each required name in turn, the highest that fits
    /// first, and backtracks when a choice's own requirements cannot be met.
    private func solve(_ requirements: [PackRequirement], _ requiredBy: String, selected: [String: Pack],
                       steps: inout Int) -> [String: Pack]? {
        steps += 1
        guard steps < 10_000 else { return nil }
        let wanted = constraints(requirements, requiredBy, selected)
        for (name, pack) in selected where !(wanted[name] ?? []).allSatisfy({ $0.range.contains(pack.version) }) {
            return nil
        }
        guard let name = wanted.keys.sorted().first(where: { selected[$0] == nil }) else { return selected }
        for candidate in candidates(name, wanted[name]!) {
            var next = selected
            next[name] = candidate
            if let solution = solve(requirements, requiredBy, selected: next, steps: &steps) { return solution }
        }
        return nil
    }

    /// Why no choice works: the packs that are missing, or whose every
    /// installed version some constraint refuses, found by choosing greedily.
    private func diagnose(_ requirements: [PackRequirement], _ requiredBy: String) -> [RuleProblem] {
        var selected: [String: Pack] = [:]
        var wanted = constraints(requirements, requiredBy, selected)
        for _ in 0..<64 {
            var next: [String: Pack] = [:]
            for (name, ranges) in wanted { next[name] = candidates(name, ranges).first }
            let same = next.count == selected.count && next.allSatisfy { selected[$0.key]?.key == $0.value.key }
            selected = next
            wanted = constraints(requirements, requiredBy, selected)
            if same { break }
        }
        var problems: [RuleProblem] = []
        for name in wanted.keys.sorted() where candidates(name, wanted[name]!).isEmpty {
            let asked = wanted[name]!.map { "\($0.range) (required by \($0.by))" }.joined(separator: " and ")
            let versions = installed.filter { $0.name == name }
            if versions.isEmpty {
                let places = searched.isEmpty ? "no folders are searched" : "searched " + searched.joined(separator: ", ")
                problems.append(RuleProblem("", "pack '\(name)' is not installed (\(asked)); \(places)"
                    + Suggestion.hint(for: name, in: Array(Set(installed.map(\.name))))))
            } else {
                let have = versions.map { "\($0.version) in \(display($0.folder))" }.joined(separator: ", ")
                problems.append(RuleProblem("", "no installed version of pack '\(name)' satisfies \(asked); installed: \(have)"))
            }
        }
        return problems.isEmpty ? [RuleProblem("", "no choice of installed pack versions satisfies every requirement")] : problems
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
