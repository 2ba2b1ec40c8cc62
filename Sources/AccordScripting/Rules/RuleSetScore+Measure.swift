import AccordCore

extension RuleSetScore {
    /// What a rule set is scored against.
    public enum Judgements: Sendable {
        /// A gold file's judgements, as `GoldFile.read` gives them, and the file as messages name it.
        case gold([Judgement], file: String)
        /// The labels set by hand in the data: the rules are evaluated as if there were none.
        case manual
    }

    /// Classifies the partnerships of `store` (those filed in `period`, when given) with the
    /// classifier's rule set, and scores the rules' labels against `judgements`; the first
    /// `limit` disagreements (nil: all) are explained with `engine`, which must have the set active.
    ///
    /// - Throws: `DataErrors` naming the file and line of judgements of partnerships the database
    ///   does not hold and of labels the packs do not declare; a rule's `LuaError`.
    public static func measure(_ judgements: Judgements, classifier: Classifier, engine: RuleEngine, store: Store,
                               period: Period? = nil, limit: Int? = nil) throws -> RuleSetScore {
        var filter = PartnershipFilter()
        filter.period = period
        var tally: Tally
        var byID: [String: Judgement] = [:]
        switch judgements {
        case .gold(let list, let file):
            let known = Set(try store.partnershipIDs(PartnershipFilter()))
            let issues = try GoldFile.check(list, known: { known.contains($0) }, vocabulary: classifier.set.labelOrder)
            guard issues.isEmpty else { throw DataErrors(issues) }
            byID = Dictionary(list.map { ($0.partnership, $0) }, uniquingKeysWith: { a, _ in a })
            tally = Tally(against: file, set: classifier.set, limit: limit)
        case .manual:
            tally = Tally(against: "the labels set by hand", set: classifier.set, limit: limit)
        }
        var seen = 0
        _ = try classifier.classify(ClassifyRequest(filter: filter)) { c in
            switch judgements {
            case .gold:
                guard let j = byID[c.partnership] else { return }
                seen += 1
                tally.add(c, judged: j)
            case .manual:
                guard c.isManual else { return }
                tally.add(c, judged: Judgement(partnership: c.partnership, labels: c.manual, primary: c.manual.first,
                                                file: "the data"))
            }
        }
        tally.leaveOut(byID.count - seen)
        return try tally.finish { id in
            try store.partnership(id: id).map { try engine.explain($0) }
        }
    }
}
