import Foundation
import GRDB

/// Partnerships and their lists are kept in filing order: each table's key starts with `filed`,
/// the partnership's filing day as a number (`20250314`; undated last, `99999999`), then its id.
/// A period's partnerships then lie together in every table, so that a report reads a period's
/// lists as neighbouring pages, where in id order they lay scattered over the whole file (at a
/// million partnerships, a year's parties were one in twenty rows, on nearly every page). The
/// id stays the user's, unique, and is found through its own index.
///
/// A list's rows name their partnership by `(filed, partnership_id)`, which follows the
/// partnership when its filing date changes (`ON UPDATE CASCADE`).
enum FilingOrder {
    /// The day a partnership filed on `date` is kept under.
    static func filed(_ date: PartialDate?) -> Int {
        guard let day = date?.first else { return undated }
        return day.year * 10_000 + day.month * 100 + day.day
    }

    /// The filing day of a date as a CSV cell holds it (`2019`, `2019-06`, `2020-04-17`, with
    /// spaces around it or none), when it is one: what a first pass over a file sorts by.
    static func filed(csvCell cell: UnsafeBufferPointer<UInt8>) -> Int? {
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = cell.firstIndex(where: { !isSpace($0) }), let last = cell.lastIndex(where: { !isSpace($0) }) else {
            return nil
        }
        return PartialDate(utf8: cell[first...last]).map { filed($0) }
    }

    /// `filed` of the undated, which come after every date, as in `PartnershipFilter.order`.
    static let undated = 99_999_999

    /// The `date_first` of partnerships kept under `filed` (`2025-03-14`), nil for the undated.
    static func dateFirst(_ filed: Int) -> String? {
        guard filed != undated else { return nil }
        return String(format: "%04d-%02d-%02d", filed / 10_000, filed / 100 % 100, filed % 100)
    }

    /// The lists rekeyed by filing order, with the partnership, and which run classified each partnership.
    static let lists = ["party", "relation", "person", "territory", "product", "financial_term", "money_equivalent",
                        "figure", "tag", "partnership_label", "partnership_source", "assigned_label", "classified"]

    private static let reference = " REFERENCES partnership(id) ON DELETE CASCADE"

    /// Rebuilds the partnership table and each list keyed by filing order, with their indexes
    /// and rows; foreign keys are checked after (the migrator does).
    static func migrate(_ db: Database) throws {
        var indexes: [String] = []
        try rebuild("partnership", db, indexes: &indexes, edit: { create in
            try replacing("id TEXT PRIMARY KEY NOT NULL,", with: "id TEXT NOT NULL,\n    filed INTEGER NOT NULL,", in: create)
                .dropLast() + ",\n    PRIMARY KEY (filed, id)\n)"
        }, rows: """
            SELECT *, COALESCE(CAST(replace(date_first, '-', '') AS INTEGER), \(undated)) AS filed FROM partnership
            ORDER BY filed, id
            """)
        // Before the lists, which find their partnership's filing day by id.
        try db.execute(sql: "CREATE UNIQUE INDEX partnership_id ON partnership(id)")
        for list in lists {
            try rebuild(list, db, indexes: &indexes, edit: { create in
                let keyed = list == "classified"
                    ? try replacing("partnership_id TEXT PRIMARY KEY NOT NULL\(reference),",
                                    with: "partnership_id TEXT NOT NULL,\n    filed INTEGER NOT NULL,", in: create).dropLast()
                        + ",\n    PRIMARY KEY (filed, partnership_id)\n)"
                    : try replacing("PRIMARY KEY (partnership_id,", with: "PRIMARY KEY (filed, partnership_id,",
                                    in: try replacing("partnership_id TEXT NOT NULL\(reference),",
                                                      with: "partnership_id TEXT NOT NULL,\n    filed INTEGER NOT NULL,", in: create))
                return keyed.dropLast() + """
                    ,
                        FOREIGN KEY (filed, partnership_id) REFERENCES partnership(filed, id) ON DELETE CASCADE ON UPDATE CASCADE
                    )
                    """
            }, rows: "SELECT t.*, p.filed FROM \(list) t JOIN partnership p ON p.id = t.partnership_id ORDER BY p.filed, t.partnership_id")
        }
        for index in indexes { try db.execute(sql: index) }
    }

    /// Makes `table` again as `edit` leaves its `CREATE TABLE` statement, `WITHOUT ROWID`, with
    /// the rows `rows` selects (its columns, then `filed`) in key order; keeps its indexes' statements in `indexes`.
    private static func rebuild(_ table: String, _ db: Database, indexes: inout [String],
                                edit: (String) throws -> String, rows: String) throws {
        let schema = try Row.fetchAll(db, sql: "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL",
                                      arguments: [table])
        guard let create: String = schema.first(where: { $0["type"] == "table" })?["sql"],
              let open = create.firstIndex(of: "("), let close = create.lastIndex(of: ")") else {
            throw StoreError("no table \(table) in the database")
        }
        indexes += schema.filter { $0["type"] == "index" }.map { $0["sql"] }
        let columns = try db.columns(in: table).map(\.name) + ["filed"]
        let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let building = "filed_\(table)"
        try db.execute(sql: """
            CREATE TABLE \(building) \(try edit(String(create[open...close]))) WITHOUT ROWID;
            INSERT INTO \(building) (\(names)) \(rows);
            DROP TABLE \(table);
            ALTER TABLE \(building) RENAME TO \(table);
            """)
    }

    private static func replacing(_ old: String, with new: String, in text: String) throws -> String {
        guard let range = text.range(of: old), text.range(of: old, range: range.upperBound..<text.endIndex) == nil else {
            throw StoreError("the table's statement has no one '\(old)': \(text)")
        }
        return text.replacingCharacters(in: range, with: new)
    }
}
