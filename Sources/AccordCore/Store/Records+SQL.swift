import Foundation
import GRDB

/// Writing records to their tables and assembling them back from rows.
enum RecordsSQL {
    // MARK: Writing

    static func write(_ s: Source, _ db: Database) throws {
        try upsert(db, "source", ["id": s.id, "title": s.title, "publisher": s.publisher,
                                  "published": s.published?.description, "url": s.url, "document": s.document])
    }

    static func write(_ o: Organization, _ db: Database) throws {
        try upsert(db, "organization", ["id": o.id, "name": o.name, "name_key": o.name.lowercased(),
                                        "kind": o.kind.rawValue, "country": o.country, "parent_id": o.parent])
        try replaceChildren(db, "organization_alias", of: o.id, o.aliases.map { ["alias": $0, "alias_key": $0.lowercased()] })
        try replaceChildren(db, "organization_source", of: o.id, o.sources.map { ["source_id": $0] })
    }

    static func write(_ p: Partnership, _ db: Database) throws {
        try upsert(db, "partnership", [
            "id": p.id, "title": p.title, "summary": p.summary, "form": p.form.rawValue, "status": p.status.rawValue,
            "announced_date": p.announced?.description, "signed_date": p.signed?.description,
            "start_date": p.start?.description, "end_date": p.end?.description, "duration_months": p.durationMonths,
            "date_first": p.date?.first.description, "date_last": p.date?.last.description,
            "date_precision": p.date?.precision.rawValue,
        ])
        try replaceChildren(db, "party", of: p.id, p.parties.map { ["organization_id": $0.organization, "role": $0.role.rawValue] })
        try replaceChildren(db, "territory", of: p.id, p.territories.map { ["code": $0] })
        try replaceChildren(db, "product", of: p.id, p.products.map {
            ["name": $0.name, "kind": $0.kind.rawValue, "indication": $0.indication, "therapeutic_area": $0.therapeuticArea]
        })
        try replaceChildren(db, "financial_term", of: p.id, p.financials.map {
            ["type": $0.type.rawValue, "amount": $0.amount, "currency": $0.currency, "wording": $0.wording]
        })
        try replaceChildren(db, "figure", of: p.id, positioned: false,
                            p.figures.sorted { $0.key < $1.key }.map { ["key": $0.key.rawValue, "value": $0.value] })
        try replaceChildren(db, "tag", of: p.id, p.tags.map { ["tag": $0] })
        try replaceChildren(db, "partnership_label", of: p.id, p.labels.map { ["label": $0] })
        try replaceChildren(db, "partnership_source", of: p.id, p.sources.map { ["source_id": $0] })
    }

    /// Inserts the row, or updates it in place when the id exists, so rows citing it stay valid.
    private static func upsert(_ db: Database, _ table: String, _ values: [String: (any DatabaseValueConvertible)?]) throws {
        let columns = values.keys.sorted()
        let updates = columns.filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count))) "
            + "ON CONFLICT(id) DO UPDATE SET \(updates)"
        try db.cachedStatement(sql: sql).execute(arguments: arguments(columns, values))
    }

    /// Deletes the record's rows in `table` and inserts `rows`, numbering their `position`.
    private static func replaceChildren(_ db: Database, _ table: String, of id: String, positioned: Bool = true,
                                        _ rows: [[String: (any DatabaseValueConvertible)?]]) throws {
        let owner = table.hasPrefix("organization") ? "organization_id" : "partnership_id"
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE \(owner) = ?").execute(arguments: [id])
        for (position, row) in rows.enumerated() {
            var row = row
            row[owner] = id
            if positioned { row["position"] = position }
            let columns = row.keys.sorted()
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
            try db.cachedStatement(sql: sql).execute(arguments: arguments(columns, row))
        }
    }

    private static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    private static func arguments(_ columns: [String], _ values: [String: (any DatabaseValueConvertible)?]) -> StatementArguments {
        let list: [(any DatabaseValueConvertible)?] = columns.map { values[$0] ?? nil }
        return StatementArguments(list)
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

    static func jsonArray(_ strings: [String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: strings), as: UTF8.self)
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
