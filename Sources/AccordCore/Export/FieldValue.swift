import Foundation
import Yams

/// A record as data files show it: fields in the documented order, absent optionals
/// and empty lists left out. JSON and YAML are both written from this.
enum FieldValue {
    case text(String)
    /// Always quoted in YAML, so that no reader takes `2019` for a number or `2019-06-01` for a timestamp.
    case date(PartialDate)
    case amount(Double)
    case integer(Int)
    case boolean(Bool)
    /// `compact` lists and mappings are written inline in YAML (`[TH, TW]`, `{org: x, role: y}`).
    case list([FieldValue], compact: Bool)
    case map([(String, FieldValue)], compact: Bool)

    static func record(_ s: Source) -> FieldValue {
        var f = Fields()
        f["id"] = .text(s.id)
        f["title"] = .text(s.title)
        f["publisher"] = s.publisher.map(FieldValue.text)
        f["published"] = s.published.map(FieldValue.date)
        f["url"] = s.url.map(FieldValue.text)
        f["document"] = s.document.map(FieldValue.text)
        return f.map()
    }

    static func record(_ o: Organization) -> FieldValue {
        var f = Fields()
        f["id"] = .text(o.id)
        f["name"] = .text(o.name)
        f["aliases"] = .texts(o.aliases)
        f["kind"] = .text(o.kind.rawValue)
        f["country"] = .text(o.country)
        f["parent"] = o.parent.map(FieldValue.text)
        f["sources"] = .texts(o.sources)
        return f.map()
    }

    static func record(_ p: Partnership) -> FieldValue {
        var f = Fields()
        f["id"] = .text(p.id)
        f["title"] = .text(p.title)
        f["summary"] = p.summary.map(FieldValue.text)
        f["form"] = .text(p.form.rawValue)
        f["status"] = .text(p.status.rawValue)
        f["status_as_of"] = p.statusAsOf.map(FieldValue.date)
        f["announced"] = p.announced.map(FieldValue.date)
        f["signed"] = p.signed.map(FieldValue.date)
        f["start"] = p.start.map(FieldValue.date)
        f["end"] = p.end.map(FieldValue.date)
        f["duration_months"] = p.durationMonths.map(FieldValue.integer)
        f["duration_days"] = p.durationDays.map(FieldValue.integer)
        f["series"] = p.isSeries ? .boolean(true) : nil
        f["related"] = .list(p.related.map {
            .map([("to", .text($0.to)), ("kind", .text($0.kind.rawValue))], compact: true)
        }, compact: false)
        f["venue"] = p.venue.map { venue in
            var g = Fields()
            g["name"] = venue.name.map(FieldValue.text)
            g["city"] = venue.city.map(FieldValue.text)
            g["country"] = venue.country.map(FieldValue.text)
            return g.map(compact: true)
        }
        f["parties"] = .list(p.parties.map(party), compact: false)
        f["people"] = .list(p.people.map { person in
            var g = Fields()
            g["name"] = person.name.map(FieldValue.text)
            g["title"] = person.title.map(FieldValue.text)
            g["org"] = person.organization.map(FieldValue.text)
            g["role"] = .text(person.role.rawValue)
            return g.map(compact: true)
        }, compact: false)
        f["territories"] = .texts(p.territories)
        f["products"] = .list(p.products.map { product in
            var g = Fields()
            g["name"] = .text(product.name)
            g["kind"] = .text(product.kind.rawValue)
            g["indication"] = product.indication.map(FieldValue.text)
            g["therapeutic_area"] = product.therapeuticArea.map(FieldValue.text)
            return g.map(compact: true)
        }, compact: false)
        f["financials"] = .list(p.financials.map { term in
            var g = Fields()
            g["type"] = .text(term.type.rawValue)
            g["amount"] = term.amount.map { amount($0, term.qualifier) }
            g["currency"] = term.currency.map(FieldValue.text)
            g["per"] = term.per.map(FieldValue.text)
            g["equivalents"] = .list(term.equivalents.map {
                .map([("amount", amount($0.amount, $0.qualifier)), ("currency", .text($0.currency))], compact: true)
            }, compact: false)
            g["wording"] = term.wording.map(FieldValue.text)
            return g.map()
        }, compact: false)
        f["figures"] = .map(p.figures.sorted { $0.key < $1.key }.map { ($0.key.rawValue, quantity($0.value)) },
                            compact: false)
        f["tags"] = .texts(p.tags)
        f["labels"] = .texts(p.labels)
        f["sources"] = .texts(p.sources)
        return f.map()
    }

