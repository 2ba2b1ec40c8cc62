import Testing
@testable import AccordScripting

/// `forEachLabel` walks the labels as `labels` lists them, each with `reason(for:)`.
@Suite struct ClassificationLabelsTests {
    private func classification(_ fired: [(String, String)], manual: [String] = []) -> Classification {
        Classification(partnership: "p", title: "P", fired: fired.map { Firing(rule: $0.0, label: $0.1, evidence: "saw \($0.0)") },
                       manual: manual, conflicts: [])
    }

    @Test func eachLabelComesOnceWithTheFirstRuleThatGaveItAndTheFirstIsPrimary() {
        let cases = [
            classification([("r1", "rnd"), ("r2", "export"), ("r3", "rnd"), ("r4", "training")]),
            classification([("r1", "rnd"), ("r2", "rnd")]),
            classification([]),
            classification([("r1", "rnd")], manual: ["export", "training"]),
        ]
        for c in cases {
            var walked: [(String, Firing?, Bool)] = []
            c.forEachLabel { walked.append(($0, $1, $2)) }
            #expect(walked.map(\.0) == c.labels)
            #expect(walked.map { $0.1?.rule } == c.labels.map { c.reason(for: $0)?.rule })
            #expect(walked.map(\.2) == c.labels.indices.map { $0 == 0 })
        }
    }
}
