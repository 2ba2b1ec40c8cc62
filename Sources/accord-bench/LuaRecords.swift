import AccordCore
import Foundation

/// Partnerships written as Lua table constructors, field for field as the
/// host pushes them to scripts (parties with their organization's name, kind
/// and country; organizations and sources shared within a file), so that plain
/// `lua5.4` can run the rules over the same records with no bridge.
struct LuaRecords {
    let organizations: [String: Organization]
    let sources: [String: Source]

    /// `return { {…}, {…} }` for `batch`, organizations and sources first as locals.
    func chunk(_ batch: [Partnership]) -> String {
        var out = "local O, S = {}, {}\n"
        var seenOrganizations: Set<String> = [], seenSources: Set<String> = []
        func source(_ id: String) {
            guard seenSources.insert(id).inserted, let s = sources[id] else { return }
            out += "S[\(q(id))] = { id = \(q(s.id)), title = \(q(s.title))\(opt("publisher", s.publisher))"
                + "\(opt("published", s.published?.description))\(opt("url", s.url))\(opt("document", s.document)) }\n"
        }
        for p in batch {
            p.sources.forEach(source)
            for case let id? in p.parties.map(\.organization) where seenOrganizations.insert(id).inserted {
                guard let o = organizations[id] else { continue }
                o.sources.forEach(source)
                out += "O[\(q(o.id))] = { id = \(q(o.id)), name = \(q(o.name)), aliases = \(list(o.aliases)), "
                    + "kind = \(q(o.kind.rawValue)), country = \(q(o.country))\(opt("parent", o.parent)), "
                    + "sources = { \(o.sources.map { "S[\(q($0))]" }.joined(separator: ", ")) } }\n"
            }
        }
        out += "return {\n"
        for p in batch { out += record(p) + ",\n" }
        out += "}\n"
        return out
    }

    private func record(_ p: Partnership) -> String {
        var s = "{ id = \(q(p.id)), title = \(q(p.title))\(opt("summary", p.summary)), form = \(q(p.form.rawValue)), "
        s += "status = \(q(p.status.rawValue))\(opt("announced", p.announced?.description))"
        s += "\(opt("signed", p.signed?.description))\(opt("start", p.start?.description))\(opt("finish", p.end?.description))"
        s += "\(opt("date", p.date?.description))\(opt("precision", p.date?.precision.name))"
        if let months = p.durationMonths { s += ", duration_months = \(months)" }
        s += ", parties = { " + p.parties.map { party in
            // Generated data names every party.
            let id = party.organization ?? ""
            var t = "{ role = \(q(party.role.rawValue)), id = \(q(id)), organization = O[\(q(id))]"
            if let o = organizations[id] {
                t += ", name = \(q(o.name)), kind = \(q(o.kind.rawValue)), country = \(q(o.country))"
            }
            return t + " }"
        }.joined(separator: ", ") + " }"
        s += ", territories = \(list(p.territories))"
        s += ", products = { " + p.products.map {
            "{ name = \(q($0.name)), kind = \(q($0.kind.rawValue))\(opt("indication", $0.indication))"
                + "\(opt("therapeutic_area", $0.therapeuticArea)) }"
        }.joined(separator: ", ") + " }"
        s += ", financials = { " + p.financials.map {
            "{ type = \(q($0.type.rawValue))\($0.amount.map { ", amount = \(Self.number($0))" } ?? "")"
                + "\(opt("currency", $0.currency))\(opt("wording", $0.wording)) }"
        }.joined(separator: ", ") + " }"
        s += ", figures = { " + p.figures.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) = \($0.value.value)" }
            .joined(separator: ", ") + " }"
        s += ", tags = \(list(p.tags)), labels = \(list(p.labels))"
        s += ", sources = { " + p.sources.map { "S[\(q($0))] or \(q($0))" }.joined(separator: ", ") + " } }"
        return s
    }

    private func opt(_ key: String, _ value: String?) -> String { value.map { ", \(key) = \(q($0))" } ?? "" }
    private func list(_ items: [String]) -> String { "{ " + items.map(q).joined(separator: ", ") + " }" }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0
    }

    /// A Lua string literal.
    private func q(_ text: String) -> String {
        guard text.utf8.contains(where: Self.isSpecial) else { return "\"" + text + "\"" }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): bytes += Array("\\n".utf8)
            case UInt8(ascii: "\r"): bytes += Array("\\r".utf8)
            case 0: bytes += Array("\\0".utf8)
            case _ where Self.isSpecial(byte): bytes += [UInt8(ascii: "\\"), byte]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func number(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(format: "%.1f", x) : "\(x)"
    }
}
