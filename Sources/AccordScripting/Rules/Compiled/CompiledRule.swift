/// A planned rule as the compiled engine runs it.
struct CompiledRule {
    /// The rule's full id (`standard.export`).
    let id: String
    let label: String
    /// The index of the rule's pack in the plan's packs.
    let pack: Int
    /// Whether the pack's hit policy is `first`.
    let first: Bool
    /// Whether the rule is a `draft`.
    let draft: Bool
    /// Whether the rule is a draft shown beside the others: under a `first` policy it is shadowed
    /// by any rule that fired before it, but shadows none.
    let aside: Bool
    let condition: CompiledCondition
    /// Overlays' conditions that narrow the rule, each tested on its own pack's copy.
    let narrows: [Narrow]
    /// How errors name the rule ("rule standard.export"), and where it was declared.
    let blame: String
    let position: String

    struct Narrow {
        let pack: Int
        let condition: CompiledCondition
        /// How errors name it: "rule standard.export (narrowed by team)".
        let blame: String
    }
}
