/// Which partnerships to fetch; every condition set must hold. Evaluated in SQL.
public struct PartnershipFilter: Sendable, Hashable {
    /// Partnerships whose filing date (signed, else announced, else start) relates to
    /// `period` as `periodMembership` says. Undated partnerships never match a period.
    public var period: Period?
    /// How the filing date must relate to `period`: `inside` by default.
    public var periodMembership: Period.Membership
    /// An organization id, or an organization's name or alias (any case). Matches
    /// partnerships where it, or one of its subsidiaries at any depth, is a party.
    public var party: String?
    /// Some party's organization is in this country (ISO 3166-1 alpha-2).
    public var country: String?
    /// The instrument.
    public var form: PartnershipForm?
    /// Some party's organization is of this kind.
    public var kind: OrganizationKind?
    /// A territory listed as is, or a group that covers it (`TH` matches `ASEAN` and `GLOBAL`).
    public var territory: String?
    /// A tag, in any case.
    public var tag: String?
    /// Only the parts of this partnership, or editions of this series: those that relate to it
    /// with `part_of` or `edition_of`.
    public var partOf: String?
    /// Only series, recurring programmes (true), or none of them (false): a period's counts
    /// leave series out and count their editions, each in its own period.
    public var series: Bool?
    /// Only partnerships that are not part of another (true): a framework counts once, with its parts.
    public var topLevel: Bool?
    /// A purpose label: among the labels set by hand when there are some, else among
    /// those a classification run assigned.
    public var label: String?
    public var status: PartnershipStatus?
    /// Only these partnerships.
    public var ids: [String]?
    /// At most this many, the earliest first.
    public var limit: Int?
    /// Only partnerships with no date (true), or only dated ones (false).
    public var undated: Bool?
    /// Only partnerships new or changed since they were classified (true), or only
    /// those classified since their last change (false).
    public var unclassified: Bool?
    /// Only partnerships with a party from outside `home` (true), or only those without (false).
    public var abroad: Bool?
    /// The country `abroad` is reckoned from: the workspace's home country; nil counts every party as abroad.
    public var home: String?

    public init(period: Period? = nil, periodMembership: Period.Membership = .inside, party: String? = nil,
                country: String? = nil, form: PartnershipForm? = nil, kind: OrganizationKind? = nil,
                territory: String? = nil, tag: String? = nil, label: String? = nil, status: PartnershipStatus? = nil,
                ids: [String]? = nil, limit: Int? = nil) {
        self.period = period
        self.periodMembership = periodMembership
        self.party = party
        self.country = country
        self.form = form
        self.kind = kind
        self.territory = territory
        self.tag = tag
        self.label = label
        self.status = status
        self.ids = ids
        self.limit = limit
    }
}

/// Which organizations to fetch; every condition set must hold. Evaluated in SQL.
public struct OrganizationFilter: Sendable, Equatable {
    public var kind: OrganizationKind?
    /// ISO 3166-1 alpha-2.
    public var country: String?
    /// The name or an alias, in any case.
    public var name: String?
    /// Only these organizations.
    public var ids: [String]?

    public init(kind: OrganizationKind? = nil, country: String? = nil, name: String? = nil, ids: [String]? = nil) {
        self.kind = kind
        self.country = country
        self.name = name
        self.ids = ids
    }
}

extension PartnershipFilter {
    /// `SELECT` of the matching partnership rows and their filing day, by filing date (undated last), then id.
    var sql: SQLQuery { select(RecordsSQL.partnershipColumnsAndDay(of: "p"), ordered: true) }

    /// The number of matching partnerships, counted without reading their rows.
    var countSQL: SQLQuery {
        limit == nil ? select("COUNT(*)", ordered: false) : "SELECT COUNT(*) FROM (\(select("p.id", ordered: true))) AS p"
    }

