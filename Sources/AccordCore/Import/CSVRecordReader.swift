/// Reads a record straight from a CSV row's cells, with the checks and messages that
/// `RecordReader` gives the mapping the row stands for (`CSVSource.fields(of:)`), but
/// without building it: plain and list cells are read where they lie, parties are
/// split into pairs, products and financials into parts; only figures become nodes.
enum CSVRecordReader {
    /// The record, or nil when a required part of it could not be read; problems of
    /// compound cells go to `report`, in column order, before any field is read.
    static func read(_ row: CSVSource.Row, context: RecordContext, report: CSVSource.CellReport) -> RecordReader.Record? {
        var fields = Fields(slots: row.slots, cells: row.cells, line: row.line, context: context)
        for (index, shape) in row.shapes.enumerated() {
            switch shape {
            case .plain, .list: continue
            case .parties:
                let cell = row.cells[index].trimmed
                if cell.containsByte(UInt8(ascii: "|")) {
                    fields.nodes[index] = node(cell, shape, row, index, report)
                } else {
                    fields.parties = Self.parties(cell, report: report)
                }
            case .pairs, .record, .mappings:
                let cell = row.cells[index].trimmed
                guard !cell.isEmpty else { continue }
                fields.nodes[index] = node(cell, shape, row, index, report)
            case .parts(let names):
                let cell = row.cells[index].trimmed
                guard !cell.isEmpty else { continue }
                let column = row.columns[index]
                let parts = CSVParts(cell, column: column, names: names, report: report)
                if column == CSVField.products.name { fields.products = parts } else { fields.financials = parts }
            case .figures:
                let cell = row.cells[index].trimmed
                guard !cell.isEmpty else { continue }
                let column = row.columns[index]
                fields.figures = CSVSource.node(for: cell, shape: shape, line: row.line) {
                    report($0.map { "\(column)\($0)" } ?? column, $1)
                }
            }
        }
        switch row.kind {
        case .source: return fields.source().map(RecordReader.Record.source)
        case .organization: return fields.organization().map(RecordReader.Record.organization)
        case .partnership: return fields.partnership().map(RecordReader.Record.partnership)
        }
    }

    /// A compound cell as the node its YAML form would be, read by `RecordReader`'s functions.
    private static func node(_ cell: String, _ shape: CSVSource.Shape, _ row: CSVSource.Row, _ index: Int,
                             _ report: CSVSource.CellReport) -> DataNode {
        let column = row.columns[index]
        return CSVSource.node(for: cell, shape: shape, line: row.line) { report($0.map { "\(column)\($0)" } ?? column, $1) }
    }

    /// A `parties` cell as (org, role) pairs, unescaped and trimmed; nil when the cell is empty.
    /// An item without a colon is reported and left out, as the mapping left it out.
    private static func parties(_ cell: String, report: CSVSource.CellReport) -> [(org: String, role: String)]? {
        guard !cell.isEmpty else { return nil }
        let items = CSVItemBytes.parties(cell) ?? CSVCells.split(cell, on: ";").map(\.trimmed).filter { !$0.isEmpty }.map { item in
            guard let colon = item.lastIndexOfASCII(UInt8(ascii: ":")) else { return CSVItemBytes.Party.noColon(item) }
            return .pair(org: CSVCells.unescape(String(item[..<colon])).trimmed,
                         role: CSVCells.unescape(String(item[item.index(after: colon)...])).trimmed)
        }
        var parties: [(org: String, role: String)] = []
        parties.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            switch item {
            case .pair(let org, let role): parties.append((org, role))
            case .noColon(let item): report("parties[\(i + 1)]", "expected org:role, found '\(CSVCells.unescape(item))'")
            }
        }
        return parties
    }
}

/// One row's fields by name, read as `FieldReader` reads a mapping's.
private struct Fields {
    /// The column of each `CSVField`, -1 where the header has none.
    let slots: [Int]
    let cells: [String]
    let line: Int
    let context: RecordContext
    /// The `parties` cell split, nil when empty.
    var parties: [(org: String, role: String)]?
    /// The `products` and `financials` cells split, nil when empty.
    var products: CSVParts?, financials: CSVParts?
    /// The `figures` cell as its mapping, nil when empty.
    var figures: DataNode?
    /// Cells read as the nodes of their YAML form (`related`, `venue`, `people`, and `parties`
    /// with an unnamed party), by column.
    var nodes: [Int: DataNode] = [:]

    init(slots: [Int], cells: [String], line: Int, context: RecordContext) {
        self.slots = slots
        self.cells = cells
        self.line = line
        self.context = context
    }

    private func path(_ field: CSVField) -> FieldPath { FieldPath.record.appending(field.name) }

