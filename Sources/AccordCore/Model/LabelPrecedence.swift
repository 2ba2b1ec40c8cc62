/// Which labels a partnership has: those set by hand in the data win over any
/// other, whether rules give them now or a classification saved them; the
/// first is the primary one.
public enum LabelPrecedence {
    /// `manual` when there are any, else `other`.
    public static func labels<Label>(manual: [Label], else other: @autoclosure () -> [Label]) -> [Label] {
        isManual(manual) ? manual : other()
    }

    /// Whether labels set by hand decide: whether there are any.
    public static func isManual(_ manual: [some Any]) -> Bool { !manual.isEmpty }

    /// The same in SQL: whether partnership `p` has `label`, among those set by hand when there
    /// are some, else among those saved. The `+` keeps SQLite from looking rows up by label: with
    /// a few labels over a million rows, going through each partnership's own rows is what is fast.
    static func hasLabel(_ label: String) -> SQLQuery {
        let plus: SQLQuery = "\(sqlite: "+", postgres: "")"
        return """
            EXISTS (SELECT 1 FROM partnership_label l
                    WHERE l.filed = p.filed AND l.partnership_id = p.id AND \(plus)l.label = \(label))
            OR (NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.filed = p.filed AND l.partnership_id = p.id)
                AND EXISTS (SELECT 1 FROM assigned_label a
                            WHERE a.filed = p.filed AND a.partnership_id = p.id AND \(plus)a.label = \(label)))
            """
    }
}

extension Partnership {
    /// The partnership's labels given `saved` ones: those set by hand, when there are any, else `saved`.
    public func labels(saved: @autoclosure () -> [String]) -> [String] {
        LabelPrecedence.labels(manual: labels, else: saved())
    }
}