    func select(_ columns: String, ordered: Bool) -> SQLQuery {
        var conditions: [SQLQuery] = []
        if let period {
            let (start, finish) = (period.start.description, period.finish.description)
            // date_first <= finish follows from the rest; said, it bounds the index range.
            let inside: SQLQuery = "(p.date_first >= \(start) AND p.date_first <= \(finish) AND p.date_last <= \(finish))"
            // A filing date's range lies in one calendar year, so one that reaches `start` begins in its year or later.
            let startYear = CalendarDay(year: period.start.year, month: 1, day: 1)!.description
            let overlaps: SQLQuery = "(p.date_first >= \(startYear) AND p.date_first <= \(finish) AND p.date_last >= \(start))"
            switch periodMembership {
            case .inside: conditions.append(inside)
            case .coarser: conditions.append("\(overlaps) AND NOT \(inside)")
            case .outside: conditions.append("p.date_first IS NOT NULL AND NOT \(overlaps)")
            }
        }
        if let party {
            let key = party.lowercased()
            // The organizations named, and their subsidiaries at any depth (UNION drops repeats, so a cycle of parents ends).
            let family: SQLQuery = """
                (WITH RECURSIVE family(id) AS (
                    SELECT id FROM organization WHERE id = \(party) OR name_key = \(key)
                    UNION SELECT organization_id FROM organization_alias WHERE alias_key = \(key)
                    UNION SELECT c.id FROM organization c JOIN family f ON c.parent_id = f.id)
                 SELECT id FROM family)
                """
            // The partnerships are found from the parties, through the index of their organizations,
            // and looked up by id: a condition on each partnership's parties read every partnership,
            // or every one of a period's (at a million, 1.0 s for all of them and 0.1 s for a year's,
            // where this takes 0.02 s for either).
            conditions.append("""
                p.id IN (SELECT pa.partnership_id FROM party pa WHERE pa.organization_id IN \(family))
                """)
        }
        if let country { conditions.append(partyOrganization("o.country = \(country)", unnamed: "pa.country = \(country)")) }
        if let kind { conditions.append(partyOrganization("o.kind = \(kind.rawValue)", unnamed: "pa.kind = \(kind.rawValue)")) }
        // With a period, SQLite is kept on the period's index, which holds the form and the status:
        // left to choose, it takes the form's, and reads every partnership of that form (at a million
        // partnerships, `accord run` counting a year's MOUs took 0.18 s that way, 0.03 s this way).
        let byPeriod: SQLQuery = period == nil ? "" : "\(sqlite: "+", postgres: "")"
        if let form { conditions.append("\(byPeriod)p.form = \(form.rawValue)") }
        if let status { conditions.append("\(byPeriod)p.status = \(status.rawValue)") }
        if let territory {
            let covering = [territory] + Territory.groups.keys.sorted().filter {
                $0 != territory && Territory.covers($0, country: territory)
            }
            conditions.append("""
                EXISTS (SELECT 1 FROM territory t WHERE t.filed = p.filed AND t.partnership_id = p.id AND t.code IN \(covering))
                """)
        }
        if let partOf {
            conditions.append("""
                EXISTS (SELECT 1 FROM relation r WHERE r.filed = p.filed AND r.partnership_id = p.id AND r.target_id = \(partOf)
                        AND r.kind IN ('part_of', 'edition_of'))
                """)
        }
        if let series {
            // Through the index of the few series, so that a period's count still reads its index alone.
            let isSeries: SQLQuery = "p.id IN (SELECT id FROM partnership WHERE series = 1)"
            conditions.append(series ? isSeries : "NOT \(isSeries)")
        }
        if let topLevel {
            let part: SQLQuery = """
                EXISTS (SELECT 1 FROM relation r WHERE r.filed = p.filed AND r.partnership_id = p.id AND r.kind = 'part_of')
                """
            conditions.append(topLevel ? "NOT \(part)" : part)
        }
        if let tag {
            conditions.append("""
                EXISTS (SELECT 1 FROM tag g WHERE g.filed = p.filed AND g.partnership_id = p.id
                        AND lower(g.tag) = lower(\(tag)))
                """)
        }
        if let label {
            conditions.append(LabelPrecedence.hasLabel(label))
        }
        if let undated { conditions.append(undated ? "p.date_first IS NULL" : "p.date_first IS NOT NULL") }
        if let unclassified {
            let classified: SQLQuery = "EXISTS (SELECT 1 FROM classified c WHERE c.filed = p.filed AND c.partnership_id = p.id)"
            conditions.append(unclassified ? "NOT \(classified)" : classified)
        }
        if let abroad {
            let outside: SQLQuery = home.map { country -> SQLQuery in "o.country <> \(country)" } ?? "TRUE"
            let unnamedOutside: SQLQuery = home.map { country -> SQLQuery in "pa.country <> \(country)" } ?? "TRUE"
            let partner = partyOrganization(outside, unnamed: unnamedOutside)
            conditions.append(abroad ? partner : "NOT \(partner)")
        }
        if let ids { conditions.append("p.id IN (\(list: ids))") }

        var sql: SQLQuery = "SELECT \(sql: columns) FROM partnership p"
        if !conditions.isEmpty { sql += " WHERE " + conditions.map { "(\($0))" }.joined(separator: " AND ") }
        if ordered { sql += " ORDER BY \(sql: Self.order)" }
        if let limit { sql += " LIMIT \(limit)" }
        return sql
    }


    /// The order partnerships come in: by filing date (undated last), then id.
    static let order = "p.date_first IS NULL, p.date_first, p.date_precision, p.id"

    /// Some named party's organization meets `condition`, or (given `unnamed`) some unnamed
    /// party meets that, by the kind and country it is described with.
    private func partyOrganization(_ condition: SQLQuery, unnamed: SQLQuery? = nil) -> SQLQuery {
        let named: SQLQuery = """
            EXISTS (SELECT 1 FROM party pa JOIN organization o ON o.id = pa.organization_id
                    WHERE pa.filed = p.filed AND pa.partnership_id = p.id AND (\(condition)))
            """
        guard let unnamed else { return named }
        return """
            (\(named) OR EXISTS (SELECT 1 FROM party pa WHERE pa.filed = p.filed AND pa.partnership_id = p.id
                                 AND pa.organization_id IS NULL AND (\(unnamed))))
            """
    }
}

extension OrganizationFilter {
    /// `SELECT` of the matching organizations' id, name, kind, country and parent, by id.
    var sql: SQLQuery {
        var conditions: [SQLQuery] = []
        if let kind { conditions.append("o.kind = \(kind.rawValue)") }
        if let country { conditions.append("o.country = \(country)") }
        if let name {
            let key = name.lowercased()
            // Looked up in the two keys' indexes: `name_key = … OR EXISTS (…)` read every organization.
            conditions.append("""
                o.id IN (SELECT id FROM organization WHERE name_key = \(key)
                         UNION SELECT organization_id FROM organization_alias WHERE alias_key = \(key))
                """)
        }
        if let ids { conditions.append("o.id IN (\(list: ids))") }
        var sql: SQLQuery = "SELECT o.id, o.name, o.kind, o.country, o.parent_id FROM organization o"
        if !conditions.isEmpty { sql += " WHERE " + conditions.map { "(\($0))" }.joined(separator: " AND ") }
        return sql + " ORDER BY o.id"
    }
}
