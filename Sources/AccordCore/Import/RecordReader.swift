/// Reads one record of each kind from its mapping node, checking every field on its own.
/// Checks that span records (duplicates, references) are the `IDRegistry`'s.
enum RecordReader {
    enum Record {
        case source(Source)
        case organization(Organization)
        case partnership(Partnership)
    }

    /// The record, or nil when a required part of it could not be read.
    static func read(_ node: DataNode, kind: RecordKind, context: RecordContext) -> Record? {
        guard let fields = FieldReader(node, context: context) else { return nil }
        switch kind {
        case .source: return source(fields).map(Record.source)
        case .organization: return organization(fields).map(Record.organization)
        case .partnership: return partnership(fields).map(Record.partnership)
        }
    }

    static func source(_ f: FieldReader) -> Source? {
        let id = f.id()
        f.rejectUnknownKeys(CSVCells.sourceColumns)
        let title = f.string("title", required: true)
        let source = Source(id: id ?? "", title: title ?? "", publisher: f.string("publisher"),
                            published: f.date("published"), url: f.string("url"), document: f.string("document"))
        return id != nil && title != nil ? source : nil
    }

    static func organization(_ f: FieldReader) -> Organization? {
        let id = f.id()
        f.rejectUnknownKeys(CSVCells.organizationColumns)
        let name = f.string("name", required: true)
        let aliases = f.strings("aliases").map(\.text)
        let kind = f.value("kind", as: OrganizationKind.self, required: true)
        let country = f.code("country", in: Codes.countries, what: "an ISO 3166-1 alpha-2 code", required: true)
        let parent = f.reference("parent", to: .organization)
        if let parent, parent == id { f.report("parent", line: f.node("parent")?.line, "an organization cannot be its own parent") }
        let sources = f.references("sources", to: .source)
        guard let id, let name, let kind, let country else { return nil }
        return Organization(id: id, name: name, aliases: aliases, kind: kind, country: country, parent: parent,
                            sources: sources)
    }

    private static let territoryCodes = Codes.countries.union(Territory.groups.keys)

    static func partnership(_ f: FieldReader) -> Partnership? {
        let id = f.id()
        f.rejectUnknownKeys(CSVCells.partnershipColumns)
        let title = f.string("title", required: true)
        let form = f.value("form", as: PartnershipForm.self, required: true)
        var p = Partnership(id: id ?? "", title: title ?? "", summary: f.string("summary"), form: form ?? .other,
                            status: f.value("status", as: PartnershipStatus.self) ?? .unknown,
                            announced: f.date("announced"), signed: f.date("signed"),
                            start: f.date("start"), end: f.date("end"), durationMonths: f.count("duration_months"))
        p.statusAsOf = f.date("status_as_of")
        p.durationDays = f.count("duration_days")
        p.isSeries = f.flag("series") ?? false
        p.related = f.list("related").compactMap { relation($0.node, path: $0.path, f.context) }
        p.venue = f.node("venue").flatMap { venue($0, path: f.fieldPath("venue"), f.context) }
        p.people = f.list("people").compactMap { person($0.node, path: $0.path, f.context) }
        if let start = p.start, let end = p.end, end.last < start.first {
            f.report("end", line: f.node("end")?.line, "ends (\(end)) before it starts (\(start))")
        }
        p.parties = f.list("parties", nonEmpty: true).compactMap { party($0.node, path: $0.path, f.context) }
        p.territories = f.strings("territories").compactMap {
            f.context.code($0.text, in: territoryCodes, what: "a country code or territory group", path: $0.path, line: $0.line)
        }
        p.products = f.list("products").compactMap { product($0.node, path: $0.path, f.context) }
        p.financials = f.list("financials").compactMap { financial($0.node, path: $0.path, f.context) }
        p.figures = figures(f)
        p.tags = f.strings("tags").map(\.text)
        p.labels = f.context.labels(f.strings("labels"))
        p.sources = f.references("sources", to: .source, nonEmpty: true)
        return id != nil && title != nil && form != nil ? p : nil
    }

    /// A party: `{org, role}`, or an unnamed one, `{description, kind, role, country, count}`.
    static func party(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Party? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(partyKeys)
        guard f.node("description") != nil else {
            let org = f.reference("org", to: .organization, required: true)
            let role = f.value("role", as: PartyRole.self, required: true)
            for key in ["kind", "country", "count"] where f.node(key) != nil {
                f.report(key, line: f.node(key)?.line, "only an unnamed party (with a description) has a \(key)")
            }
            guard let org, let role else { return nil }
            return Party(organization: org, role: role)
        }
        if let org = f.node("org") {
            f.report("org", line: org.line, "a party names an organization (org) or describes one (description), not both")
        }
        let description = f.string("description", required: true)
        let kind = f.value("kind", as: OrganizationKind.self, required: true)
        let role = f.value("role", as: PartyRole.self, required: true)
        let country = f.code("country", in: Codes.countries, what: "an ISO 3166-1 alpha-2 code")
        let count = f.quantity("count")
        guard let description, let kind, let role else { return nil }
        return Party(unnamed: UnnamedParty(description: description, kind: kind, country: country, count: count), role: role)
    }

