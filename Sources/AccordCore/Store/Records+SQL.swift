import Foundation
import GRDB

/// Writing records to their tables and assembling them back from rows.
enum RecordsSQL {
    // MARK: Writing

    /// Writes the source; `existing` says whether its id may be in the database
    /// already (when it is not, there are no old child rows to delete).
    static func write(_ s: Source, existing: Bool = true, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO source (id, title, publisher, published, url, document) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
                published = excluded.published, url = excluded.url, document = excluded.document
            """).execute(arguments: [s.id, s.title, s.publisher, s.published?.description, s.url, s.document])
    }

    /// Writes the organization and returns whether it changed: whether it is new, or
    /// any value it is written with differs from what was stored.
    @discardableResult
    static func write(_ o: Organization, existing: Bool = true, _ db: Database) throws -> Bool {
        let row: [(any DatabaseValueConvertible)?] = [o.id, o.name, o.name.lowercased(), o.kind.rawValue, o.country, o.parent]
        let children: [ChildRows] = [
            ChildRows("INSERT INTO organization_alias (organization_id, position, alias, alias_key) VALUES (?, ?, ?, ?)",
                      o.aliases.enumerated().map { [o.id, $0, $1, $1.lowercased()] }),
            ChildRows("INSERT INTO organization_source (organization_id, position, source_id) VALUES (?, ?, ?)",
                      o.sources.enumerated().map { [o.id, $0, $1] }),
        ]
        // When nothing differs the row is left alone, and the count of changes says so.
        try db.cachedStatement(sql: """
            INSERT INTO organization (id, name, name_key, kind, country, parent_id, content_digest) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, kind = excluded.kind,
                country = excluded.country, parent_id = excluded.parent_id, content_digest = excluded.content_digest
            WHERE organization.content_digest IS NOT excluded.content_digest
            """).execute(arguments: StatementArguments(row + [digest(row, children)]))
        let changed = db.changesCount > 0
        if existing { try deleteChildren(of: o.id, in: organizationChildren, owner: "organization_id", db) }
        try insert(children, db)
        return changed
    }

    /// Writes the partnership. One whose values differ from what was stored (or a new
    /// one) is marked as changed since it was classified.
    static func write(_ p: Partnership, existing: Bool = true, _ db: Database) throws {
        let row: [(any DatabaseValueConvertible)?] = [
            p.id, p.title, p.summary, p.form.rawValue, p.status.rawValue, p.announced?.description,
            p.signed?.description, p.start?.description, p.end?.description, p.durationMonths,
            p.date?.first.description, p.date?.last.description, p.date?.precision.rawValue,
        ]
        let children: [ChildRows] = [
            ChildRows("INSERT INTO party (partnership_id, position, organization_id, role) VALUES (?, ?, ?, ?)",
                      p.parties.enumerated().map { [p.id, $0, $1.organization, $1.role.rawValue] }),
            ChildRows("INSERT INTO territory (partnership_id, position, code) VALUES (?, ?, ?)",
                      p.territories.enumerated().map { [p.id, $0, $1] }),
            ChildRows("INSERT INTO product (partnership_id, position, name, kind, indication, therapeutic_area) VALUES (?, ?, ?, ?, ?, ?)",
                      p.products.enumerated().map { [p.id, $0, $1.name, $1.kind.rawValue, $1.indication, $1.therapeuticArea] }),
            ChildRows("INSERT INTO financial_term (partnership_id, position, type, amount, currency, wording) VALUES (?, ?, ?, ?, ?, ?)",
                      p.financials.enumerated().map { [p.id, $0, $1.type.rawValue, $1.amount, $1.currency, $1.wording] }),
            ChildRows("INSERT INTO figure (partnership_id, key, value) VALUES (?, ?, ?)",
                      p.figures.sorted { $0.key < $1.key }.map { [p.id, $0.key.rawValue, $0.value] }),
            ChildRows("INSERT INTO tag (partnership_id, position, tag) VALUES (?, ?, ?)",
                      p.tags.enumerated().map { [p.id, $0, $1] }),
            ChildRows("INSERT INTO partnership_label (partnership_id, position, label) VALUES (?, ?, ?)",
                      p.labels.enumerated().map { [p.id, $0, $1] }),
            ChildRows("INSERT INTO partnership_source (partnership_id, position, source_id) VALUES (?, ?, ?)",
                      p.sources.enumerated().map { [p.id, $0, $1] }),
        ]
        try db.cachedStatement(sql: """
            INSERT INTO partnership (id, title, summary, form, status, announced_date, signed_date, start_date, end_date,
                duration_months, date_first, date_last, date_precision, content_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, summary = excluded.summary, form = excluded.form,
                status = excluded.status, announced_date = excluded.announced_date, signed_date = excluded.signed_date,
                start_date = excluded.start_date, end_date = excluded.end_date, duration_months = excluded.duration_months,
                date_first = excluded.date_first, date_last = excluded.date_last, date_precision = excluded.date_precision,
                classified_run = CASE WHEN partnership.content_digest IS excluded.content_digest THEN partnership.classified_run END,
                content_digest = excluded.content_digest
            """).execute(arguments: StatementArguments(row + [digest(row, children)]))
        if existing { try deleteChildren(of: p.id, in: partnershipChildren, owner: "partnership_id", db) }
        try insert(children, db)
    }

    /// The rows a record writes to one child table.
    private struct ChildRows {
        var sql: String
        var rows: [[(any DatabaseValueConvertible)?]]

        init(_ sql: String, _ rows: [[(any DatabaseValueConvertible)?]]) {
            self.sql = sql
            self.rows = rows
        }
    }

    /// The content digest of a record's row and the rows of its children.
    private static func digest(_ row: [(any DatabaseValueConvertible)?], _ children: [ChildRows]) -> Int64 {
        var digest = RecordDigest()
        digest.add(row)
        for (table, child) in children.enumerated() {
            digest.add(table: table)
            for row in child.rows { digest.add(row) }
        }
        return digest.stored
    }

    private static func insert(_ children: [ChildRows], _ db: Database) throws {
        for child in children where !child.rows.isEmpty {
            let statement = try db.cachedStatement(sql: child.sql)
            for row in child.rows { try statement.execute(arguments: StatementArguments(row)) }
        }
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
        var list = try SQLRequest<Row>(literal: request).fetchAll(db).map { row in
            Partnership(id: row["id"], title: row["title"], summary: row["summary"], form: try value(row, "form"),
                        status: try value(row, "status"), announced: try date(row, "announced_date"),
                        signed: try date(row, "signed_date"), start: try date(row, "start_date"),
                        end: try date(row, "end_date"), durationMonths: row["duration_months"])
        }
        let index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.id, $0) })
        let ids = jsonArray(list.map(\.id))
        func each(_ table: String, order: String = "position", _ body: (inout Partnership, Row) throws -> Void) throws {
            try children(db, table, of: ids, order: order) { row in try body(&list[index[row["partnership_id"]]!], row) }
        }
        try each("party") { p, row in p.parties.append(Party(organization: row["organization_id"], role: try value(row, "role"))) }
        try each("territory") { p, row in p.territories.append(row["code"]) }
        try each("product") { p, row in
            p.products.append(Product(name: row["name"], kind: try value(row, "kind"), indication: row["indication"],
                                      therapeuticArea: row["therapeutic_area"]))
        }
        try each("financial_term") { p, row in
            p.financials.append(FinancialTerm(type: try value(row, "type"), amount: row["amount"],
                                              currency: row["currency"], wording: row["wording"]))
        }
        try each("figure", order: "key") { p, row in p.figures[try value(row, "key")] = row["value"] }
        try each("tag") { p, row in p.tags.append(row["tag"]) }
        try each("partnership_label") { p, row in p.labels.append(row["label"]) }
        try each("partnership_source") { p, row in p.sources.append(row["source_id"]) }
        return list
    }

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
