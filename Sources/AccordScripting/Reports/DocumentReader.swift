import AccordCore
import AccordReports
import LuaKit

/// Reads the blocks the report builder collected into the document model,
/// filling in what only the store knows: partnership lists and the line about
/// partnerships dated too coarsely for the period.
///
/// Every string, list and record it makes counts against the script's memory
/// budget (`copies`) before it is made: a report whose copy would not fit
/// stops the script at the line that added the block.
struct DocumentReader {
    let lua: Lua
    let store: Store
    let period: Period
    let copies: HostCopies
    /// What each label is called (the applied packs' names); others read as their code in words.
    let labelNames: [String: String]
    /// One copy of each string the lists hold: a year's tables and charts name the same
    /// partnerships again and again (1.1 million ids, 54,335 of them different, in the yearly
    /// report at a million partnerships: 84 MB of copies).
    private let listed = StringTable()

    func blocks(at t: Int32) throws -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        try lua.forEachItem(of: "blocks", in: t) { item in
            copies.position = lua.stringField("at", in: item)
            if let block = try block(at: item) { blocks.append(block) }
        }
        if !lua.boolField("coarse_placed", in: t), let note = try coarseNote() {
            blocks.append(note)
        }
        try copies.settle()
        return blocks
    }

    private func block(at b: Int32) throws -> ReportBlock? {
        try copies.count(HostCopies.elementCost)
        switch lua.stringField("kind", in: b) {
        case "heading":
            return .heading(text: try text("text", in: b) ?? "", level: lua.intField("level", in: b) ?? 2)
        case "paragraph": return .paragraph(text: try text("text", in: b) ?? "")
        case "highlights": return .highlights(text: try text("text", in: b) ?? "")
        case "note": return .note(text: try text("text", in: b) ?? "")
        case "figures":
            var figures: [KeyFigure] = []
            try lua.forEachItem(of: "items", in: b) { f in
                try copies.count(HostCopies.elementCost)
                figures.append(KeyFigure(label: try text("label", in: f) ?? "", value: number("value", in: f) ?? 0,
                                         unit: try text("unit", in: f), previous: number("previous", in: f),
                                         yearBefore: number("year_before", in: f), partnerships: try texts("ids", in: f),
                                         trend: try numbers("trend", in: f)))
            }
            return .figures(figures)
        case "table":
            var columns: [TableColumn] = []
            try lua.forEachItem(of: "columns", in: b) { c in
                try copies.count(HostCopies.elementCost)
                columns.append(TableColumn(title: try text("title", in: c) ?? "", unit: try text("unit", in: c),
                                           format: lua.stringField("format", in: c).flatMap(TableColumn.Format.init),
                                           places: lua.intField("places", in: c),
                                           additive: flag("additive", in: c)))
            }
            var rows: [[TableCell]] = []
            try lua.forEachItem(of: "rows", in: b) { row in
                var cells: [TableCell] = []
                try lua.forEachItem(in: row) { cells.append(try cell(at: $0)) }
                rows.append(cells)
            }
            for i in columns.indices where rows.contains(where: { $0[i].number != nil }) { columns[i].kind = .number }
            return .table(ReportTable(id: try text("id", in: b) ?? "", title: try text("title", in: b) ?? "",
                                      columns: columns, rows: rows, totals: lua.boolField("totals", in: b),
                                      shown: !lua.boolField("hidden", in: b), titleShown: !lua.boolField("untitled", in: b),
                                      other: lua.intField("other", in: b).map { $0 - 1 }))
        case "chart":
            var series: [ChartSeries] = []
            try lua.forEachItem(of: "series", in: b) { s in
                var values: [Double?] = []
                var ids: [[String]] = []
                try lua.forEachItem(of: "values", in: s) {
                    try copies.count(HostCopies.elementCost)
                    values.append(number("number", in: $0))
                    ids.append(try texts("ids", in: $0))
                }
                series.append(ChartSeries(name: try text("name", in: s) ?? "", values: values, partnerships: ids))
            }
            return .chart(ReportChart(id: try text("id", in: b) ?? "", title: try text("title", in: b) ?? "",
                                      kind: lua.stringField("chart", in: b) == "line" ? .line : .bar,
                                      horizontal: lua.boolField("horizontal", in: b), stacked: lua.boolField("stacked", in: b),
                                      categories: try texts("categories", in: b), series: series,
                                      unit: try text("unit", in: b), other: lua.intField("other", in: b).map { $0 - 1 }))
        case "partnerships":
            return .partnerships(PartnershipList(title: try text("title", in: b) ?? "",
                                                 items: try items(try texts("ids", in: b))))
        case "coarse":
            lua.getField("ids", in: b)
            let scoped = lua.type(at: -1) == .table
            lua.pop()
            return try coarseNote(scoped ? try texts("ids", in: b) : nil)
        default: return nil
        }
    }

    /// The string `t[key]`, counted before it is copied.
    private func text(_ key: String, in t: Int32) throws(LuaError) -> String? {
        lua.getField(key, in: t)
        defer { lua.pop() }
        return try copy(at: -1)
    }

    /// The strings of the list `t[key]`, each counted as if it were copied, and kept once. A list
    /// read before (a breakdown's chart names its table's lists) is counted again, not read again.
    private func texts(_ key: String, in t: Int32) throws -> [String] {
        guard lua.getField(key, in: t) == .table, let table = lua.tableAddress(at: -1) else {
            lua.pop()
            return []
        }
        defer { lua.pop() }
        // The document, on the stack while it is read, keeps each table and string where it is.
        if let known = listed.lists[table] {
            try copies.count(known.cost)
            return known.strings
        }
        var out: [String] = [], cost = 0
        try lua.forEachItem(in: -1) { item in
            guard let address = lua.stringAddress(at: item) else { return }
            let bytes = lua.length(at: item), kept: String
            if let known = listed.at[address] {
                try copies.count(max(bytes, known.utf8.count) + HostCopies.stringOverhead)
                kept = known
            } else if let copied = try copy(at: item) {
                kept = bytes <= Lua.longestInterned ? copied : listed.one(copied)
                listed.at[address] = kept
            } else {
                return
            }
            out.append(kept)
            // What `copy` or the line above counted.
            cost += max(bytes, kept.utf8.count) + HostCopies.stringOverhead
        }
        listed.lists[table] = (out, cost)
        return out
    }

    /// `t[key]` when it is true or false, else nil.
    private func flag(_ key: String, in t: Int32) -> Bool? {
        defer { lua.pop() }
        return lua.getField(key, in: t) == .boolean ? lua.bool(at: -1) : nil
    }

    /// The numbers of the list `t[key]`, or nil when there is no list.
    private func numbers(_ key: String, in t: Int32) throws -> [Double]? {
        guard lua.getField(key, in: t) == .table else {
            lua.pop()
            return nil
        }
        lua.pop()
        var out: [Double] = []
        try lua.forEachItem(of: key, in: t) { item in
            try copies.count(HostCopies.elementCost)
            out.append(lua.number(at: item) ?? 0)
        }
        return out
    }

    private func copy(at index: Int32) throws(LuaError) -> String? {
        guard lua.type(at: index) == .string else { return nil }
        let bytes = lua.length(at: index)
        try copies.count(bytes + HostCopies.stringOverhead)
        guard let copied = lua.string(at: index) else { return nil }
        // Bytes that are not UTF-8 become U+FFFD, three bytes each.
        if copied.utf8.count > bytes { try copies.count(copied.utf8.count - bytes) }
        return copied
    }

    private func number(_ key: String, in t: Int32) -> Double? {
        lua.getField(key, in: t)
        defer { lua.pop() }
        return lua.number(at: -1)
    }

    private func cell(at c: Int32) throws -> TableCell {
        try copies.count(HostCopies.elementCost)
        return TableCell(text: try text("text", in: c), number: number("number", in: c), partnerships: try texts("ids", in: c),
                         key: try text("key", in: c), unit: try text("unit", in: c), trend: try numbers("trend", in: c))
    }

    /// The partnerships with these ids, in this order, as a report lists them.
    private func items(_ ids: [String]) throws -> [PartnershipItem] {
        let found = Dictionary(try store.partnerships(PartnershipFilter(ids: ids)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assigned = try store.assignedLabels(for: ids)
        let partyIDs = Array(Set(found.values.flatMap { $0.parties.compactMap(\.organization) }))
        let organizations = Dictionary(try store.organizations(OrganizationFilter(ids: partyIDs)).map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
        let sources = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.compactMap { id throws(LuaError) in
            guard let p = found[id] else { return nil }
            let labels = p.labels(saved: (assigned[id] ?? []).map(\.label))
            let item = PartnershipItem(
                id: p.id, title: p.title, date: p.date?.description, form: p.form.rawValue, labels: labels,
                formName: p.form.displayName, labelNames: labels.map { labelNames[$0] ?? AccordModule.words(ofLabel: $0) },
                parties: p.parties.map {
                    "\($0.organization.map { organizations[$0]?.name ?? $0 } ?? $0.unnamed?.description ?? "") (\($0.role.displayName.lowercased()))"
                },
                sources: p.sources.map { SourceLink(title: sources[$0]?.title ?? $0, url: sources[$0]?.url) })
            try copies.count(item)
            return item
        }
    }

    /// How many partnerships a coarse-date note names by title; the rest are counted.
    static let coarseListed = 5

    /// "3 partnerships are dated to the year only …": those whose date overlaps
    /// the period but is too coarse to place in it (of `ids` when given, else
    /// in the whole database), the first few named by title; nil when there are none.
    private func coarseNote(_ ids: [String]? = nil) throws -> ReportBlock? {
        var filter = PartnershipFilter(period: period, periodMembership: .coarser)
        filter.ids = ids
        if ids?.isEmpty == true { return nil }
        // Dates come from the period's index; titles only for those named (a quarter at a
        // million partnerships has some 11,000 dated to its year, whose titles took 0.3 s).
        let coarse = try store.partnershipRows(filter, columns: [.date])
        guard !coarse.isEmpty else { return nil }
        // A date's text is as precise as the date: `2019`, `2019-06`.
        let byPrecision = Dictionary(grouping: coarse) { ($0.values["date"]?.count ?? 4) <= 4 ? PartialDate.Precision.year : .month }
        let named = byPrecision.values.flatMap { $0.prefix(Self.coarseListed).map(\.id) }
        let titles = Dictionary(uniqueKeysWithValues: try store.partnershipRows(PartnershipFilter(ids: named), columns: [.title])
            .map { ($0.id, $0.values["title"] ?? "") })
        let parts = byPrecision.keys.sorted().map { precision -> String in
            let group = byPrecision[precision]!
            let dates = Set(group.compactMap { $0.values["date"] }).sorted().joined(separator: ", ")
            let count = group.count == 1 ? "1 partnership is" : "\(group.count) partnerships are"
            let titles = group.prefix(Self.coarseListed).map { titles[$0.id] ?? "" }.joined(separator: "; ")
            let more = group.count > Self.coarseListed ? "; and \(group.count - Self.coarseListed) more" : ""
            return "\(count) dated to the \(precision.name) only (\(dates)): " + titles + more
        }
        let they = coarse.count == 1 ? "It overlaps" : "They overlap"
        let text = parts.joined(separator: "; ") + ". \(they) \(period.label) but \(coarse.count == 1 ? "is" : "are") not counted in it."
        try copies.count(text)
        return .note(text: text)
    }
}

extension HostCopies {
    /// Counts a partnership as a report lists it.
    func count(_ item: PartnershipItem) throws(LuaError) {
        let texts = [item.id, item.title, item.date ?? "", item.form, item.formName] + item.labels + item.labelNames + item.parties
            + item.sources.flatMap { [$0.title, $0.url ?? ""] }
        try count(HostCopies.elementCost + texts.reduce(0) { $0 + $1.utf8.count + HostCopies.stringOverhead })
    }
}

/// Strings kept once each, however often they are read.
private final class StringTable {
    private var strings: [String: String] = [:]
    /// The copy kept of each Lua string read, by where Lua keeps it.
    var at: [UnsafeRawPointer: String] = [:]
    /// Each list read, by where Lua keeps its table, and what its strings were counted as costing.
    var lists: [UnsafeRawPointer: (strings: [String], cost: Int)] = [:]

    /// The copy kept of `string`: the first one read.
    func one(_ string: String) -> String {
        if let kept = strings[string] { return kept }
        strings[string] = string
        return string
    }
}
