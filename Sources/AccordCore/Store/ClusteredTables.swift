import GRDB

/// Stores the partnership table and its lists as `WITHOUT ROWID` tables: rows lie in
/// primary-key order, a partnership's list rows together and after those of the
/// partnership before it, so reading in id order reads the file in sequence
/// (`PartnershipScan`) where a rowid table needs a B-tree search per record and table.
enum ClusteredTables {
    /// The tables clustered by partnership id.
    static let tables = ["partnership", "party", "territory", "product", "financial_term", "figure", "tag",
                         "partnership_label", "partnership_source"]

    /// Rebuilds each table with its own columns, constraints, indexes and rows; only how
    /// SQLite stores them changes. Foreign keys are checked after (the migrator does).
    static func migrate(_ db: Database) throws {
        for table in tables { try cluster(table, db) }
    }

    /// Rebuilds `table` as a `WITHOUT ROWID` table keyed by its primary key, its columns and
    /// constraints as `edit` leaves its `CREATE TABLE` statement.
    static func cluster(_ table: String, _ db: Database, edit: (String) throws -> String = { $0 }) throws {
        let schema = try Row.fetchAll(db, sql: "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL",
                                      arguments: [table])
        guard let create: String = schema.first(where: { $0["type"] == "table" })?["sql"],
              let columns = create.firstIndex(of: "(") else { throw StoreError("no table \(table) in the database") }
        let indexes: [String] = schema.filter { $0["type"] == "index" }.map { $0["sql"] }
        let key = try db.primaryKey(table).columns.joined(separator: ", ")
        let building = "clustered_\(table)"
        try db.execute(sql: """
            CREATE TABLE \(building) \(try edit(String(create[columns...]))) WITHOUT ROWID;
            INSERT INTO \(building) SELECT * FROM \(table) ORDER BY \(key);
            DROP TABLE \(table);
            ALTER TABLE \(building) RENAME TO \(table);
            """)
        for index in indexes { try db.execute(sql: index) }
    }
}