    /// The keys of a party's mapping; also the parts of an unnamed party in a CSV cell, after `org`.
    static let partyKeys = ["org", "description", "kind", "role", "country", "count"]

    static func relation(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Relation? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(CSVCells.relationParts)
        let to = f.reference("to", to: .partnership, required: true)
        let kind = f.value("kind", as: RelationKind.self, required: true)
        if let to, to == context.definition?.id { f.report("to", line: f.node("to")?.line, "a partnership cannot relate to itself") }
        guard let to, let kind else { return nil }
        return Relation(to: to, kind: kind)
    }

    static func venue(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Venue? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(CSVCells.venueParts)
        let venue = Venue(name: f.string("name"), city: f.string("city"),
                          country: f.code("country", in: Codes.countries, what: "an ISO 3166-1 alpha-2 code"))
        guard venue != Venue() else {
            context.report(path, line: node.line, "a venue needs a name, a city or a country")
            return nil
        }
        return venue
    }

    static func person(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Person? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(CSVCells.personParts)
        let name = f.string("name"), title = f.string("title")
        if name == nil && title == nil { context.report(path, line: node.line, "a person needs a name, a title or both") }
        let role = f.value("role", as: PersonRole.self, required: true)
        guard name != nil || title != nil, let role else { return nil }
        return Person(name: name, title: title, organization: f.reference("org", to: .organization), role: role)
    }

    private static func product(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Product? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(CSVCells.productParts)
        let name = f.string("name", required: true)
        let kind = f.value("kind", as: ProductKind.self, required: true)
        guard let name, let kind else { return nil }
        return Product(name: name, kind: kind, indication: f.string("indication"),
                       therapeuticArea: f.string("therapeutic_area"))
    }

    private static func financial(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> FinancialTerm? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(CSVCells.financialParts)
        let type = f.value("type", as: FinancialTermType.self, required: true)
        let amount = f.qualifiedAmount("amount")
        let currency = f.code("currency", in: Codes.currencies, what: "an ISO 4217 currency code")
        if amount != nil, f.node("currency") == nil { f.report("currency", line: nil, "an amount needs a currency") }
        let equivalents = f.list("equivalents").compactMap { money($0.node, path: $0.path, context) }
        if !equivalents.isEmpty, amount == nil { f.report("equivalents", line: f.node("equivalents")?.line, "equivalents need an amount") }
        guard let type else { return nil }
        return FinancialTerm(type: type, amount: amount?.0, qualifier: amount?.1 ?? .exactly, currency: currency,
                             per: f.string("per"), equivalents: equivalents, wording: f.string("wording"))
    }

    /// `{amount, currency}`: an amount of an equivalent, both required.
    static func money(_ node: DataNode, path: FieldPath, _ context: RecordContext) -> Money? {
        guard let f = FieldReader(node, path: path, context: context) else { return nil }
        f.rejectUnknownKeys(["amount", "currency"])
        let amount = f.qualifiedAmount("amount")
        if f.node("amount") == nil { f.report("amount", line: nil, "missing required field") }
        let currency = f.code("currency", in: Codes.currencies, what: "an ISO 4217 currency code", required: true)
        guard let amount, let currency else { return nil }
        return Money(amount: amount.0, qualifier: amount.1, currency: currency)
    }

    private static let figureKeys = FigureKey.allCases.map(\.rawValue)

    private static func figures(_ f: FieldReader) -> [FigureKey: Quantity] {
        figures(f.node("figures"), path: f.fieldPath("figures"), context: f.context)
    }

    /// The figures of a mapping, none when `node` is nil.
    static func figures(_ node: DataNode?, path: FieldPath, context: RecordContext) -> [FigureKey: Quantity] {
        guard let node, let figures = FieldReader(node, path: path, context: context) else { return [:] }
        figures.rejectUnknownKeys(figureKeys, noun: "figure")
        var result: [FigureKey: Quantity] = [:]
        for (key, _) in figures.keyed {
            if let figure = FigureKey(rawValue: key), let n = figures.quantity(key) { result[figure] = n }
        }
        return result
    }
}
