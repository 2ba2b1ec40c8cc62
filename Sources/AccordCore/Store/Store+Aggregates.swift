/// What partnerships can be grouped and counted by in the database, as report scripts group
/// records: each gives a partnership no key, one key or several (each once).
public enum PartnershipDimension: String, CaseIterable, Sendable {
    /// Its labels (those set by hand when there are some, else those saved); none when it has none.
    case label
    /// Its labels, or `unclassified` when it has none.
    case purpose
    case form
    case status
    /// The ids of its parties' organizations.
    case organization
    /// Its parties' countries.
    case country
    /// Its parties' countries other than the home country.
    case partnerCountry = "partner_country"
    /// The therapeutic areas of its products.
    case area

    /// Whether a partnership can have several keys (so that counts by key do not add up).
    public var isMultiple: Bool { self != .form && self != .status }

    /// `SELECT` of `(partnership_id, ord, key)` for the partnerships in `f` (`matching`), each
    /// key once a partnership.
    func keys(home: String?) -> SQLQuery {
        switch self {
        case .form: return "SELECT f.id AS partnership_id, f.ord, f.form AS key FROM f"
        case .status: return "SELECT f.id AS partnership_id, f.ord, f.status AS key FROM f"
        case .organization:
            return """
                SELECT DISTINCT pa.partnership_id, f.ord, pa.organization_id AS key
                FROM f JOIN party pa ON pa.filed = f.filed AND pa.partnership_id = f.id
                WHERE pa.organization_id IS NOT NULL
                """
        case .country, .partnerCountry:
            // A named party's country is its organization's; an unnamed one's, the one it is described with.
            let outside: SQLQuery = self == .partnerCountry
                ? home.map { country -> SQLQuery in " AND COALESCE(o.country, pa.country) <> \(country)" } ?? "" : ""
            return """
                SELECT DISTINCT pa.partnership_id, f.ord, COALESCE(o.country, pa.country) AS key FROM f
                JOIN party pa ON pa.filed = f.filed AND pa.partnership_id = f.id LEFT JOIN organization o ON o.id = pa.organization_id
                WHERE COALESCE(o.country, pa.country) IS NOT NULL\(outside)
                """
        case .area:
            return """
                SELECT DISTINCT pr.partnership_id, f.ord, pr.therapeutic_area AS key
                FROM f JOIN product pr ON pr.filed = f.filed AND pr.partnership_id = f.id
                WHERE pr.therapeutic_area IS NOT NULL
                """
        case .label, .purpose:
            let labels: SQLQuery = """
                SELECT l.partnership_id, f.ord, l.label AS key
                FROM f JOIN partnership_label l ON l.filed = f.filed AND l.partnership_id = f.id
                UNION SELECT a.partnership_id, f.ord, a.label FROM f JOIN assigned_label a ON a.filed = f.filed AND a.partnership_id = f.id
                WHERE NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.filed = f.filed AND l.partnership_id = f.id)
                """
            guard self == .purpose else { return labels }
            return labels + """
                 UNION SELECT f.id, f.ord, 'unclassified' FROM f
                WHERE NOT EXISTS (SELECT 1 FROM partnership_label l WHERE l.filed = f.filed AND l.partnership_id = f.id)
                  AND NOT EXISTS (SELECT 1 FROM assigned_label a WHERE a.filed = f.filed AND a.partnership_id = f.id)
                """
        }
    }
}

/// The sum of the amounts of one type of financial term in one currency.
public struct AmountSum: Equatable, Sendable {
    public var type: String
    public var currency: String
    public var amount: Double
    /// How many terms were added up.
    public var terms: Int
    /// The partnerships they belong to, in the order `Store.partnerships` gives them.
    public var ids: [String]
}

extension Store {
    /// The ids of the matching partnerships, in the order `partnerships(_:)` gives them.
    public func partnershipIDs(_ filter: PartnershipFilter) throws -> [String] {
        try reading { db in try db.column(filter.select("p.id", ordered: true)) }
    }

