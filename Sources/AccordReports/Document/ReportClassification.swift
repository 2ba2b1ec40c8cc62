/// The classification whose labels a report read: the runs that classified the
/// partnerships filed in its period, their packs, and the partnerships of the
/// period left without a purpose.
public struct ReportClassification: Codable, Equatable, Sendable {
    public struct Pack: Codable, Equatable, Sendable {
        public var name: String
        public var version: String
        /// `sha256:…` of the pack's code.
        public var digest: String

        public init(name: String, version: String, digest: String) {
            self.name = name
            self.version = version
            self.digest = digest
        }
    }

    /// Ids of the runs that classified the period's partnerships, the last saved first;
    /// the last saved run when the period has none; empty when none was ever saved.
    public var runs: [String]
    /// The packs of those runs: runs since the packs last changed all share them.
    public var packs: [Pack]
    /// The partnerships filed in the period.
    public var partnerships: Int
    /// Those with no purpose, neither set by hand nor given by a rule.
    public var unlabelled: Int
    /// Those new or changed since they were classified: 0 unless no packs are applied.
    public var unclassified: Int

    public init(runs: [String], packs: [Pack], partnerships: Int, unlabelled: Int, unclassified: Int) {
        self.runs = runs
        self.packs = packs
        self.partnerships = partnerships
        self.unlabelled = unlabelled
        self.unclassified = unclassified
    }

    /// `Purposes from classification run 2026-…-1a2b3c by standard 1.0.0 and team 0.3.0;
    /// partnerships filed in 2019-Q2 without a purpose: 2 of 14.`
    public func line(period: String) -> String {
        var text: String
        if let run = runs.first {
            text = "Purposes from classification run \(run)"
            if !packs.isEmpty { text += " by " + Words.list(packs.map { "\($0.name) \($0.version)" }) }
            if runs.count > 1 {
                text += " (and \(runs.count - 1) earlier run\(runs.count == 2 ? "" : "s") with the same packs)"
            }
        } else {
            text = "No classification is saved: purposes are those set by hand"
        }
        text += "; partnerships filed in \(period) without a purpose: \(unlabelled) of \(partnerships)"
        if unclassified > 0, !runs.isEmpty {
            text += ", and \(unclassified) changed since \(unclassified == 1 ? "it was" : "they were") classified"
        }
        return text + "."
    }
}
