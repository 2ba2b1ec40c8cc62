import Foundation
import GRDB

/// Writing records to their tables and assembling them back from rows.
enum RecordsSQL {
    // MARK: Writing

    /// Writes the source; `existing` says whether its id may be in the database
    /// already (when it is not, there are no old child rows to delete). Returns
    /// whether anything changed: not when the database holds the record in this
    /// very form (the stored digest says so), which is then left as it is.
    @discardableResult
    static func write(_ s: Source, existing: Bool = true, _ db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO source (id, title, publisher, published, url, document, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
                published = excluded.published, url = excluded.url, document = excluded.document, digest = excluded.digest
            WHERE source.digest IS NOT excluded.digest
            """).execute(arguments: [s.id, s.title, s.publisher, s.published?.description, s.url, s.document, RecordDigest.of(s)])
        return db.changesCount > 0
    }

    @discardableResult
    static func write(_ o: Organization, existing: Bool = true, _ db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO organization (id, name, name_key, kind, country, parent_id, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, kind = excluded.kind,
                country = excluded.country, parent_id = excluded.parent_id, digest = excluded.digest
            WHERE organization.digest IS NOT excluded.digest
            """).execute(arguments: [o.id, o.name, o.name.lowercased(), o.kind.rawValue, o.country, o.parent, RecordDigest.of(o)])
        guard db.changesCount > 0 else { return false }
        if existing { try deleteChildren(of: o.id, in: organizationChildren, owner: "organization_id", db) }
        let alias = try db.cachedStatement(sql: "INSERT INTO organization_alias (organization_id, position, alias, alias_key) VALUES (?, ?, ?, ?)")
        for (i, a) in o.aliases.enumerated() { try alias.execute(arguments: [o.id, i, a, a.lowercased()]) }
        let source = try db.cachedStatement(sql: "INSERT INTO organization_source (organization_id, position, source_id) VALUES (?, ?, ?)")
        for (i, s) in o.sources.enumerated() { try source.execute(arguments: [o.id, i, s]) }
        return true
    }

