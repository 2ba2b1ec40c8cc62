import Foundation
import GRDB

/// The SQLite database of sources, organizations and partnerships.
public final class Store: Sendable {
    let db: any DatabaseWriter

    /// Opens the database file at `path`, creating it if needed, in WAL mode, and
    /// brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        db = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(db)
    }

    private init(writer: any DatabaseWriter) throws {
        db = writer
        try Migrations.migrator.migrate(db)
    }

    /// A private database in memory, for tests and dry runs.
    public static func inMemory() throws -> Store { try Store(writer: DatabaseQueue()) }

    /// Inserts the records, replacing those whose id exists (with all their lists),
    /// in one transaction.
    public func upsert(_ d: Dataset) throws {
        try db.write { db in try Self.upsert(d, db) }
    }

    /// Reads, checks and upserts data files in one transaction: all of them or,
    /// when any has a problem, none (throwing `DataErrors`). Records are written
    /// as they are read, so memory does not grow with the files.
    @discardableResult
    public func importFiles(_ paths: [String]) throws -> ImportCounts {
        try importFiles(paths, rebuildingIndexesFrom: Self.bulkImportBytes)
    }

    /// `importFiles`, rebuilding the indexes when the files hold at least `bytes`.
    func importFiles(_ paths: [String], rebuildingIndexesFrom bytes: Int) throws -> ImportCounts {
        // Index pages are written all over the file: a large import keeps them in memory.
        try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)") }
        defer { try? db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        return try db.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try Self.raiseRevision(db)
            let run = ImportRun(known: try Self.knownIDs(db)) { record, existing in
                switch record {
                case .source(let s): try RecordsSQL.write(s, existing: existing, db)
                case .organization(let o): try RecordsSQL.write(o, existing: existing, db)
                case .partnership(let p): try RecordsSQL.write(p, existing: existing, db)
                }
            }
            // A large import drops the secondary indexes and builds them again at the end:
            // sorting once is far cheaper than a million inserts at random places in each.
            let indexes = Self.totalSize(of: paths) >= bytes ? try Self.dropIndexes(db) : []
            try run.read(files: paths)
            for sql in indexes { try db.execute(sql: sql) }
            try run.finish(fileOrder: paths)
            return run.counts
        }
    }

    /// The page cache of an import, in KiB: SQLite's default of 2000 would make a
    /// million-record import read and write index pages from disk over and over.
    static let importCacheKiB = 512 * 1024

    /// From this many bytes of files on, an import rebuilds the indexes rather than updating them.
    static let bulkImportBytes = 32 << 20

    private static func totalSize(of paths: [String]) -> Int {
        paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    /// Drops the indexes that are not part of a table (primary keys stay) and
    /// returns the statements that create them again.
    private static func dropIndexes(_ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        for index in indexes { try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)") }
        return indexes.map { $0["sql"] }
    }

    /// Like `importFiles`, for files given as text.
    @discardableResult
    public func importTexts(_ texts: [(name: String, contents: String)]) throws -> Dataset {
        try db.write { db in
            let d = try DataImporter.read(texts: texts, known: Self.knownIDs(db))
            try Self.upsert(d, db)
            return d
        }
    }

    /// All sources, by id.
    public func sources() throws -> [Source] {
        try reading { db in try RecordsSQL.sources(db) }
    }

    /// Everything, each kind sorted by id.
    public func dataset() throws -> Dataset {
        try reading { db in
            Dataset(sources: try RecordsSQL.sources(db),
                    organizations: try RecordsSQL.organizations(db, OrganizationFilter().sql),
                    partnerships: try RecordsSQL.partnerships(db, "SELECT p.* FROM partnership p ORDER BY p.id"))
        }
    }

    /// The ids of every record, for checking the references of data to import.
    public func knownIDs() throws -> KnownIDs {
        try db.read(Self.knownIDs)
    }

    /// Record counts by kind.
    public struct Counts: Equatable, Sendable {
        public var sources: Int
        public var organizations: Int
        public var partnerships: Int
    }

    /// How many records of each kind the database holds.
    public func counts() throws -> Counts {
        let rows = try rowCounts()
        return Counts(sources: rows["source"]!, organizations: rows["organization"]!, partnerships: rows["partnership"]!)
    }

    /// The number of rows in every table, by table name.
    public func rowCounts() throws -> [String: Int] {
        try reading { db in
            try Dictionary(uniqueKeysWithValues: Migrations.tables.map { table in
                (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)
            })
        }
    }

    /// Matching partnerships by filing date (undated last), then id.
    public func partnerships(_ filter: PartnershipFilter = PartnershipFilter()) throws -> [Partnership] {
        try reading { db in try RecordsSQL.partnerships(db, filter.sql) }
    }

    /// How many partnerships match, counted in the database.
    public func count(_ filter: PartnershipFilter = PartnershipFilter()) throws -> Int {
        try reading { db in try SQLRequest<Int>(literal: filter.countSQL).fetchOne(db) ?? 0 }
    }

    /// Matching organizations by id.
    public func organizations(_ filter: OrganizationFilter = OrganizationFilter()) throws -> [Organization] {
        try reading { db in try RecordsSQL.organizations(db, filter.sql) }
    }

    /// The partnership with this id, if any.
    public func partnership(id: String) throws -> Partnership? {
        try partnerships(PartnershipFilter(ids: [id])).first
    }

    /// The organization with this id, if any.
    public func organization(id: String) throws -> Organization? {
        try organizations(OrganizationFilter(ids: [id])).first
    }

    /// A number that every change of data or saved labels raises: reports made
    /// at one revision are made from the same data.
    public func revision() throws -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT number FROM revision WHERE id = 1") ?? 0 }
    }

    static func raiseRevision(_ db: Database) throws {
        try db.execute(sql: "UPDATE revision SET number = number + 1 WHERE id = 1")
    }

    private static func upsert(_ d: Dataset, _ db: Database) throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        try raiseRevision(db)
        for s in d.sources { try RecordsSQL.write(s, db) }
        for o in d.organizations { try RecordsSQL.write(o, db) }
        for p in d.partnerships { try RecordsSQL.write(p, db) }
    }

    private static func knownIDs(_ db: Database) throws -> KnownIDs {
        KnownIDs(sources: try String.fetchSet(db, sql: "SELECT id FROM source"),
                 organizations: try String.fetchSet(db, sql: "SELECT id FROM organization"),
                 partnerships: try String.fetchSet(db, sql: "SELECT id FROM partnership"))
    }
}
