import AccordCore
import Foundation

extension RuleSetScore {
    /// A ratio as the score shows it: `0.92`, `—` when there is none.
    public static func decimal(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "—"
    }

    /// `66 of 83 (79.5%)`.
    static func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "none judged" : "\(part) of \(whole) (\(String(format: "%.1f", 100 * Double(part) / Double(whole)))%)"
    }

    /// One line: `micro-F1 0.92, macro-F1 0.89, exact set 79.5%, same primary 86.7% (83 partnerships)`.
    public var summary: String {
        let exact = exactShare.map { String(format: "%.1f%%", 100 * $0) } ?? "—"
        let primary = primaryShare.map { String(format: "%.1f%%", 100 * $0) } ?? "—"
        return "micro-F1 \(Self.decimal(micro.f1)), macro-F1 \(Self.decimal(macroF1)), exact set \(exact), "
            + "same primary \(primary) (\(partnerships) partnerships)"
    }

    /// The score as `accord rules score` prints it.
    public var text: String {
        var lines = ["Scored \(partnerships) partnerships against \(against)."]
        if leftOut > 0 { lines.append("\(leftOut) judged partnerships are not in the period and are left out.") }
        guard partnerships > 0 else { return lines.joined(separator: "\n") }
        lines.append("")
        let header = ["label", "precision", "recall", "f1", "support", "given", "missed", "extra"]
        var rows = labels.map { l in
            [l.label + (l.name == nil ? " (not a label of the packs)" : ""), Self.decimal(l.counts.precision),
             Self.decimal(l.counts.recall), Self.decimal(l.counts.f1), "\(l.counts.support)", "\(l.counts.given)",
             "\(l.counts.falseNegatives)", "\(l.counts.falsePositives)"]
        }
        rows.append(["micro", Self.decimal(micro.precision), Self.decimal(micro.recall), Self.decimal(micro.f1),
                     "\(micro.support)", "\(micro.given)", "\(micro.falseNegatives)", "\(micro.falsePositives)"])
        rows.append(["macro", "", "", Self.decimal(macroF1), "", "", "", ""])
        lines.append(TextTable.text(header, rows))
        lines.append("")
        lines.append("exact label set  \(Self.share(exactMatches, partnerships))")
        lines.append("same primary     \(Self.share(primaryAgreed, primaryJudged))")
        if !confusion.isEmpty {
            lines.append("")
            lines.append("Primary label given instead of the judged one:")
            lines.append(TextTable.text(["judged", "given", "partnerships"],
                                    confusion.map { [$0.judged, $0.given, "\($0.count)"] }, indent: "  "))
        }
        let wrong = rules.filter { $0.wrong > 0 }.sorted { ($1.wrong, $0.rule) < ($0.wrong, $1.rule) }
        if !wrong.isEmpty {
            lines.append("")
            lines.append("Rules whose label was not judged where they fired:")
            lines.append(TextTable.text(["rule", "label", "fired", "wrong", "precision"],
                                    wrong.map { [$0.rule, $0.label, "\($0.fired)", "\($0.wrong)", Self.decimal($0.precision)] },
                                    indent: "  "))
        }
        if disagreementCount > 0 {
            lines.append("")
            lines.append("Disagreements (\(disagreementCount)):")
            for d in disagreements {
                lines.append("  \(d.id)  \(d.title)")
                lines.append("    judged: \(Self.labelList(d.judged, d.judgedPrimary))   given: \(Self.labelList(d.given, d.givenPrimary))")
                lines += d.causes.map { "    \($0)" }
                if let note = d.note { lines.append("    note: \(note)") }
            }
            if disagreements.count < disagreementCount {
                lines.append("  … and \(disagreementCount - disagreements.count) more (--limit 0 shows them all)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `rnd*, export`: the primary label marked; `none` for no label.
    static func labelList(_ labels: [String], _ primary: String?) -> String {
        labels.isEmpty ? "none" : labels.map { $0 == primary ? "\($0)*" : $0 }.joined(separator: ", ")
    }

    /// The score as one JSON document (keys sorted); ratios with no value are `null`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONDocument(self)), as: UTF8.self)
    }
}

extension RuleSetScore {
    /// `accord rules score --format json`.
    struct JSONDocument: Encodable {
        struct Metrics: Encodable {
            var label: String?
            var name: String?
            var precision: Double?
            var recall: Double?
            var f1: Double
            var support: Int
            var given: Int
            var true_positives: Int
            var false_positives: Int
            var false_negatives: Int

            init(_ c: RuleSetScore.Counts, label: String? = nil, name: String? = nil) {
                self.label = label
                self.name = name
                precision = c.precision
                recall = c.recall
                f1 = c.f1
                support = c.support
                given = c.given
                true_positives = c.truePositives
                false_positives = c.falsePositives
                false_negatives = c.falseNegatives
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encodeIfPresent(label, forKey: .label)
                try c.encodeIfPresent(name, forKey: .name)
                try c.encode(precision, forKey: .precision)
                try c.encode(recall, forKey: .recall)
                try c.encode(f1, forKey: .f1)
                try c.encode(support, forKey: .support)
                try c.encode(given, forKey: .given)
                try c.encode(true_positives, forKey: .true_positives)
                try c.encode(false_positives, forKey: .false_positives)
                try c.encode(false_negatives, forKey: .false_negatives)
            }

            enum CodingKeys: String, CodingKey {
                case label, name, precision, recall, f1, support, given, true_positives, false_positives, false_negatives
            }
        }

        struct Share: Encodable {
            var count: Int
            var of: Int
            var share: Double?

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(count, forKey: .count)
                try c.encode(of, forKey: .of)
                try c.encode(share, forKey: .share)
            }

            enum CodingKeys: String, CodingKey { case count, of, share }
        }

        struct Confusion: Encodable {
            var judged: String
            var given: String
            var count: Int
        }

        struct Rule: Encodable {
            var rule: String
            var label: String
            var fired: Int
            var right: Int
            var precision: Double
        }

        struct Disagreement: Encodable {
            var id: String
            var title: String
            var judged: [String]
            var judged_primary: String?
            var given: [String]
            var given_primary: String?
            var missing: [String]
            var extra: [String]
            var causes: [String]
            var note: String?
        }

        var against: String
        var partnerships: Int
        var left_out: Int
        var labels: [Metrics]
        var micro: Metrics
        var macro_f1: Double?
        var exact_set: Share
        var same_primary: Share
        var confusion: [Confusion]
        var rules: [Rule]
        var disagreement_count: Int
        var disagreements: [Disagreement]

        init(_ s: RuleSetScore) {
            against = s.against
            partnerships = s.partnerships
            left_out = s.leftOut
            labels = s.labels.map { Metrics($0.counts, label: $0.label, name: $0.name) }
            micro = Metrics(s.micro)
            macro_f1 = s.macroF1
            exact_set = Share(count: s.exactMatches, of: s.partnerships, share: s.exactShare)
            same_primary = Share(count: s.primaryAgreed, of: s.primaryJudged, share: s.primaryShare)
            confusion = s.confusion.map { Confusion(judged: $0.judged, given: $0.given, count: $0.count) }
            rules = s.rules.map { Rule(rule: $0.rule, label: $0.label, fired: $0.fired, right: $0.right, precision: $0.precision) }
            disagreement_count = s.disagreementCount
            disagreements = s.disagreements.map {
                Disagreement(id: $0.id, title: $0.title, judged: $0.judged, judged_primary: $0.judgedPrimary, given: $0.given,
                             given_primary: $0.givenPrimary, missing: $0.missing, extra: $0.extra, causes: $0.causes, note: $0.note)
            }
        }
    }
}
