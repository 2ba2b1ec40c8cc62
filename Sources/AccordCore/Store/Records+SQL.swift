import Foundation

/// Writing records to their tables and assembling them back from rows.
enum RecordsSQL {
    // MARK: Writing

    /// Writes the source; `existing` says whether its id may be in the database
    /// already (when it is not, there are no old child rows to delete), and `digest`
    /// is `RecordDigest.of(s)` when the caller made it already. Returns
    /// whether anything changed: not when the database holds the record in this
    /// very form (the stored digest says so), which is then left as it is.
    @discardableResult
    static func write(_ s: Source, existing: Bool = true, digest: Data? = nil, _ db: any StoreConnection) throws -> Bool {
        try RowStatement(db, upsert(existing, """
            INSERT INTO source (id, title, publisher, published, url, document, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, """
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
                published = excluded.published, url = excluded.url, document = excluded.document, digest = excluded.digest
            WHERE source.digest IS DISTINCT FROM excluded.digest
            """)).run { row in
                row.add(s.id); row.add(s.title); row.add(s.publisher); row.add(s.published?.description)
                row.add(s.url); row.add(s.document); row.add(digest ?? RecordDigest.of(s))
            } > 0
    }

    @discardableResult
    static func write(_ o: Organization, existing: Bool = true, digest: Data? = nil, _ db: any StoreConnection) throws -> Bool {
        let changed = try RowStatement(db, upsert(existing, """
            INSERT INTO organization (id, name, name_key, kind, country, parent_id, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, """
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, kind = excluded.kind,
                country = excluded.country, parent_id = excluded.parent_id, digest = excluded.digest
            WHERE organization.digest IS DISTINCT FROM excluded.digest
            """)).run { row in
                row.add(o.id); row.add(o.name); row.add(o.name.lowercased()); row.add(o.kind.rawValue)
                row.add(o.country); row.add(o.parent); row.add(digest ?? RecordDigest.of(o))
            }
        guard changed > 0 else { return false }
        if existing { try deleteChildren(of: o.id, in: organizationChildren, owner: "organization_id", db) }
        if !o.aliases.isEmpty {
            let alias = try RowStatement(db, "INSERT INTO organization_alias (organization_id, position, alias, alias_key) VALUES (?, ?, ?, ?)")
            for (i, a) in o.aliases.enumerated() { try alias.run { $0.add(o.id); $0.add(i); $0.add(a); $0.add(a.lowercased()) } }
        }
        if !o.sources.isEmpty {
            let source = try RowStatement(db, "INSERT INTO organization_source (organization_id, position, source_id) VALUES (?, ?, ?)")
            for (i, s) in o.sources.enumerated() { try source.run { $0.add(o.id); $0.add(i); $0.add(s) } }
        }
        return true
    }

    /// Writes the partnership and returns whether it changed; a changed one is
    /// marked as changed since it was classified (its `classified` row goes with its lists).
    /// Its lists are written at once, or by `lists` with those of the partnerships around it.
    @discardableResult
    static func write(_ p: Partnership, existing: Bool = true, digest: Data? = nil, lists: PartnershipListWriter? = nil,
                      _ db: any StoreConnection) throws -> Bool {
        let filed = FilingOrder.filed(p.date)
        let sql = { upsert(existing, insertPartnership, partnershipConflict) }
        let key = existing ? partnershipUpsertKey : partnershipInsertKey
        let statement = try lists?.prepared.statement(key, db, sql) ?? RowStatement(db, sql())
        let changed = try statement.run { row in addRow(of: p, filed: filed, digest: digest ?? RecordDigest.of(p), to: &row) }
        guard changed > 0 else { return false }
        if existing {
            // The lists followed the partnership to its filing day, if it changed.
            for table in partnershipChildren {
                try RowStatement(db, "DELETE FROM \(table) WHERE filed = ? AND partnership_id = ?").run { $0.add(filed); $0.add(p.id) }
            }
        }
        if let lists {
            try lists.add(p, filed: filed, db)
        } else {
            let lists = PartnershipListWriter()
            try lists.add(p, filed: filed, db)
            try lists.flush(db)
        }
        return true
    }

    /// The columns of a partnership's row, in the order `addRow` adds their values.
    private static let partnershipRowColumns = [
        "id", "filed", "title", "summary", "form", "status", "announced_date", "signed_date", "start_date", "end_date",
        "duration_months", "date_first", "date_last", "date_precision", "digest", "status_as_of", "duration_days", "series",
        "venue_name", "venue_city", "venue_country",
    ]

    /// Where `PreparedStatements` keeps the two statements of a partnership's row; `ChunkedInsert`'s keys are positive.
    private static let partnershipUpsertKey = -1, partnershipInsertKey = -2

    private static let insertPartnership = """
        INSERT INTO partnership (\(partnershipRowColumns.joined(separator: ", ")))
            VALUES (\(partnershipRowColumns.map { _ in "?" }.joined(separator: ", ")))
        """
    /// Updates the partnership's row when its digest changed.
    private static let partnershipConflict = """
        ON CONFLICT(id) DO UPDATE SET \(partnershipRowColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        WHERE partnership.digest IS DISTINCT FROM excluded.digest
        """

    /// Adds the values of the partnership's row, filed on `filed`, in the order of `partnershipRowColumns`.
    private static func addRow(of p: Partnership, filed: Int, digest: Data, to row: inout RowValues) {
        let date = p.date
        row.add(p.id); row.add(filed); row.add(p.title); row.add(p.summary); row.add(p.form.rawValue); row.add(p.status.rawValue)
        row.add(p.announced?.description); row.add(p.signed?.description); row.add(p.start?.description)
        row.add(p.end?.description); row.add(p.durationMonths); row.add(date?.first.description)
        row.add(date?.last.description); row.add(date?.precision.rawValue); row.add(digest)
        row.add(p.statusAsOf?.description); row.add(p.durationDays); row.add(p.isSeries ? 1 : 0)
        row.add(p.venue?.name); row.add(p.venue?.city); row.add(p.venue?.country)
    }

    /// `insert`, and when the record may be there already (`existing`), `conflict`, which updates it when it changed.
    private static func upsert(_ existing: Bool, _ insert: String, _ conflict: String) -> String {
        existing ? insert + "\n" + conflict : insert
    }

    private static let organizationChildren = ["organization_alias", "organization_source"]
    private static let partnershipChildren = ["party", "territory", "product", "financial_term", "money_equivalent",
                                              "figure", "tag", "partnership_label", "partnership_source", "relation",
                                              "person", "classified"]

    private static func deleteChildren(of id: String, in tables: [String], owner: String, _ db: any StoreConnection) throws {
        for table in tables {
            try RowStatement(db, "DELETE FROM \(table) WHERE \(owner) = ?").run { $0.add(id) }
        }
    }

    // MARK: Reading

    static func sources(_ db: any StoreConnection) throws -> [Source] {
        try db.rows("SELECT id, title, publisher, published, url, document FROM source ORDER BY id") { row in
            Source(id: try row[0], title: try row[1], publisher: try row[2], published: try date(row, 3), url: try row[4],
                   document: try row[5])
        }
    }

    /// The organizations `filter` selects; `withoutLists`, their aliases and sources left empty.
    static func organizations(_ db: any StoreConnection, _ filter: OrganizationFilter, withoutLists: Bool = false) throws -> [Organization] {
        var list = try db.rows(filter.sql) { row in
            Organization(id: try row[0], name: try row[1], kind: try value(row, 2), country: try row[3], parent: try row[4])
        }
        if withoutLists { return list }
        let index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.id, $0) })
        // Those of every organization are read whole, not looked up by a list of every id.
        let ids = filter == OrganizationFilter() ? nil : list.map(\.id)
        try children(db, "organization_alias", "alias", of: ids) { id, row in list[index[id]!].aliases.append(try row[1]) }
        try children(db, "organization_source", "source_id", of: ids) { id, row in list[index[id]!].sources.append(try row[1]) }
        return list
    }

    /// The partnerships `request` selects, which must select `partnershipColumns` (in their order)
    /// and then `filed`, with the lists `skipped` names left empty.
    static func partnerships(_ db: any StoreConnection, _ request: SQLQuery,
                             without skipped: Set<Partnership.List> = []) throws -> [Partnership] {
        var keys: [PartnershipKey] = []
        var found = try db.rows(request) { row in
            let p = try partnership(row)
            keys.append(PartnershipKey(filed: try row[partnershipColumns.count], id: p.id))
            return p
        }
        let index = Dictionary(uniqueKeysWithValues: found.enumerated().map { ($1.id, $0) })
        let listed = SQLStringList(keys.map(\.listed))
        for list in partnershipLists where !skipped.contains(list.name) {
            var last = -1
            try db.forEachRow(Store.matching(keys: listed) + """
                \(sql: list.select) JOIN f ON t.filed = f.filed AND t.partnership_id = f.id ORDER BY \(sql: list.order)
                """) { row in
                let i = index[try row[0]]!
                try list.add(row, to: &found[i], first: i != last)
                last = i
            }
        }
        return found
    }

    /// The columns `partnership(_:)` reads, in its order: select them (with `columns(as:)`) for it.
    static let partnershipColumns = ["id", "title", "summary", "form", "status", "announced_date", "signed_date", "start_date",
                                     "end_date", "duration_months", "status_as_of", "duration_days", "series", "venue_name",
                                     "venue_city", "venue_country"]

    /// `partnershipColumns` of the table as `alias` names it: `p.id, p.title, …`.
    static func partnershipColumns(of alias: String) -> String {
        partnershipColumns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// `partnershipColumns(of: alias)` and the filing day: what `partnerships(_:_:without:)` reads.
    static func partnershipColumnsAndDay(of alias: String) -> String {
        partnershipColumns(of: alias) + ", \(alias).filed"
    }

    /// A partnership from a row of `partnershipColumns`, read by position; its lists still empty.
    static func partnership(_ row: any StoreRow) throws -> Partnership {
        let venue = Venue(name: try row[13], city: try row[14], country: try row[15])
        return Partnership(id: try row[0], title: try row[1], summary: try row[2], form: try value(row, 3), status: try value(row, 4),
                           announced: try date(row, 5), signed: try date(row, 6), start: try date(row, 7), end: try date(row, 8),
                           durationMonths: try row[9], statusAsOf: try date(row, 10), durationDays: try row[11],
                           isSeries: try row[12] as Int == 1, venue: venue == Venue() ? nil : venue)
    }

    /// A table of one of a partnership's lists: the columns read after `partnership_id` (row
    /// position 0), the columns that order its rows after the key, and what a row adds to its partnership.
    struct PartnershipList: Sendable {
        let name: Partnership.List
        let columns: String
        /// The columns that order a partnership's rows.
        let rowOrder: String
        /// Makes room in a partnership, before its first row is added, for as many rows as most
        /// have: an array grown a row at a time is allocated again at its second, third and fifth.
        let reserve: (@Sendable (inout Partnership) -> Void)?
        let add: @Sendable (inout Partnership, any StoreRow) throws -> Void

        init(_ name: Partnership.List, columns: String, order: String = "position",
             reserve: (@Sendable (inout Partnership) -> Void)? = nil,
             add: @escaping @Sendable (inout Partnership, any StoreRow) throws -> Void) {
            (self.name, self.columns, self.rowOrder, self.reserve, self.add) = (name, columns, order, reserve, add)
        }

        /// Adds `row` to `partnership`, the first of its rows when `first`.
        func add(_ row: any StoreRow, to partnership: inout Partnership, first: Bool) throws {
            if first, let reserve { reserve(&partnership) }
            try add(&partnership, row)
        }

        var table: String { name.rawValue }

        /// How many `columns`.
        var columnCount: Int { columns.split(separator: ", ").count }

        /// `SELECT t.partnership_id, t.column…, t.filed FROM table t`, for a `JOIN`, a `WHERE` and
        /// `ORDER BY order` to follow.
        var select: String {
            let read = columns.split(separator: ", ").map { "t.\($0)" }.joined(separator: ", ")
            return "SELECT t.partnership_id, \(read), t.filed FROM \(table) t"
        }

        /// The rows' order: their partnerships' in the table, then theirs.
        var order: String {
            (["t.filed", "t.partnership_id"] + rowOrder.split(separator: ", ").map { "t.\($0)" }).joined(separator: ", ")
        }
    }

    static let partnershipLists = [
        PartnershipList(.parties, columns: "organization_id, role, description, kind, country, count, count_qualifier",
                        reserve: { $0.parties.reserveCapacity(5) }) { p, row in
            let role: PartyRole = try value(row, 2)
            if let organization: String = try row[1] {
                p.parties.append(Party(organization: organization, role: role))
            } else {
                let count: Int? = try row[6]
                let unnamed = UnnamedParty(description: try row[3], kind: try value(row, 4), country: try row[5],
                                           count: try count.map { Quantity($0, try value(row, 7)) })
                p.parties.append(Party(unnamed: unnamed, role: role))
            }
        },
        PartnershipList(.related, columns: "target_id, kind") { p, row in
            p.related.append(Relation(to: try row[1], kind: try value(row, 2)))
        },
        PartnershipList(.people, columns: "name, title, organization_id, role") { p, row in
            p.people.append(Person(name: try row[1], title: try row[2], organization: try row[3], role: try value(row, 4)))
        },
        PartnershipList(.territories, columns: "code", reserve: { $0.territories.reserveCapacity(2) }) { p, row in
            p.territories.append(try row[1])
        },
        PartnershipList(.products, columns: "name, kind, indication, therapeutic_area",
                        reserve: { $0.products.reserveCapacity(3) }) { p, row in
            p.products.append(Product(name: try row[1], kind: try value(row, 2), indication: try row[3], therapeuticArea: try row[4]))
        },
        PartnershipList(.financials, columns: "type, amount, qualifier, currency, per, wording") { p, row in
            p.financials.append(FinancialTerm(type: try value(row, 1), amount: try row[2], qualifier: try value(row, 3),
                                              currency: try row[4], per: try row[5], wording: try row[6]))
        },
        // After financial_term: each row adds to a term read already.
        PartnershipList(.equivalents, columns: "term_position, amount, qualifier, currency",
                        order: "term_position, position") { p, row in
            let term: Int = try row[1]
            guard p.financials.indices.contains(term) else { throw StoreError("an equivalent of no financial term in the database") }
            p.financials[term].equivalents.append(Money(amount: try row[2], qualifier: try value(row, 3), currency: try row[4]))
        },
        PartnershipList(.figures, columns: "key, value, qualifier", order: "key",
                        reserve: { $0.figures.reserveCapacity(3) }) { p, row in
            p.figures[try value(row, 1)] = Quantity(try row[2], try value(row, 3))
        },
        PartnershipList(.tags, columns: "tag", reserve: { $0.tags.reserveCapacity(5) }) { p, row in p.tags.append(try row[1]) },
        PartnershipList(.labels, columns: "label") { p, row in p.labels.append(try row[1]) },
        PartnershipList(.sources, columns: "source_id") { p, row in p.sources.append(try row[1]) },
    ]

    /// Calls `body` with the owner's id and each row (`owner, column`) of `table` that belongs
    /// to the organizations `ids` lists (every organization when nil), in list order: one query for the whole set.
    private static func children(_ db: any StoreConnection, _ table: String, _ column: String, of ids: [String]?,
                                 _ body: (String, any StoreRow) throws -> Void) throws {
        let owned: SQLQuery = ids.map { "WHERE organization_id IN (\(list: $0))" } ?? ""
        try db.forEachRow("""
            SELECT organization_id, \(sql: column) FROM \(sql: table) \(owned)
            ORDER BY organization_id, position
            """) { row in try body(try row[0], row) }
    }

    /// The value of the row's column at `index`, by position.
    static func value<E: StoredEnum>(_ row: any StoreRow, _ index: Int) throws -> E {
        if let value = row.withUTF8(index, { E.storedCases.value($0) }) ?? nil { return value }
        let raw: String = try row[index] // a NULL is an error naming the column
        throw StoreError("unknown \(row.name(index)) '\(raw)' in the database")
    }

    /// Parsed where the row holds the text: a string made of each took as long again.
    private static func date(_ row: any StoreRow, _ index: Int) throws -> PartialDate? {
        guard let parsed = row.withUTF8(index, { PartialDate(utf8: $0) }) else { return nil }
        guard let date = parsed else {
            let text: String = try row[index]
            throw StoreError("invalid date '\(text)' in column \(row.name(index))")
        }
        return date
    }
}

extension Partnership {
    /// A list of a partnership, named by the property it fills and stored as the table it is
    /// read from: a read may leave out those its reader has no use for.
    public enum List: String, CaseIterable, Sendable {
        case parties = "party", related = "relation", people = "person", territories = "territory"
        case products = "product", financials = "financial_term", equivalents = "money_equivalent"
        case figures = "figure", tags = "tag", labels = "partnership_label", sources = "partnership_source"
    }
}

/// The database holds something the model cannot: it was changed outside Accord.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// What only a store in a SQLite file does (reading and loading whole tables, for `accord db copy`),
/// asked of one on a server.
public struct NotOnServer: Error, CustomStringConvertible, Sendable {
    /// The server's database.
    public let name: String

    public var description: String { "\(name) is a PostgreSQL database: this works on a SQLite file only" }
}
