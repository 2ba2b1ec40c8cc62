import AccordCore
import AccordReports
import LuaKit

/// Reads the blocks the report builder collected into the document model,
/// filling in what only the store knows: partnership lists and the line about
/// partnerships dated too coarsely for the period.
struct DocumentReader {
    let lua: Lua
    let store: Store
    let period: Period

    func blocks(at t: Int32) throws -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        try lua.forEachItem(of: "blocks", in: t) { item in
            if let block = try block(at: item) { blocks.append(block) }
        }
        if !lua.boolField("coarse_placed", in: t), let note = try coarseNote() {
            blocks.append(note)
        }
        return blocks
    }

    private func block(at b: Int32) throws -> ReportBlock? {
        switch lua.stringField("kind", in: b) {
        case "heading":
            return .heading(text: lua.stringField("text", in: b) ?? "", level: lua.intField("level", in: b) ?? 2)
        case "paragraph": return .paragraph(text: lua.stringField("text", in: b) ?? "")
        case "note": return .note(text: lua.stringField("text", in: b) ?? "")
        case "figures":
            var figures: [KeyFigure] = []
            lua.forEachItem(of: "items", in: b) { f in
                figures.append(KeyFigure(label: lua.stringField("label", in: f) ?? "", value: number("value", in: f) ?? 0,
                                         unit: lua.stringField("unit", in: f), previous: number("previous", in: f),
                                         yearBefore: number("year_before", in: f), partnerships: lua.stringList("ids", in: f)))
            }
            return .figures(figures)
        case "table":
            var columns: [TableColumn] = []
            lua.forEachItem(of: "columns", in: b) { c in
                columns.append(TableColumn(title: lua.stringField("title", in: c) ?? "", unit: lua.stringField("unit", in: c)))
            }
            var rows: [[TableCell]] = []
            lua.forEachItem(of: "rows", in: b) { row in
                var cells: [TableCell] = []
                lua.forEachItem(in: row) { cells.append(cell(at: $0)) }
                rows.append(cells)
            }
            for i in columns.indices where rows.contains(where: { $0[i].number != nil }) { columns[i].kind = .number }
            return .table(ReportTable(id: lua.stringField("id", in: b) ?? "", title: lua.stringField("title", in: b) ?? "",
                                      columns: columns, rows: rows, totals: lua.boolField("totals", in: b)))
        case "chart":
            var series: [ChartSeries] = []
            lua.forEachItem(of: "series", in: b) { s in
                var values: [Double?] = []
                var ids: [[String]] = []
                lua.forEachItem(of: "values", in: s) {
                    values.append(number("number", in: $0))
                    ids.append(lua.stringList("ids", in: $0))
                }
                series.append(ChartSeries(name: lua.stringField("name", in: s) ?? "", values: values, partnerships: ids))
            }
            return .chart(ReportChart(id: lua.stringField("id", in: b) ?? "", title: lua.stringField("title", in: b) ?? "",
                                      kind: lua.stringField("chart", in: b) == "line" ? .line : .bar,
                                      horizontal: lua.boolField("horizontal", in: b), stacked: lua.boolField("stacked", in: b),
                                      categories: lua.stringList("categories", in: b), series: series,
                                      unit: lua.stringField("unit", in: b)))
        case "partnerships":
            return .partnerships(PartnershipList(title: lua.stringField("title", in: b) ?? "",
                                                 items: try items(lua.stringList("ids", in: b))))
        case "coarse":
            lua.getField("ids", in: b)
            let scoped = lua.type(at: -1) == .table
            lua.pop()
            return try coarseNote(scoped ? lua.stringList("ids", in: b) : nil)
        default: return nil
        }
    }

    private func number(_ key: String, in t: Int32) -> Double? {
        lua.getField(key, in: t)
        defer { lua.pop() }
        return lua.number(at: -1)
    }

    private func cell(at c: Int32) -> TableCell {
        TableCell(text: lua.stringField("text", in: c), number: number("number", in: c), partnerships: lua.stringList("ids", in: c))
    }

    /// The partnerships with these ids, in this order, as a report lists them.
    private func items(_ ids: [String]) throws -> [PartnershipItem] {
        let found = Dictionary(try store.partnerships(PartnershipFilter(ids: ids)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assigned = try store.assignedLabels(for: ids)
        let partyIDs = Array(Set(found.values.flatMap { $0.parties.map(\.organization) }))
        let organizations = Dictionary(try store.organizations(OrganizationFilter(ids: partyIDs)).map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
        let sources = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { id in
            guard let p = found[id] else { return nil }
            let labels = p.labels.isEmpty ? (assigned[id] ?? []).map(\.label) : p.labels
            return PartnershipItem(
                id: p.id, title: p.title, date: p.date?.description, form: p.form.rawValue, labels: labels,
                parties: p.parties.map {
                    "\(organizations[$0.organization]?.name ?? $0.organization) (\($0.role.rawValue.replacingOccurrences(of: "_", with: " ")))"
                },
                sources: p.sources.map { SourceLink(title: sources[$0]?.title ?? $0, url: sources[$0]?.url) })
        }
    }

    /// "3 partnerships are dated to the year only …": those whose date overlaps
    /// the period but is too coarse to place in it (of `ids` when given, else
    /// in the whole database); nil when there are none.
    /// How many partnerships a coarse-date note names; the rest are counted.
    static let coarseListed = 20

    private func coarseNote(_ ids: [String]? = nil) throws -> ReportBlock? {
        var filter = PartnershipFilter(period: period, periodMembership: .coarser)
        filter.ids = ids
        if ids?.isEmpty == true { return nil }
        let coarse = try store.partnerships(filter)
        guard !coarse.isEmpty else { return nil }
        let byPrecision = Dictionary(grouping: coarse) { $0.date?.precision ?? .year }
        let parts = byPrecision.keys.sorted().map { precision -> String in
            let group = byPrecision[precision]!
            let dates = Set(group.compactMap { $0.date?.description }).sorted().joined(separator: ", ")
            let count = group.count == 1 ? "1 partnership is" : "\(group.count) partnerships are"
            let ids = group.prefix(Self.coarseListed).map(\.id).joined(separator: ", ")
            let more = group.count > Self.coarseListed ? " and \(group.count - Self.coarseListed) more" : ""
            return "\(count) dated to the \(precision.name) only (\(dates)): " + ids + more
        }
        let they = coarse.count == 1 ? "It overlaps" : "They overlap"
        return .note(text: parts.joined(separator: "; ") + ". \(they) \(period.label) but \(coarse.count == 1 ? "is" : "are") not counted in it.")
    }
}
