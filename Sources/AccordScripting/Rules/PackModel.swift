import AccordCore

/// How a pack's rules combine when several fire on one partnership.
public enum HitPolicy: String, Sendable, CaseIterable {
    /// Every rule that fires adds its label (a deal can be R&D and licensing).
    case collect
    /// Only the first rule that fires, in order, counts.
    case first
    /// At most one rule may fire; two firing together is an error.
    case unique
}

/// How far a rule can be trusted.
public enum RuleStatus: String, Sendable, CaseIterable {
    /// The default: runs and saves its labels; needs no test case.
    case experimental
    /// Runs and saves its labels; a test case must expect it to fire.
    case stable
    /// Declared but not run.
    case deprecated
    /// Being written: runs in `classify` and `explain`, marked as a draft, needs no test case,
    /// and its labels are saved only when asked (`classify --save --include-drafts`).
    case draft
}

/// What a rule set does with its `draft` rules.
public enum DraftRules: String, Sendable, CaseIterable {
    /// Drafts do not run: what `classify --save` stores by default.
    case excluded
    /// Drafts run as if they were not drafts, shadowing and conflicting like any rule: what
    /// promoting them would give, and what `classify --save --include-drafts` stores.
    /// Their firings are marked `draft`.
    case promoted
    /// Drafts run beside the other rules without changing what those give: the labels are
    /// exactly those with drafts excluded, and each draft that fires is listed apart, in
    /// `Classification.drafts`, as it would fire if promoted. What `classify` prints and
    /// `explain` shows.
    case shown
}

/// One classification rule, as declared in its pack.
public struct Rule: Sendable, Equatable {
    /// The namespaced id: `pack.rule`.
    public var id: String
    public var localID: String
    public var pack: String
    public var label: String
    public var description: String?
    /// Higher runs first and gives the primary label.
    public var priority: Int
    public var status: RuleStatus
    public var tags: [String]
    /// The `when` condition as text: `all{ form_is "license", mentions "export" }`.
    public var condition: String
    /// `file:line` where the rule was declared.
    public var position: String
}

/// A change one pack makes to another pack's rule without editing it.
public struct Overlay: Sendable, Equatable {
    /// The pack that declares the overlay.
    public var pack: String
    /// The namespaced id of the rule it changes.
    public var target: String
    public var disable: Bool
    /// A condition that must also hold for the rule to fire, as text.
    public var narrow: String?
    public var reason: String?
    public var position: String
    /// Position in the pack's `overlays` list, from 1.
    var index: Int
}

/// A label a pack may assign, with what it means.
public struct PackLabel: Sendable, Equatable {
    public var name: String
    public var description: String
}

/// A loaded, well-formed rule pack.
public struct Pack: Sendable {
    public var name: String
    public var version: SemanticVersion
    public var description: String?
    public var hitPolicy: HitPolicy
    public var labels: [PackLabel]
    public var requires: [PackRequirement]
    /// The versions of Accord the pack needs (`accord = ">=0.9"`); nil when it names none.
    public var accord: VersionRange?
    /// Its licence, as the pack declares it (`license = "MIT"`).
    public var license: String?
    public var authors: [String]
    public var rules: [Rule]
    public var overlays: [Overlay]
    /// The pack's folder, absolute.
    public var folder: String
    /// `sha256:…` over the pack's Lua files (see `PackDigest`).
    public var digest: String
    /// `file:line` of the `pack{…}` declaration.
    public var position: String
    /// Identifies this loaded copy among all copies in the Lua state.
    public var key: String

    public var title: String { "\(name) \(version)" }

    /// What an archive of the pack records about it.
    public var manifest: PackManifest {
        PackManifest(name: name, version: version, description: description, requires: requires, digest: digest,
                     accord: accord, license: license, authors: authors)
    }
    public var labelNames: Set<String> { Set(labels.map(\.name)) }
}

/// A problem in a pack or in the set of packs, at a position when known.
public struct RuleProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// `file:line`, or a file, or empty.
    public var position: String
    public var message: String

    public init(_ position: String, _ message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { position.isEmpty ? message : "\(position): \(message)" }
}

/// Every problem found, in the order found.
public struct RuleProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]

    public init(_ problems: [RuleProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
