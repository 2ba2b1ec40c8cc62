import CSQLiteConfig
import Foundation
import GRDB

/// The database of sources, organizations and partnerships: a SQLite file, or a database on a
/// PostgreSQL server (`StoreServer`).
public final class Store: Sendable {
    /// SQLite's connections: read, and write unless `lateWriter` is set; nil on a server.
    private let sqlite: (any DatabaseWriter)?
    /// The server's database, when not SQLite.
    let server: (any StoreServer)?
    /// The connection writes use when the database was opened beside another process's write.
    private let lateWriter: LateWriter?
    /// The database file; nil in memory.
    let path: String?
    /// How long a write waits for another process's write to end, in seconds.
    let busyTimeout: Double

    /// How long a write waits for another process's by default: `database_busy_timeout`.
    public static let defaultBusyTimeout: Double = 60

    /// Opens the database file at `path`, creating it if needed, in WAL mode, and
    /// brings its schema up to date. Readers never wait for a writer (but for a large first
    /// import, see `FirstLoad`); a write waits up to `busyTimeout` seconds for another
    /// process's write to end, then throws `DatabaseBusy`. `upgrading` is told the migrations
    /// a database made by an earlier Accord is about to be brought up to date by (at a million
    /// partnerships, some take minutes); a new database's are not told.
    public init(path: String, busyTimeout: Double = Store.defaultBusyTimeout, upgrading: ([String]) -> Void = { _ in }) throws {
        Self.setUpSQLite
        self.path = path
        self.busyTimeout = busyTimeout
        server = nil
        let db: any DatabaseWriter
        var configuration = Configuration()
        configuration.prepareDatabase(Self.setUp)
        configuration.busyMode = .timeout(min(busyTimeout, Double(Int32.max / 1000)))
        do {
            do {
                db = try Self.pool(path, configuration)
                sqlite = db
                lateWriter = nil
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // Opening a pool writes when the write-ahead log is empty, as it is while another process's first
                // transaction is under way: read without it, and write through a connection opened when needed.
                var readOnly = configuration
                readOnly.readonly = true
                db = try DatabasePool(path: path, configuration: readOnly)
                sqlite = db
                lateWriter = LateWriter(path: path, configuration: configuration)
            }
            // Migrating takes the write lock: only when the schema is behind, so that opening never waits for a writer.
            if try !db.read(Migrations.migrator.hasCompletedMigrations) {
                let applied = try db.read(Migrations.migrator.appliedIdentifiers)
                if !applied.isEmpty { upgrading(Migrations.migrator.migrations.filter { !applied.contains($0) }) }
                try Migrations.migrator.migrate(try writer())
            }
        } catch {
            throw DatabaseBusy.from(error, path: path, waited: busyTimeout) ?? error
        }
    }

    /// Sets up each connection. Deleted content is overwritten where that costs no more writing
    /// (`secure_delete = FAST`): inside the pages still in use, but not whole pages freed. Debian's
    /// SQLite overwrites those too, which wrote every page of the labels a classification replaces
    /// a second time (677,000 writes and 10 s to drop a million partnerships' labels; 1.2 s without).
    ///
    /// A new database's pages are `pageSize` bytes; a database made with other pages keeps them.
    private static func setUp(_ db: Database) throws {
        try db.execute(sql: "PRAGMA secure_delete = FAST; PRAGMA page_size = \(pageSize)")
    }

    /// The size of a new database's pages: 16 KiB, where SQLite's default is 4. Its tables are mostly
    /// read and written in long runs of neighbouring rows (`FilingOrder`), and larger pages make a
    /// quarter of the reads and writes: at a million partnerships, an import took 19.0–20.0 s
    /// against 20.6–24.3 s with 4 KiB pages, the processor time in the kernel 4.8–5.3 s against
    /// 5.9–6.4 s (three alternated runs each).
    static let pageSize = 16_384