    /// The field's cell, trimmed; nil when the row has no such column or the cell is empty.
    private func cell(_ field: CSVField) -> String? {
        let column = slots[field.rawValue]
        guard column >= 0 else { return nil }
        let cell = cells[column].trimmed
        return cell.isEmpty ? nil : cell
    }

    private func report(_ path: FieldPath, _ message: String) { context.report(path, line: line, message) }

    // MARK: Values

    func string(_ field: CSVField, required: Bool = false) -> String? {
        guard let cell = cell(field) else {
            if required { report(path(field), "missing required field") }
            return nil
        }
        // The cell is trimmed and not empty: what `context.text` gives unless it holds a NUL.
        guard !cell.containsByte(0) else { return context.text(cell, path: path(field), line: line) }
        return cell
    }

    /// A part's text; a part present but empty is missing.
    private func requiredText(_ raw: String, path: FieldPath) -> String? {
        let text = context.text(raw, path: path, line: line)
        if text == nil, raw.trimmed.isEmpty { report(path, "missing required field") }
        return text
    }

    func id() -> String? {
        guard let id = string(.id, required: true) else { return nil }
        context.define(id: id, path: path(.id), line: line)
        return id
    }

    func value<E: StoredEnum>(_ field: CSVField, as type: E.Type, required: Bool = false) -> E? {
        string(field, required: required).flatMap { context.value($0, as: type, path: path(field), line: line) }
    }

    func date(_ field: CSVField) -> PartialDate? {
        string(field).flatMap { context.date($0, path: path(field), line: line) }
    }

    func reference(_ field: CSVField, to target: RecordKind) -> String? {
        guard let id = string(field) else { return nil }
        context.cite(target, id: id, field: path(field), line: line)
        return id
    }

    /// The items of a list cell, split on `;`, with the path of each.
    func strings(_ field: CSVField, nonEmpty: Bool = false) -> [(text: String, path: FieldPath, line: Int?)] {
        var strings: [(text: String, path: FieldPath, line: Int?)] = []
        forEachItem(field, nonEmpty: nonEmpty, reserve: { strings.reserveCapacity($0) }) { text, number in
            strings.append((text, path(field).item(number), line))
        }
        return strings
    }

    /// The text of each item of a list cell, with no path.
    func texts(_ field: CSVField) -> [String] {
        var texts: [String] = []
        forEachItem(field, reserve: { texts.reserveCapacity($0) }) { text, _ in texts.append(text) }
        return texts
    }

    /// Calls `body` with the text of each item of a list cell, split on `;`, and its
    /// number (`sources[2]`), so that its path is made only when a message or citation
    /// needs it; `reserve` is first told how many items there are.
    private func forEachItem(_ field: CSVField, nonEmpty: Bool = false, reserve: (Int) -> Void,
                             _ body: (String, Int) -> Void) {
        guard let cell = cell(field) else {
            if nonEmpty { report(path(field), "missing required field") }
            return
        }
        let items = CSVItemBytes.items(cell) ?? CSVCells.split(cell, on: ";").compactMap { item -> String? in
            let item = item.trimmed
            return item.isEmpty ? nil : CSVCells.unescape(item).trimmed
        }
        if nonEmpty && items.isEmpty { report(path(field), "must list at least one") }
        reserve(items.count)
        for (i, raw) in items.enumerated() {
            if raw.containsByte(0) {
                _ = context.text(raw, path: path(field).item(i + 1), line: line)
                continue
            }
            let text = raw.trimmed
            guard !text.isEmpty else {
                report(path(field).item(i + 1), "empty item")
                continue
            }
            body(text, i + 1)
        }
    }

    func references(_ field: CSVField, to target: RecordKind, nonEmpty: Bool = false) -> [String] {
        var ids: [String] = []
        forEachItem(field, nonEmpty: nonEmpty, reserve: { ids.reserveCapacity($0) }) { text, number in
            context.cite(target, id: text, field: path(field).item(number), line: line)
            ids.append(text)
        }
        return ids
    }

    /// The field's cell read as a node, nil when it was not.
    private func node(_ field: CSVField) -> DataNode? {
        let column = slots[field.rawValue]
        return column >= 0 ? nodes[column] : nil
    }

    /// The items of a cell read as a list node, with the path of each.
    private func listNode(_ field: CSVField) -> [(path: FieldPath, node: DataNode)] {
        guard case .list(let items)? = node(field)?.value else { return [] }
        return items.enumerated().map { (path(field).item($0.offset + 1), $0.element) }
    }

    /// The nodes of a list of mappings, with the path of each.
    /// A reader of each item's parts, with its path.
    private func items(_ parts: CSVParts?, _ field: CSVField, names: [String]) -> [CSVPartsReader] {
        let listPath = path(field)
        return (parts?.items ?? []).enumerated().map {
            CSVPartsReader(parts: $1, names: names, path: listPath.item($0 + 1), line: line, context: context)
        }
    }