    private static func party(_ party: Party) -> FieldValue {
        guard let unnamed = party.unnamed else {
            return .map([("org", .text(party.organization ?? "")), ("role", .text(party.role.rawValue))], compact: true)
        }
        var g = Fields()
        g["description"] = .text(unnamed.description)
        g["kind"] = .text(unnamed.kind.rawValue)
        g["role"] = .text(party.role.rawValue)
        g["country"] = unnamed.country.map(FieldValue.text)
        g["count"] = unnamed.count.map(quantity)
        return g.map(compact: true)
    }

    /// A plain number when exact, `{value, qualifier}` otherwise.
    private static func quantity(_ q: Quantity) -> FieldValue {
        q.qualifier == .exactly ? .integer(q.value)
            : .map([("value", .integer(q.value)), ("qualifier", .text(q.qualifier.rawValue))], compact: true)
    }

    private static func amount(_ x: Double, _ qualifier: Qualifier) -> FieldValue {
        qualifier == .exactly ? .amount(x) : .map([("value", .amount(x)), ("qualifier", .text(qualifier.rawValue))], compact: true)
    }

    static func texts(_ items: [String]) -> FieldValue { .list(items.map(FieldValue.text), compact: true) }

    var isEmpty: Bool {
        switch self {
        case .list(let items, _): items.isEmpty
        case .map(let entries, _): entries.isEmpty
        default: false
        }
    }

    /// For `JSONSerialization`. Amounts go through `Decimal` so that JSON prints them as the other formats do.
    var json: Any {
        switch self {
        case .text(let s): s
        case .date(let d): d.description
        case .amount(let x): Decimal(string: Amount.text(x)).map { $0 as Any } ?? x
        case .integer(let n): n
        case .boolean(let b): b
        case .list(let items, _): items.map(\.json)
        case .map(let entries, _): Dictionary(uniqueKeysWithValues: entries.map { ($0.0, $0.1.json) })
        }
    }

    /// For Yams. Strings YAML would read as another type (`2019`, `true`, `null`) are quoted;
    /// multi-line ones are literal blocks where YAML allows it.
    var yaml: Node {
        switch self {
        case .text(let s):
            var scalar = s.represented()
            if s.contains("\n") && scalar.style == .any { scalar.style = .literal }
            return .scalar(scalar)
        case .date(let d):
            return .scalar(.init(d.description, Tag(.str), .singleQuoted))
        case .amount(let x):
            return Node(Amount.text(x))
        case .integer(let n):
            return Node(String(n))
        case .boolean(let b):
            return Node(b ? "true" : "false")
        case .list(let items, let compact):
            return .sequence(.init(items.map(\.yaml), .implicit, compact ? .flow : .block))
        case .map(let entries, let compact):
            return .mapping(.init(entries.map { (Node($0.0), $0.1.yaml) }, .implicit, compact ? .flow : .block))
        }
    }

    /// Ordered fields that drop absent values and empty lists.
    struct Fields {
        private var entries: [(String, FieldValue)] = []

        subscript(key: String) -> FieldValue? {
            get { entries.first { $0.0 == key }?.1 }
            set { if let newValue, !newValue.isEmpty { entries.append((key, newValue)) } }
        }

        func map(compact: Bool = false) -> FieldValue { .map(entries, compact: compact) }
    }
}

/// How amounts are written in every format: integral values without a fraction or
/// exponent (`170000000000`), others in Swift's shortest exact form (`0.1`).
enum Amount {
    static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e21 ? String(format: "%.0f", x) : "\(x)"
    }
}