    /// A pool whose set-up does not wait for another process's write (it fails at once); reads and
    /// writes afterwards wait as `configuration` says.
    private static func pool(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        var quick = configuration
        quick.busyMode = .immediateError
        let milliseconds = Int(min(configuration.busyTimeoutSeconds * 1000, Double(Int32.max)))
        quick.prepareDatabase { db in
            if db.configuration.readonly { try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)") }
        }
        let pool = try DatabasePool(path: path, configuration: quick)
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)") }
        return pool
    }

    private init(writer: any DatabaseWriter) throws {
        sqlite = writer
        server = nil
        lateWriter = nil
        path = nil
        busyTimeout = 0
        try Migrations.migrator.migrate(writer)
    }

    /// The database `server` keeps, whose schema must be that of `Store.migrations`; an empty one
    /// has its tables made, as a new SQLite file has, and one made by an earlier Accord is
    /// brought up to date, `upgrading` told the migrations first.
    public init(server: any StoreServer, upgrading: ([String]) -> Void = { _ in }) throws {
        self.server = server
        sqlite = nil
        lateWriter = nil
        path = nil
        busyTimeout = 0
        var applied = try server.appliedMigrations()
        if applied.isEmpty {
            try server.createSchema()
            applied = try server.appliedMigrations()
        } else if applied.count < Self.migrations.count, Array(Self.migrations.prefix(applied.count)) == applied {
            // Made by an earlier Accord: brought up to date, as a SQLite file is.
            let pending = Array(Self.migrations.dropFirst(applied.count))
            upgrading(pending)
            try server.migrate(pending)
            applied = try server.appliedMigrations()
        }
        guard Set(applied) == Set(Self.migrations) else {
            throw StoreError("""
                the database has the schema of migrations \(applied.joined(separator: ", ")) where this \
                Accord's is \(Self.migrations.joined(separator: ", "))
                """)
        }
    }

    /// The lock of scheduled runs, on a server: see `StoreServer.takeRunLock`; nil for a SQLite file,
    /// whose workspace keeps the lock in a file of its own.
    public func takeRunLock() throws -> AnyObject? { try server?.takeRunLock() }

    /// SQLite's connections; what the store does only on SQLite throws on a server.
    var db: any DatabaseWriter {
        get throws {
            guard let sqlite else { throw NotOnServer(name: server?.name ?? "") }
            return sqlite
        }
    }

    /// Where writes go.
    func writer() throws -> any DatabaseWriter {
        try lateWriter?.queue() ?? db
    }

    /// Runs `body` in a read transaction, on SQLite or the server.
    func reading<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        if let server { return try server.read(body) }
        return try readingSQLite(body)
    }

    /// Runs `body` in a write transaction; a lock held by another process past the busy timeout is `DatabaseBusy`.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer().write(body) } catch { throw explained(error) }
    }

    /// `error`, or `DatabaseBusy` when it is SQLite's "database is locked".
    func explained(_ error: any Error) -> any Error {
        guard let path else { return error }
        return DatabaseBusy.from(error, path: path, waited: busyTimeout) ?? error
    }

    /// A private database in memory, for tests and dry runs.
    public static func inMemory() throws -> Store {
        setUpSQLite
        return try Store(writer: DatabaseQueue())
    }

    /// SQLite as the process wants it, set before its first connection: without its count of the
    /// memory it holds, a lock taken on every allocation (at a million partnerships, 6% of the
    /// import's writing thread). A process whose SQLite was opened first goes on counting.
    private static let setUpSQLite: Void = { _ = accord_sqlite_skip_memory_count() }()

    /// Inserts the records, replacing those whose id exists (with all their lists),
    /// in one transaction.
    public func upsert(_ d: Dataset) throws {
        try writingAny { db in try Self.upsert(d, db) }
    }

    /// Reads, checks and upserts data files in one transaction: all of them or,
    /// when any has a problem, none (throwing `DataErrors`). Records are written
    /// as they are read, so memory does not grow with the files; a record the
    /// database holds in the same form is left as it is, and counted unchanged.
    ///
    /// With `prune`, every record the database holds and the files do not is
    /// removed (a partnership with its saved labels), and the files may cite only
    /// each other. With `dryRun`, all of it is done and rolled back: the counts
    /// say what the import would do.
    /// `read` is called after each record is read and written, for a progress line.
    @discardableResult
    public func importFiles(_ paths: [String], prune: Bool = false, dryRun: Bool = false,
                            read: @escaping () -> Void = {}) throws -> ImportCounts {
        try importFiles(paths, prune: prune, dryRun: dryRun, rebuildingIndexesFrom: Self.bulkImportBytes, read: read)
    }

    /// `importFiles`, rebuilding SQLite's indexes when the files hold at least `bytes`; `dropped`
    /// is told when the indexes go.
    @discardableResult
    func importFiles(_ paths: [String], prune: Bool = false, dryRun: Bool = false, rebuildingIndexesFrom bytes: Int,
                     read: @escaping () -> Void = {}, dropped: @escaping () -> Void = {}) throws -> ImportCounts {
        if server != nil {
            return try writingAny(committing: !dryRun) { db in try Self.importFiles(paths, prune: prune, read: read, db) }
        }
        let writer: any DatabaseWriter, bulk = Self.totalSize(of: paths) >= bytes, firstLoad: FirstLoad?
        do {
            writer = try self.writer()
            let cache = bulk ? Self.bulkImportCacheKiB : Self.importCacheKiB
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(cache)") }
        } catch {
            throw explained(error)
        }
        defer { try? writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        do {
            firstLoad = try bulk && !dryRun && !writer.read(Self.holdsRecords) ? FirstLoad(writer) : nil
        } catch {
            throw explained(error)
        }
        defer { firstLoad?.end() }
        return try writing(committing: !dryRun) { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try firstLoad?.checkStillEmpty(db)
            // A large import drops the secondary indexes and builds them again at the end, once it
            // writes enough to gain (`IndexRebuild`). Into a database found without records, which
            // only inserts, the unique ones go too.
            var rebuild = bulk ? IndexRebuild(holding: try db.value("SELECT COUNT(*) FROM partnership") ?? 0) : nil
            var indexes: [String] = []
            func drop() throws {
                indexes = try Self.dropIndexes(unique: firstLoad?.isActive == true, db)
                dropped()
            }
            if rebuild?.dropsAtOnce == true { try drop() }
            return try Self.importFiles(paths, prune: prune, read: read, db, wrote: {
                if rebuild?.wrote() == true { try drop() }
            }, written: {
                try Self.createIndexes(indexes, db)
            }, checked: { try firstLoad?.checkReferences(db) })
        }
    }

    /// Reads, checks and writes the files in the transaction `db` is in; `wrote` runs after each record written
    /// (added or changed), `written` once every record is, and `checked` once the files are found to be right.
    private static func importFiles(_ paths: [String], prune: Bool, read: @escaping () -> Void, _ db: any StoreConnection,
                                     wrote: @escaping () throws -> Void = {}, written: () throws -> Void = {},
                                     checked: () throws -> Void = {}) throws -> ImportCounts {
        var changed: [String] = [] // organizations that were there and changed: their partnerships changed too
        let lists = PartnershipListWriter()
        let run = ImportRun(known: try Self.knownIDs(db), pruning: prune, digesting: true) { record, digest, existing in
            defer { read() }
            let written: Bool
            switch record {
            case .source(let s): written = try RecordsSQL.write(s, existing: existing, digest: digest, db)
            case .organization(let o):
                written = try RecordsSQL.write(o, existing: existing, digest: digest, db)
                if written && existing { changed.append(o.id) }
            case .partnership(let p): written = try RecordsSQL.write(p, existing: existing, digest: digest, lists: lists, db)
            }
            if written { try wrote() }
            return written
        }
        try run.read(files: paths)
        try lists.flush(db)
        try written()
        try Self.markChanged(partiesOf: changed, db)
        if run.issues.isEmpty { run.report(try RelationChecks.issues(run.links, db)) }
        try run.finish(fileOrder: paths)
        try checked()
        var counts = run.counts
        if prune {
            counts.prune(run.recordsNotInFiles())
            try Self.deleteRows(of: counts.removed, db)
        }
        if counts.changedAnything { try Self.raiseRevision(db) }
        return counts
    }

    /// Runs `body` in a write transaction on SQLite or the server, committed only when `commit`
    /// is true. References are checked when it commits, so records may cite those written after them.
    /// On a server, a write of the ledger alone (`onlyLedger`) does not wait for a write of data.
    @discardableResult
    func writingAny<T>(committing commit: Bool = true, onlyLedger: Bool = false,
                       _ body: (any StoreConnection) throws -> T) throws -> T {
        if let server { return try server.write(committing: commit, onlyLedger: onlyLedger, body) }
        return try writing(committing: commit) { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            return try body(db)
        }
    }

    /// Runs `body` in a write transaction, committed only when `commit` is true; a lock held by
    /// another process past the busy timeout is `DatabaseBusy`.
    func writing<T>(committing commit: Bool, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer().writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return commit ? .commit : .rollback
                }
                return result!
            }
        } catch {
            throw explained(error)
        }
    }

    /// Whether the database holds a source, an organization or a partnership.
    static func holdsRecords(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM partnership UNION ALL SELECT 1 FROM organization UNION ALL SELECT 1 FROM source)
            """) ?? false
    }

    /// The page cache of an import that updates the indexes, in KiB: SQLite's default of 2000
    /// would make it read and write index pages from disk over and over.
    static let importCacheKiB = 512 * 1024

    /// The page cache of a large import, in KiB. It writes each table in key order and builds
    /// the indexes at the end, so a larger cache only holds written pages until the commit: at
    /// a million partnerships, 512 MiB took 45.8 s and 805 MB, 16 MiB 39.6 s and 283 MB.
    /// SQLite's sorter also cuts an index's rows into runs of this size, and of no fewer than
    /// 250 pages (3.9 MiB of 16 KiB pages), sorted on one thread while the next is read
    /// (`createIndexes`): runs of 4 MiB are sorted where the processor's caches hold them. With
    /// 4 MiB rather than 16, a million partnerships imported in a median of 23.92 s against
    /// 24.68 s with the indexes' runs alone at 4 MiB, and 27.33 s with 16 MiB throughout (three runs each).
    static let bulkImportCacheKiB = 4 * 1024

    /// From this many bytes of files on, an import rebuilds the indexes rather than updating them.
    static let bulkImportBytes = 32 << 20

    /// How many bytes the files hold, a link counted as the file it names: `attributesOfItem` gives a
    /// link's own size, which made a million partnerships read through links import with index
    /// updates, in 71 s instead of 18 s.
    static func totalSize(of paths: [String]) -> Int {
        paths.reduce(0) { total, path in
            var status = stat()
            return total + (stat(path, &status) == 0 ? Int(status.st_size) : 0)
        }
    }

    /// Drops the indexes that are not part of a table (primary keys stay), the unique ones
    /// (which an upsert needs) only when `unique`, and returns the statements that create them again.
    private static func dropIndexes(unique: Bool, _ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (? OR sql NOT LIKE 'CREATE UNIQUE %')
            """, arguments: [unique])
        for index in indexes { try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)") }
        return indexes.map { $0["sql"] }
    }

    /// Runs the `CREATE INDEX` statements `dropIndexes` returned, with SQLite's sorter's runs
    /// (`bulkImportCacheKiB`) sorted on one thread per core and merged. With a 512 MiB cache each
    /// index was one sort of all its rows: at a million partnerships the eleven indexes took 16.8 s
    /// that way, 11.3 s with runs of 16 MiB and two threads. Rebuilding the nine an import builds in
    /// the `sqlite3` shell, alternated: runs of 16 MiB a median of 12.85 s (eight runs), of 4 MiB
    /// 10.75 s (five); at 100,000, 1.71 s against 1.22 s (five each).
    private static func createIndexes(_ statements: [String], _ db: Database) throws {
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        try db.execute(sql: "PRAGMA threads = \(threads)")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        for sql in statements { try db.execute(sql: sql) }
    }

    /// Like `importFiles`, for files given as text.
    @discardableResult
    public func importTexts(_ texts: [(name: String, contents: String)]) throws -> Dataset {
        try writingAny { db in
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
                    organizations: try RecordsSQL.organizations(db, OrganizationFilter()),
                    partnerships: try PartnershipScan.partnerships(after: nil, limit: nil, db)
                        .sorted { PartnershipScan.precedes($0.id, $1.id) })
        }
    }

    /// The ids of every record, for checking the references of data to import.
    public func knownIDs() throws -> KnownIDs {
        try reading(Self.knownIDs)
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
                (table, try db.value("SELECT COUNT(*) FROM \(sql: table)") ?? 0)
            })
        }
    }

    /// Matching partnerships by filing date (undated last), then id.
    public func partnerships(_ filter: PartnershipFilter = PartnershipFilter()) throws -> [Partnership] {
        try reading { db in try RecordsSQL.partnerships(db, filter.sql) }
    }

    /// The partnerships `filter` matches, with the lists `skipped` names left empty: neither read nor held.
    public func partnerships(_ filter: PartnershipFilter, without skipped: Set<Partnership.List>) throws -> [Partnership] {
        try reading { db in try RecordsSQL.partnerships(db, filter.sql, without: skipped) }
    }

    /// How many partnerships match, counted in the database.
    public func count(_ filter: PartnershipFilter = PartnershipFilter()) throws -> Int {
        try reading { db in try db.value(filter.countSQL) ?? 0 }
    }

    /// Matching organizations by id.
    public func organizations(_ filter: OrganizationFilter = OrganizationFilter()) throws -> [Organization] {
        try reading { db in try RecordsSQL.organizations(db, filter) }
    }

    /// The organizations `filter` selects, in id order, without their aliases and sources: what names them.
    public func organizationsWithoutLists(_ filter: OrganizationFilter) throws -> [Organization] {
        try reading { db in try RecordsSQL.organizations(db, filter, withoutLists: true) }
    }

    /// How many organizations the database holds.
    public func organizationCount() throws -> Int {
        try reading { db in try db.value("SELECT COUNT(*) FROM organization") ?? 0 }
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
        try reading(Self.revision)
    }

    static func raiseRevision(_ db: any StoreConnection) throws {
        try db.execute("UPDATE revision SET number = number + 1 WHERE id = 1")
    }

    private static func upsert(_ d: Dataset, _ db: any StoreConnection) throws {
        try raiseRevision(db)
        for s in d.sources { try RecordsSQL.write(s, db) }
        let changed = try d.organizations.filter { try RecordsSQL.write($0, db) }.map(\.id)
        let lists = PartnershipListWriter()
        for p in d.partnerships { try RecordsSQL.write(p, lists: lists, db) }
        try lists.flush(db)
        try markChanged(partiesOf: changed, db)
    }

    private static func knownIDs(_ db: any StoreConnection) throws -> KnownIDs {
        KnownIDs(sources: Set(try db.column("SELECT id FROM source")),
                 organizations: Set(try db.column("SELECT id FROM organization")),
                 partnerships: Set(try db.column("SELECT id FROM partnership")))
    }
}

/// A writable connection opened on its first use.
private final class LateWriter: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let lock = NSLock()
    private var opened: DatabaseQueue?

    init(path: String, configuration: Configuration) {
        self.path = path
        self.configuration = configuration
    }

    func queue() throws -> DatabaseQueue {
        try lock.withLock {
            if let opened { return opened }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            opened = queue
            return queue
        }
    }
}

private extension Configuration {
    var busyTimeoutSeconds: Double {
        if case .timeout(let seconds) = busyMode { return seconds }
        return 0
    }
}
