/// The CSV layout shared by import and export: columns, and how a cell holds
/// several items (`;`) of several parts (`|`), with `\` escaping `;`, `|` and `\`.
enum CSVCells {
    static let sourceColumns = ["id", "title", "publisher", "published", "url", "document"]
    static let organizationColumns = ["id", "name", "aliases", "kind", "country", "parent", "sources"]
    static let partnershipColumns = ["id", "title", "summary", "form", "status", "announced", "signed", "start", "end",
                                     "duration_months", "parties", "territories", "products", "financials", "figures",
                                     "tags", "labels", "sources"]

    /// The parts of a `products` item, in order.
    static let productParts = ["name", "kind", "indication", "therapeutic_area"]
    /// The parts of a `financials` item, in order.
    static let financialParts = ["type", "amount", "currency", "wording"]

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
        var bytes = text
        return bytes.withUTF8 { utf8 in
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
        [p.id, p.title, p.summary ?? "", p.form.rawValue, p.status.rawValue,
         p.announced?.description ?? "", p.signed?.description ?? "", p.start?.description ?? "",
         p.end?.description ?? "", p.durationMonths.map(String.init) ?? "",
         join(p.parties.map { "\(escape($0.organization)):\($0.role.rawValue)" }),
         join(p.territories.map(escape)),
         join(p.products.map { joinParts([$0.name, $0.kind.rawValue, $0.indication, $0.therapeuticArea]) }),
         join(p.financials.map { joinParts([$0.type.rawValue, $0.amount.map(Amount.text), $0.currency, $0.wording]) }),
         join(p.figures.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }),
         join(p.tags.map(escape)), join(p.labels.map(escape)), join(p.sources.map(escape))]
    }
}