    /// The matching partnerships grouped by `dimension`; `home` is the country `partner_country` leaves out.
    public func groups(_ filter: PartnershipFilter, by dimension: PartnershipDimension, home: String?) throws -> PartnershipGroups {
        try reading { db in
            var keyed: [(key: String, ids: [String])] = []
            var grouped: Set<String> = []
            try db.forEachRow(Self.matching(filter) + """
                SELECT key, partnership_id FROM (\(dimension.keys(home: home))) AS k ORDER BY key, ord
                """) { row in
                let (key, id): (String, String) = (try row[0], try row[1])
                if keyed.last?.key != key { keyed.append((key, [])) }
                keyed[keyed.count - 1].ids.append(id)
                grouped.insert(id)
            }
            let all: [String] = try db.column(filter.select("p.id", ordered: true))
            return PartnershipGroups(keyed: keyed.map { ($0.key, PartnershipIDs($0.ids)) },
                                     keyless: PartnershipIDs(all.filter { !grouped.contains($0) }))
        }
    }

    /// How many matching partnerships have each key of `dimension`, without reading their ids.
    public func counts(_ filter: PartnershipFilter, by dimension: PartnershipDimension, home: String?) throws -> [String: Int] {
        try reading { db in
            var counts: [String: Int] = [:]
            try db.forEachRow(Self.matching(filter, ordered: false) + """
                SELECT key, COUNT(*) FROM (\(dimension.keys(home: home))) AS k GROUP BY key
                """) { row in counts[try row[0]] = try row[1] }
            return counts
        }
    }

    /// How many distinct keys of `dimension` the matching partnerships have between them.
    public func distinctCount(_ filter: PartnershipFilter, of dimension: PartnershipDimension, home: String?) throws -> Int {
        try reading { db in
            try db.value(Self.matching(filter, ordered: false) + """
                SELECT COUNT(DISTINCT key) FROM (\(dimension.keys(home: home))) AS k
                """) ?? 0
        }
    }

    /// The amounts of the matching partnerships' financial terms of `types` (every type when nil),
    /// added up by type and currency, by type then currency. Terms without an amount or a
    /// currency are left out.
    public func amountSums(_ filter: PartnershipFilter, types: [String]?) throws -> [AmountSum] {
        let typed: SQLQuery = types.map { list -> SQLQuery in "AND t.type IN \(list)" } ?? ""
        return try reading { db in
            var sums: [AmountSum] = []
            try db.forEachRow(Self.matching(filter) + """
                SELECT t.type, t.currency, t.amount, f.id FROM f JOIN financial_term t ON t.filed = f.filed AND t.partnership_id = f.id
                WHERE t.amount IS NOT NULL AND t.currency IS NOT NULL \(typed)
                ORDER BY t.type, t.currency, f.ord, t.position
                """) { row in
                let (type, currency, amount, id): (String, String, Double, String) = (try row[0], try row[1], try row[2], try row[3])
                if sums.last?.type != type || sums.last?.currency != currency {
                    sums.append(AmountSum(type: type, currency: currency, amount: 0, terms: 0, ids: []))
                }
                sums[sums.count - 1].amount += amount
                sums[sums.count - 1].terms += 1
                if sums[sums.count - 1].ids.last != id { sums[sums.count - 1].ids.append(id) }
            }
            return sums
        }
    }

    /// `WITH f(id, filed, form, status, ord)`: the matching partnerships, `ord` their place in the
    /// order `partnerships(_:)` gives them (0 for all when not `ordered`).
    /// `f` itself is in the tables' order (see `matching(keys:)`).
    static func matching(_ filter: PartnershipFilter, ordered: Bool = true) -> SQLQuery {
        let ord = ordered ? "ROW_NUMBER() OVER (ORDER BY \(PartnershipFilter.order))" : "0"
        // A limit keeps the first partnerships in order: the subquery must be ordered then.
        let columns = "p.id, p.filed, p.form, p.status, p.date_first, p.date_precision, \(ord) AS ord"
        return """
            WITH f AS MATERIALIZED (SELECT * FROM (\(filter.select(columns, ordered: filter.limit != nil))) AS m ORDER BY filed, id)
            """ + " "
    }

    /// `WITH f(id, filed, ord)`: partnerships read already, `ord` their place in `keys` from 1, so
    /// that a query over them does not run their filter again. `keys` is a list of
    /// `PartnershipKey.listed`, which carry the filing day a partnership's rows are kept under.
    ///
    /// `f` is in the order of the list tables' keys (`FilingOrder`), here as in
    /// `matching(_:ordered:)`, so that each partnership's rows are looked up next to the last
    /// one's, on pages just read.
    static func matching(keys: SQLStringList) -> SQLQuery {
        """
        WITH f AS MATERIALIZED (SELECT substr(value, 10) AS id, CAST(substr(value, 1, 8) AS BIGINT) AS filed, ord
                                FROM (\(numberedList: keys)) AS l ORDER BY filed, id)
        """ + " "
    }
}