    // MARK: Records

    func source() -> Source? {
        let id = id()
        let title = string(.title, required: true)
        let source = Source(id: id ?? "", title: title ?? "", publisher: string(.publisher),
                            published: date(.published), url: string(.url), document: string(.document))
        return id != nil && title != nil ? source : nil
    }

    func organization() -> Organization? {
        let id = id()
        let name = string(.name, required: true)
        let aliases = texts(.aliases)
        let kind = value(.kind, as: OrganizationKind.self, required: true)
        let country = string(.country, required: true).flatMap {
            context.code($0, in: Self.countryCodes, what: "an ISO 3166-1 alpha-2 code", path: { path(.country) }, line: line)
        }
        let parent = reference(.parent, to: .organization)
        if let parent, parent == id { report(path(.parent), "an organization cannot be its own parent") }
        let sources = references(.sources, to: .source)
        guard let id, let name, let kind, let country else { return nil }
        return Organization(id: id, name: name, aliases: aliases, kind: kind, country: country, parent: parent,
                            sources: sources)
    }

    private static let countryCodes = CodeTable(Codes.countries)
    private static let territoryCodes = CodeTable(Codes.countries.union(Territory.groups.keys))

    func partnership() -> Partnership? {
        let id = id()
        let title = string(.title, required: true)
        let form = value(.form, as: PartnershipForm.self, required: true)
        var p = Partnership(id: id ?? "", title: title ?? "", summary: string(.summary), form: form ?? .other,
                            status: value(.status, as: PartnershipStatus.self) ?? .unknown,
                            announced: date(.announced), signed: date(.signed),
                            start: date(.start), end: date(.end),
                            durationMonths: string(.durationMonths).flatMap {
                                context.count($0, path: path(.durationMonths), line: line)
                            })
        if let start = p.start, let end = p.end, end.last < start.first {
            report(path(.end), "ends (\(end)) before it starts (\(start))")
        }
        p.statusAsOf = date(.statusAsOf)
        p.durationDays = string(.durationDays).flatMap { context.count($0, path: path(.durationDays), line: line) }
        p.isSeries = string(.series).flatMap { context.flag($0, path: path(.series), line: line) } ?? false
        p.related = listNode(.related).compactMap { RecordReader.relation($0.node, path: $0.path, context) }
        p.venue = node(.venue).flatMap { RecordReader.venue($0, path: path(.venue), context) }
        if node(.parties) != nil {
            let parties = listNode(.parties)
            if parties.isEmpty { report(path(.parties), "must list at least one") }
            p.parties = parties.compactMap { RecordReader.party($0.node, path: $0.path, context) }
        } else {
            p.parties = checkedParties()
        }
        p.people = listNode(.people).compactMap { RecordReader.person($0.node, path: $0.path, context) }
        // Checked once every item is read, so that their issues come in the same order as before.
        var territories: [(text: String, number: Int)] = []
        forEachItem(.territories, reserve: { territories.reserveCapacity($0) }) { text, number in
            territories.append((text, number))
        }
        p.territories.reserveCapacity(territories.count)
        for (text, number) in territories {
            if let code = context.code(text, in: Self.territoryCodes, what: "a country code or territory group",
                                       path: { path(.territories).item(number) }, line: line) {
                p.territories.append(code)
            }
        }
        p.products = items(products, .products, names: CSVCells.productParts).compactMap { $0.product() }
        p.financials = items(financials, .financials, names: CSVCells.financialParts).compactMap { $0.financial() }
        p.figures = RecordReader.figures(figures, path: path(.figures), context: context)
        p.tags = texts(.tags)
        p.labels = context.labels(strings(.labels))
        p.sources = references(.sources, to: .source, nonEmpty: true)
        return id != nil && title != nil && form != nil ? p : nil
    }

    private func checkedParties() -> [Party] {
        let listPath = path(.parties)
        guard let parties else {
            report(listPath, "missing required field")
            return []
        }
        if parties.isEmpty { report(listPath, "must list at least one") }
        return parties.enumerated().compactMap { i, party in
            let itemPath = listPath.item(i + 1), orgPath = itemPath.appending("org"), rolePath = itemPath.appending("role")
            let org = requiredText(party.org, path: orgPath)
            if let org { context.cite(.organization, id: org, field: orgPath, line: line) }
            let role = requiredText(party.role, path: rolePath).flatMap {
                context.value($0, as: PartyRole.self, path: rolePath, line: line)
            }
            guard let org, let role else { return nil }
            return Party(organization: org, role: role)
        }
    }
}
