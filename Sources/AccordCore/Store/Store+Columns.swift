/// What of a partnership a light read (`Store.partnershipRows`) brings.
public enum PartnershipColumn: String, CaseIterable, Sendable {
    case title, summary, form, status
    /// The filing date as the record gives it (`2019`, `2019-06`, `2019-06-17`).
    case date
    /// Each party's organization id, name, kind and country, and its role.
    case parties
    case products
    case financials
    /// Its labels: those set by hand when there are some, else those saved.
    case labels
}

/// A partnership with only the columns asked for.
public struct PartnershipRow: Sendable {
    public struct Party: Sendable {
        /// Nil for an unnamed party, which has a `description` instead.
        public var id: String?
        public var description: String?
        public var role: String
        public var name: String?
        public var kind: String?
        public var country: String?
    }

    public var id: String
    /// The scalar columns asked for (title, summary, form, status, date) that have a value, by name.
    public var values: [String: String] = [:]
    /// The lists asked for (empty when the partnership has none); nil those not asked for.
    public var columns = Lists()

    public struct Lists: Sendable {
        public var parties: [Party]?
        public var products: [Product]?
        public var financials: [FinancialTerm]?
        public var labels: [String]?
    }
}

extension Store {
    /// The matching partnerships with only `columns`, in the order `partnerships(_:)` gives them:
    /// each child table asked for is read in one pass, joined to the ids of those read.
    public func partnershipRows(_ filter: PartnershipFilter, columns: Set<PartnershipColumn>) throws -> [PartnershipRow] {
        let date = "substr(p.date_first, 1, CASE p.date_precision WHEN 0 THEN 4 WHEN 1 THEN 7 ELSE 10 END) AS date"
        let scalars = ([PartnershipColumn.title, .summary, .form, .status].filter(columns.contains).map { "p.\($0.rawValue)" }
            + (columns.contains(.date) ? [date] : [])).map { ", " + $0 }.joined()
        return try reading { db in
            var list: [PartnershipRow] = []
            var index: [String: Int] = [:], keys: [PartnershipKey] = []
            try db.forEachRow(filter.select("p.id, p.filed\(scalars)", ordered: true)) { row in
                var item = PartnershipRow(id: try row[0])
                keys.append(PartnershipKey(filed: try row[1], id: item.id))
                if columns.contains(.parties) { item.columns.parties = [] }
                if columns.contains(.products) { item.columns.products = [] }
                if columns.contains(.financials) { item.columns.financials = [] }
                if columns.contains(.labels) { item.columns.labels = [] }
                for i in 2..<row.count {
                    if let value: String = try row[i] { item.values[row.name(i)] = value }
                }
                index[item.id] = list.count
                list.append(item)
            }
            guard !list.isEmpty else { return list }
            // The ids read, not the filter again: at a million partnerships a year's filter
            // took 0.3 s to run, for each list.
            let listed = SQLStringList(keys.map(\.listed))
            func each(_ sql: SQLQuery, _ body: (inout PartnershipRow, any StoreRow) throws -> Void) throws {
                try db.forEachRow(Self.matching(keys: listed) + sql) { row in
                    if let i = index[try row[0]] { try body(&list[i], row) }
                }
            }
            if columns.contains(.parties) {
                try each("""
                    SELECT pa.partnership_id, pa.organization_id, pa.role, o.name, COALESCE(o.kind, pa.kind),
                        COALESCE(o.country, pa.country), pa.description FROM f
                    JOIN party pa ON pa.filed = f.filed AND pa.partnership_id = f.id LEFT JOIN organization o ON o.id = pa.organization_id
                    ORDER BY pa.filed, pa.partnership_id, pa.position
                    """) { p, row in
                    p.columns.parties?.append(.init(id: try row[1], description: try row[6], role: try row[2], name: try row[3],
                                                    kind: try row[4], country: try row[5]))
                }
            }
            if columns.contains(.products) {
                try each("""
                    SELECT pr.partnership_id, pr.name, pr.kind, pr.indication, pr.therapeutic_area FROM f
                    JOIN product pr ON pr.filed = f.filed AND pr.partnership_id = f.id ORDER BY pr.filed, pr.partnership_id, pr.position
                    """) { p, row in
                    p.columns.products?.append(Product(name: try row[1], kind: try RecordsSQL.value(row, 2), indication: try row[3],
                                                       therapeuticArea: try row[4]))
                }
            }
            if columns.contains(.financials) {
                try each("""
                    SELECT t.partnership_id, t.type, t.amount, t.currency, t.wording, t.qualifier, t.per FROM f
                    JOIN financial_term t ON t.filed = f.filed AND t.partnership_id = f.id ORDER BY t.filed, t.partnership_id, t.position
                    """) { p, row in
                    p.columns.financials?.append(FinancialTerm(type: try RecordsSQL.value(row, 1), amount: try row[2],
                                                               qualifier: try RecordsSQL.value(row, 5), currency: try row[3],
                                                               per: try row[6], wording: try row[4]))
                }
            }
            if columns.contains(.labels) {
                // Those set by hand, else those saved, each in position order.
                try each("""
                    SELECT l.partnership_id, l.label, 0 AS saved, l.position
                    FROM f JOIN partnership_label l ON l.filed = f.filed AND l.partnership_id = f.id
                    UNION ALL SELECT a.partnership_id, a.label, 1, a.position
                    FROM f JOIN assigned_label a ON a.filed = f.filed AND a.partnership_id = f.id
                    WHERE NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.filed = f.filed AND l.partnership_id = f.id)
                    ORDER BY 1, 3, 4
                    """) { p, row in p.columns.labels?.append(try row[1]) }
            }
            return list
        }
    }
}
