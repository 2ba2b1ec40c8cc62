/// The CSV layout shared by import and export: columns, and how a cell holds
/// several items (`;`) of several parts (`|`), with `\` escaping `;`, `|` and `\`.
enum CSVCells {
    static let sourceColumns = ["id", "title", "publisher", "published", "url", "document"]
    static let organizationColumns = ["id", "name", "aliases", "kind", "country", "parent", "sources"]
    static let partnershipColumns = ["id", "title", "summary", "form", "status", "status_as_of", "announced", "signed",
                                     "start", "end", "duration_months", "duration_days", "series", "related", "venue",
                                     "parties", "people", "territories", "products", "financials", "figures", "tags",
                                     "labels", "sources"]

    /// The parts of a `products` item, in order.
    static let productParts = ["name", "kind", "indication", "therapeutic_area"]
    /// The parts of a `financials` item, in order.
    static let financialParts = ["type", "amount", "currency", "wording", "per", "equivalents"]
    /// The parts of an unnamed party in a `parties` cell, in order (a named one is `org:role`).
    static let unnamedPartyParts = ["description", "kind", "role", "country", "count"]
    /// The parts of a `related` item: `to:kind`.
    static let relationParts = ["to", "kind"]
    /// The parts of the `venue` cell, in order.
    static let venueParts = ["name", "city", "country"]
    /// The parts of a `people` item, in order.
    static let personParts = ["name", "title", "org", "role"]

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "\\" || c == ";" || c == "|" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Items joined with `;`, each already escaped.
    static func join(_ items: [String]) -> String { items.joined(separator: ";") }

    /// Parts joined with `|`, dropping trailing empty parts.
    static func joinParts(_ parts: [String?]) -> String {
        var parts = parts.map { $0.map(escape) ?? "" }
        while parts.last == "" { parts.removeLast() }
        return parts.joined(separator: "|")
    }

    /// Splits on unescaped `separator` (ASCII), leaving escapes in place for a further split.
    static func split(_ text: String, on separator: Character) -> [String] {
        let sep = separator.asciiValue!, backslash = UInt8(ascii: "\\")
        return text.withBytes { utf8 in
            var items: [String] = [], start = 0, i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if byte == backslash {
                    i += 2
                    continue
                }
                if byte == sep {
                    items.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self))
                    start = i + 1
                }
                i += 1
            }
            items.append(start == 0 ? text : String(decoding: UnsafeBufferPointer(rebasing: utf8[start...]), as: UTF8.self))
            return items
        }
    }

    /// Removes the escapes of `;`, `|` and `\`; a backslash before anything else stays.
    static func unescape(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "\\")) else { return text }
        var out = "", escaping = false
        for c in text {
            if escaping {
                if c != "\\" && c != ";" && c != "|" { out.append("\\") }
                out.append(c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}

extension CSVCells {
    static func row(_ s: Source) -> [String] {
        [s.id, s.title, s.publisher ?? "", s.published?.description ?? "", s.url ?? "", s.document ?? ""]
    }

    static func row(_ o: Organization) -> [String] {
        [o.id, o.name, join(o.aliases.map(escape)), o.kind.rawValue, o.country, o.parent ?? "",
         join(o.sources.map(escape))]
    }

    static func row(_ p: Partnership) -> [String] {
        [p.id, p.title, p.summary ?? "", p.form.rawValue, p.status.rawValue, p.statusAsOf?.description ?? "",
         p.announced?.description ?? "", p.signed?.description ?? "", p.start?.description ?? "",
         p.end?.description ?? "", p.durationMonths.map(String.init) ?? "", p.durationDays.map(String.init) ?? "",
         p.isSeries ? "true" : "",
         join(p.related.map { "\(escape($0.to)):\($0.kind.rawValue)" }),
         p.venue.map { joinParts([$0.name, $0.city, $0.country]) } ?? "",
         join(p.parties.map(cell)),
         join(p.people.map { joinParts([$0.name, $0.title, $0.organization, $0.role.rawValue]) }),
         join(p.territories.map(escape)),
         join(p.products.map { joinParts([$0.name, $0.kind.rawValue, $0.indication, $0.therapeuticArea]) }),
         join(p.financials.map(cell)),
         join(p.figures.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\(cell($0.value))" }),
         join(p.tags.map(escape)), join(p.labels.map(escape)), join(p.sources.map(escape))]
    }

    /// `org:role`, or an unnamed party's `description|kind|role|country|count`.
    private static func cell(_ party: Party) -> String {
        guard let unnamed = party.unnamed else { return "\(escape(party.organization ?? "")):\(party.role.rawValue)" }
        return joinParts([unnamed.description, unnamed.kind.rawValue, party.role.rawValue, unnamed.country,
                          unnamed.count.map(cell)])
    }

    /// `type|amount|currency|wording|per|equivalents`, the equivalents as `AMOUNT CURRENCY` joined by commas.
    private static func cell(_ term: FinancialTerm) -> String {
        let equivalents = term.equivalents.map { QualifierMark.cell(Amount.text($0.amount), $0.qualifier) + " " + $0.currency }
        return joinParts([term.type.rawValue, term.amount.map { QualifierMark.cell(Amount.text($0), term.qualifier) },
                          term.currency, term.wording, term.per,
                          equivalents.isEmpty ? nil : equivalents.joined(separator: ",")])
    }

    /// `100`, `>100`, `~62`: a quantity with its qualifier's mark.
    static func cell(_ quantity: Quantity) -> String { QualifierMark.cell(String(quantity.value), quantity.qualifier) }
}