    /// Writes the partnership and returns whether it changed; a changed one is
    /// marked as changed since it was classified (`classified_run` is NULL).
    @discardableResult
    static func write(_ p: Partnership, existing: Bool = true, _ db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO partnership (id, title, summary, form, status, announced_date, signed_date, start_date, end_date,
                duration_months, date_first, date_last, date_precision, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, summary = excluded.summary, form = excluded.form,
                status = excluded.status, announced_date = excluded.announced_date, signed_date = excluded.signed_date,
                start_date = excluded.start_date, end_date = excluded.end_date, duration_months = excluded.duration_months,
                date_first = excluded.date_first, date_last = excluded.date_last, date_precision = excluded.date_precision,
                digest = excluded.digest, classified_run = NULL
            WHERE partnership.digest IS NOT excluded.digest
            """).execute(arguments: [
                p.id, p.title, p.summary, p.form.rawValue, p.status.rawValue, p.announced?.description,
                p.signed?.description, p.start?.description, p.end?.description, p.durationMonths,
                p.date?.first.description, p.date?.last.description, p.date?.precision.rawValue, RecordDigest.of(p),
            ])
        guard db.changesCount > 0 else { return false }
        if existing { try deleteChildren(of: p.id, in: partnershipChildren, owner: "partnership_id", db) }
        func insert(_ sql: String, _ rows: [StatementArguments]) throws {
            guard !rows.isEmpty else { return }
            let statement = try db.cachedStatement(sql: sql)
            for row in rows { try statement.execute(arguments: row) }
        }
        try insert("INSERT INTO party (partnership_id, position, organization_id, role) VALUES (?, ?, ?, ?)",
                   p.parties.enumerated().map { [p.id, $0, $1.organization, $1.role.rawValue] })
        try insert("INSERT INTO territory (partnership_id, position, code) VALUES (?, ?, ?)",
                   p.territories.enumerated().map { [p.id, $0, $1] })
        try insert("INSERT INTO product (partnership_id, position, name, kind, indication, therapeutic_area) VALUES (?, ?, ?, ?, ?, ?)",
                   p.products.enumerated().map { [p.id, $0, $1.name, $1.kind.rawValue, $1.indication, $1.therapeuticArea] })
        try insert("INSERT INTO financial_term (partnership_id, position, type, amount, currency, wording) VALUES (?, ?, ?, ?, ?, ?)",
                   p.financials.enumerated().map { [p.id, $0, $1.type.rawValue, $1.amount, $1.currency, $1.wording] })
        try insert("INSERT INTO figure (partnership_id, key, value) VALUES (?, ?, ?)",
                   p.figures.sorted { $0.key < $1.key }.map { [p.id, $0.key.rawValue, $0.value] })
        try insert("INSERT INTO tag (partnership_id, position, tag) VALUES (?, ?, ?)",
                   p.tags.enumerated().map { [p.id, $0, $1] })
        try insert("INSERT INTO partnership_label (partnership_id, position, label) VALUES (?, ?, ?)",
                   p.labels.enumerated().map { [p.id, $0, $1] })
        try insert("INSERT INTO partnership_source (partnership_id, position, source_id) VALUES (?, ?, ?)",
                   p.sources.enumerated().map { [p.id, $0, $1] })
        return true
    }

    private static let organizationChildren = ["organization_alias", "organization_source"]
    private static let partnershipChildren = ["party", "territory", "product", "financial_term", "figure", "tag",
                                              "partnership_label", "partnership_source"]

    private static func deleteChildren(of id: String, in tables: [String], owner: String, _ db: Database) throws {
        for table in tables {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE \(owner) = ?").execute(arguments: [id])
        }
    }

    // MARK: Reading

    static func sources(_ db: Database) throws -> [Source] {
        try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY id").map { row in
            Source(id: row["id"], title: row["title"], publisher: row["publisher"],
                   published: try date(row, "published"), url: row["url"], document: row["document"])
        }
    }

    static func organizations(_ db: Database, _ request: SQL) throws -> [Organization] {
        var list = try SQLRequest<Row>(literal: request).fetchAll(db).map { row in
            Organization(id: row["id"], name: row["name"], kind: try value(row, "kind"), country: row["country"],
                         parent: row["parent_id"])
        }
        let index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.id, $0) })
        let ids = jsonArray(list.map(\.id))
        try children(db, "organization_alias", of: ids) { row in list[index[row["organization_id"]]!].aliases.append(row["alias"]) }
        try children(db, "organization_source", of: ids) { row in list[index[row["organization_id"]]!].sources.append(row["source_id"]) }
        return list
    }

    static func partnerships(_ db: Database, _ request: SQL) throws -> [Partnership] {
        var found = try SQLRequest<Row>(literal: request).fetchAll(db).map(partnership)
        let index = Dictionary(uniqueKeysWithValues: found.enumerated().map { ($1.id, $0) })
        let ids = jsonArray(found.map(\.id))
        for list in partnershipLists {
            try children(db, list.table, of: ids, order: list.order) { row in
                try list.add(&found[index[row["partnership_id"]]!], row)
            }
        }
        return found
    }

    /// A partnership from its row, its lists still empty.
    static func partnership(_ row: Row) throws -> Partnership {
        Partnership(id: row["id"], title: row["title"], summary: row["summary"], form: try value(row, "form"),
                    status: try value(row, "status"), announced: try date(row, "announced_date"),
                    signed: try date(row, "signed_date"), start: try date(row, "start_date"),
                    end: try date(row, "end_date"), durationMonths: row["duration_months"])
    }

    /// A table of one of a partnership's lists: the column that orders its rows after
    /// `partnership_id`, and what a row adds to its partnership.
    struct PartnershipList: Sendable {
        let table: String
        var order = "position"
        let add: @Sendable (inout Partnership, Row) throws -> Void
    }

    static let partnershipLists = [
        PartnershipList(table: "party") { p, row in
            p.parties.append(Party(organization: row["organization_id"], role: try value(row, "role")))
        },
        PartnershipList(table: "territory") { p, row in p.territories.append(row["code"]) },
        PartnershipList(table: "product") { p, row in
            p.products.append(Product(name: row["name"], kind: try value(row, "kind"), indication: row["indication"],
                                      therapeuticArea: row["therapeutic_area"]))
        },
        PartnershipList(table: "financial_term") { p, row in
            p.financials.append(FinancialTerm(type: try value(row, "type"), amount: row["amount"],
                                              currency: row["currency"], wording: row["wording"]))
        },
        PartnershipList(table: "figure", order: "key") { p, row in p.figures[try value(row, "key")] = row["value"] },
        PartnershipList(table: "tag") { p, row in p.tags.append(row["tag"]) },
        PartnershipList(table: "partnership_label") { p, row in p.labels.append(row["label"]) },
        PartnershipList(table: "partnership_source") { p, row in p.sources.append(row["source_id"]) },
    ]

    /// Calls `body` with the rows of `table` that belong to the records whose ids
    /// `ids` (a JSON array) lists, in list order: one query for the whole set.
    private static func children(_ db: Database, _ table: String, of ids: String, order: String = "position",
                                 _ body: (Row) throws -> Void) throws {
        let owner = table.hasPrefix("organization") ? "organization_id" : "partnership_id"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT * FROM \(table) WHERE \(owner) IN (SELECT value FROM json_each(?)) ORDER BY \(owner), \(order)
            """, arguments: [ids])
        while let row = try rows.next() { try body(row) }
    }

    /// A JSON array of strings, for `json_each`: made by hand, as Foundation's
    /// serializer took more time than the queries it fed.
    static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, string) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            if string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for scalar in string.unicodeScalars {
                    switch scalar {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                    default: out.unicodeScalars.append(scalar)
                    }
                }
            } else {
                out += string
            }
            out += "\""
        }
        return out + "]"
    }

    static func value<E: RawRepresentable>(_ row: Row, _ column: String) throws -> E where E.RawValue == String {
        let raw: String = row[column]
        guard let value = E(rawValue: raw) else { throw StoreError("unknown \(column) '\(raw)' in the database") }
        return value
    }

    private static func date(_ row: Row, _ column: String) throws -> PartialDate? {
        guard let text: String = row[column] else { return nil }
        guard let date = PartialDate(text) else { throw StoreError("invalid date '\(text)' in column \(column)") }
        return date
    }
}

/// The database holds something the model cannot: it was changed outside Accord.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
