import Foundation

/// The names of purpose labels: lower-case ASCII letters, digits, `_` and `-`,
/// starting with a letter (`rnd`, `open_innovation`, `co-marketing`).
public enum LabelName {
    /// Whether `text` is a label name.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// What a label name may hold, for messages.
    public static let format = "lower-case letters, digits, '_' and '-', starting with a letter"
}

/// The labels a classification gave a batch of partnerships, each with its partnership's id,
/// in the order it classified them: what `Store.saveClassification(_:filter:…)` is handed.
public typealias BatchLabels = [(partnership: String, labels: [AssignedLabel])]

/// A purpose label a classification run gave a partnership, with where it came from.
public struct AssignedLabel: Equatable, Sendable {
    /// Whether an analyst set the label by hand or a rule assigned it.
    public enum Origin: String, CaseIterable, Sendable {
        case manual, rule
    }

    public var label: String
    /// One label of a partnership is the primary one.
    public var isPrimary: Bool
    public var origin: Origin
    /// The namespaced id of the rule that assigned it: `standard.rnd-collaboration`.
    public var rule: String?
    /// The name of the rule's pack.
    public var pack: String?
    public var packVersion: String?
    /// The content digest of the pack: `sha256:ab12…`.
    public var packDigest: String?
    /// Why the rule fired, as the rule put it.
    public var evidence: String?
    /// The id of the `ClassificationRun` that assigned it.
    public var runID: String

    public init(label: String, isPrimary: Bool, origin: Origin, rule: String? = nil, pack: String? = nil,
                packVersion: String? = nil, packDigest: String? = nil, evidence: String? = nil, runID: String) {
        self.label = label
        self.isPrimary = isPrimary
        self.origin = origin
        self.rule = rule
        self.pack = pack
        self.packVersion = packVersion
        self.packDigest = packDigest
        self.evidence = evidence
        self.runID = runID
    }
}

/// One saved classification: when it ran, with which packs, and how much it assigned.
/// The store keeps `started` and `finished` to the second.
public struct ClassificationRun: Equatable, Sendable, Identifiable {
    /// A unique id, such as `2026-11-22T03:10:00Z-1a2b3c`.
    public var id: String
    public var started: Date
    public var finished: Date
    /// The packs applied, for people: `standard 1.0.0 sha256:ab12…, team 0.2.0 sha256:…`.
    public var packs: String
    /// How many partnerships were classified.
    public var partnerships: Int
    /// How many labels were assigned.
    public var labels: Int

    /// A pack a run applied.
    public struct AppliedPack: Equatable, Sendable {
        public var name: String
        public var version: String
        /// `sha256:…` of its code.
        public var digest: String
    }

    /// The packs of `packs`, read back; an entry that is not `name version digest` is left out.
    public var appliedPacks: [AppliedPack] {
        packs.split(separator: ",").compactMap { entry in
            let words = entry.split(separator: " ")
            guard words.count == 3 else { return nil }
            return AppliedPack(name: String(words[0]), version: String(words[1]), digest: String(words[2]))
        }
    }

    /// A new run's id: `2026-11-22T03:10:00Z-001a2b3c`, when it started and a random part.
    public static func newID(at date: Date) -> String {
        newID(at: date, random: UInt32.random(in: 0...UInt32.max))
    }

    /// The id of a run started at `date`, `random` in eight hex digits, so that every id is as long.
    static func newID(at date: Date, random: UInt32) -> String {
        let hex = String(random, radix: 16)
        return date.formatted(.iso8601) + "-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    public init(id: String, started: Date, finished: Date, packs: String, partnerships: Int, labels: Int) {
        self.id = id
        self.started = started
        self.finished = finished
        self.packs = packs
        self.partnerships = partnerships
        self.labels = labels
    }
}

/// Where the labels of a set of partnerships come from.
public struct LabelProvenance: Equatable, Sendable {
    /// The runs that classified them, the last saved first.
    public var runs: [ClassificationRun] = []
    public var partnerships = 0
    /// Those with no label at all, neither set by hand nor assigned.
    public var unlabelled = 0
    /// Those new or changed since they were classified (or never classified).
    public var unclassified = 0

    public init() {}
}
