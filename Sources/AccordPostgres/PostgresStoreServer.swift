import AccordCore
import Foundation
import NIOCore
import PostgresNIO

/// A store's database on a PostgreSQL server: a session that reads and, opened on the first
/// write, one that writes, so that a long write (saving a classification) can read as it goes.
/// Each call is a transaction; a session serves one at a time.
///
/// Writers of data take turns, as SQLite's do: each such transaction first locks the one row
/// of `revision`, which every change raises, so no two of them interleave (and none deadlocks
/// another); the ledger of scheduled runs and deliveries is written beside them. A write waits
/// up to `busyTimeout` seconds for the one under way, then throws (SQLSTATE 55P03, which
/// `PostgresSessionError.isBusy` tells).
public final class PostgresStoreServer: StoreServer, @unchecked Sendable {
    private let address: PostgresAddress
    private let credentials: PostgresCredentials
    private let busyTimeout: Double
    /// Sessions that read, each serving one transaction at a time: the first opened with the store,
    /// others when reads overlap (batches read ahead on several threads), up to `maxReaders`.
    /// `readerState` guards them.
    private var idleReaders: [PostgresSession]
    private var openReaders = 1
    private let readerState = NSCondition()
    private var writer: PostgresSession?
    private let writeLock = NSLock()

    public var name: String { address.description }

    /// Connects to `address` and signs in.
    public init(_ address: PostgresAddress, credentials: PostgresCredentials,
                busyTimeout: Double = Store.defaultBusyTimeout) throws(PostgresSessionError) {
        self.address = address
        self.credentials = credentials
        self.busyTimeout = busyTimeout
        idleReaders = [try PostgresSession(address, credentials: credentials)]
    }

    /// At most this many sessions read at once.
    private static let maxReaders = 4

    public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        let reader = try takeReader()
        defer { giveBack(reader) }
        // One snapshot for the whole transaction, and no write in it by mistake.
        return try reader.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            try body(PostgresStoreConnection(session: reader))
        }
    }

    /// An idle reading session, a new one when none is idle and fewer than `maxReaders` are open; else waits for one.
    private func takeReader() throws -> PostgresSession {
        readerState.lock()
        while idleReaders.isEmpty && openReaders >= Self.maxReaders { readerState.wait() }
        if let session = idleReaders.popLast() {
            readerState.unlock()
            return session
        }
        openReaders += 1
        readerState.unlock()
        do { return try PostgresSession(address, credentials: credentials) } catch {
            readerState.withLock { openReaders -= 1 }
            readerState.signal()
            throw error
        }
    }

    private func giveBack(_ session: PostgresSession) {
        readerState.withLock { idleReaders.append(session) }
        readerState.signal()
    }

    public func write<T>(committing commit: Bool, onlyLedger: Bool, _ body: (any StoreConnection) throws -> T) throws -> T {
        try writeLock.withLock {
            let session = try writingSession()
            var written: [String: Int] = [:]
            let result = try session.transaction(committing: commit) {
                try session.query("SET LOCAL lock_timeout = '\(Int(busyTimeout * 1000))ms'")
                if !onlyLedger { try session.query("SELECT number FROM revision WHERE id = 1 FOR UPDATE") }
                let connection = PostgresStoreConnection(session: session)
                let result = try body(connection)
                try connection.sendHeldBack()
                written = connection.sent
                return result
            }
            // The planner's statistics of a table that took many rows, brought up to date now rather than when
            // autovacuum next passes: a report made right after an import plans with them. Only a table's owner may;
            // for anyone else the server skips it with a warning.
            if commit {
                for (table, rows) in written.sorted(by: { $0.key < $1.key }) where rows >= Self.analyzedRows {
                    _ = try? session.query("ANALYZE \(table)")
                }
            }
            return result
        }
    }

    /// The session that writes, opened on the first write. Call it holding `writeLock`.
    private func writingSession() throws -> PostgresSession {
        if let writer { return writer }
        let session = try PostgresSession(address, credentials: credentials)
        writer = session
        return session
    }

    public func takeRunLock() throws -> AnyObject {
        let host = ProcessInfo.processInfo.hostName
        let application = "accord pid \(getpid()) on \(host)"
        let session = try PostgresSession(address, credentials: credentials, application: application)
        let taken = try session.query("SELECT pg_try_advisory_lock(\(Self.runLockKey))")[0].decode(Bool.self)
        guard taken else {
            let holder = try? session.query("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = \(Self.runLockKey)
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).first?.decode(String.self)
            throw RunLockHeld(holder: holder, database: name)
        }
        return session
    }

    /// The advisory lock's key: any number below 2³² (`pg_locks` shows it whole), the same for every Accord.
    private static let runLockKey: Int64 = 0x6163_6364  // "accd"

    public func createSchema() throws {
        try writeLock.withLock {
            let session = try writingSession()
            try session.transaction {
                // Two processes opening an empty database at once make the tables once.
                try session.query("SELECT pg_advisory_xact_lock(\(Self.schemaLockKey))")
                let present = try session.query("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].decode(Bool.self)
                guard !present else { return }
                for statement in try PostgresCopy.schemaStatements() { try session.query(statement) }
                for migration in PostgresCopy.schemaMigrations { try PostgresCopy.record(migration, in: session) }
                try session.query("INSERT INTO revision (id, number) VALUES (1, 0)")
            }
        }
    }

    public func migrate(_ missing: [String]) throws {
        try writeLock.withLock {
            let session = try writingSession()
            try session.transaction {
                try session.query("SELECT pg_advisory_xact_lock(\(Self.schemaLockKey))")
                let applied = Set(try session.query("SELECT identifier FROM schema_migrations").map { try $0.decode(String.self) })
                for migration in missing where !applied.contains(migration) {
                    for statement in try PostgresCopy.migrationStatements(migration) { try session.query(statement) }
                    try PostgresCopy.record(migration, in: session)
                }
            }
        }
    }

    /// From this many rows written into a table, it is analyzed after the commit.
    private static let analyzedRows = 10_000

    /// The advisory lock taken while the tables are made or migrated.
    private static let schemaLockKey: Int64 = 0x6163_6373  // "accs"

    public func appliedMigrations() throws -> [String] {
        let reader = try takeReader()
        defer { giveBack(reader) }
        let known = Store.migrations
        let applied: [String]
        do {
            applied = try reader.query("SELECT identifier FROM schema_migrations").map { try $0.decode(String.self) }
        } catch let error as PostgresSessionError where error.sqlState == "42P01" {
            return []  // no such table
        }
        // The table keeps no order: the known ones in this Accord's order, then any other.
        return known.filter(applied.contains) + applied.filter { !known.contains($0) }.sorted()
    }
}

/// The session inside one of the server's transactions. Plain one-row `INSERT`s (an import's
/// rows, a classification's) wait and go many rows at a time in one `COPY`: they are
/// sent before any other statement, any read, and the commit, so nothing sees the difference but
/// the time (an error among them is reported when they are sent, and fails the transaction all
/// the same).
final class PostgresStoreConnection: StoreConnection {
    private let session: PostgresSession
    /// Rows waiting, by the statement that would insert one of them; statements in the order first seen.
    private var waiting: [String: InsertBatch] = [:]
    private var order: [String] = []
    /// Rows sent many at a time (`COPY`), by table.
    private(set) var sent: [String: Int] = [:]

    init(session: PostgresSession) { self.session = session }

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ query: SQLQuery) throws -> Int {
        let (text, values) = query.rendered(for: .postgres)
        return try execute(text, values, insert: PlainInsert.parse(text))
    }

    /// The statements of `execute(row:_:)` as the server takes them, by their text with `?`s.
    private var prepared: [String: (text: String, insert: PlainInsert?)] = [:]

    @discardableResult
    func execute(row sql: String, _ values: [SQLValue]) throws -> Int {
        if prepared[sql] == nil {
            let text = SQLQuery(sql: sql, values).rendered(for: .postgres).text
            prepared[sql] = (text, PlainInsert.parse(text))
        }
        let (text, insert) = prepared[sql]!
        return try execute(text, values, insert: insert)
    }

    private func execute(_ text: String, _ values: [SQLValue], insert: PlainInsert?) throws -> Int {
        if let insert {
            if waiting[text] == nil {
                waiting[text] = InsertBatch(session: session, table: insert.table, columns: insert.columns)
                order.append(text)
            }
            try waiting[text]!.add(values)
            return 1
        }
        try sendHeldBack()
        return try session.execute(text, Self.bindings(values))
    }

    func forEachRow(_ query: SQLQuery, _ body: (any StoreRow) throws -> Void) throws {
        try sendHeldBack()
        let (text, values) = query.rendered(for: .postgres)
        var cells: [PostgresCell] = []
        for row in try session.query(text, Self.bindings(values)) {
            cells.removeAll(keepingCapacity: true)
            cells.append(contentsOf: row)
            try body(PostgresStoreRow(cells))
        }
    }

    /// Sends the rows waiting. References are checked at commit, so the order of tables does not matter.
    func sendHeldBack() throws {
        let statements = order
        order.removeAll()
        for text in statements {
            guard var batch = waiting.removeValue(forKey: text) else { continue }
            try send(&batch)
        }
    }

    /// Sends what `batch` holds and counts, by table, every row it sent.
    private func send(_ batch: inout InsertBatch) throws {
        try batch.flush()
        sent[batch.table, default: 0] += batch.sent
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        return binds
    }
}

/// `INSERT INTO table (columns) VALUES ($1, …)` of one row, and nothing more.
struct PlainInsert {
    let table: String
    let columns: [String]

    private nonisolated(unsafe) static let pattern = /^INSERT INTO (\w+) \(([\w,\s]+)\)\s+VALUES \((\$\d+(?:, \$\d+)*)\)$/

    static func parse(_ text: String) -> PlainInsert? {
        guard text.hasPrefix("INSERT INTO "), let match = text.wholeMatch(of: pattern) else { return nil }
        let columns = match.2.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard columns.count == match.3.split(separator: ",").count else { return nil }
        return PlainInsert(table: String(match.1), columns: columns)
    }
}

extension PostgresBindings {
    /// Binds `value` as the server's type for it: BIGINT, DOUBLE PRECISION, TEXT, BYTEA or an untyped NULL.
    mutating func append(_ value: SQLValue) {
        switch value {
        case .null: appendNull()
        case .integer(let number): append(number)
        case .real(let number): append(number)
        case .text(let text): append(text)
        case .blob(let blob): append(ByteBuffer(bytes: blob))
        }
    }
}

/// A row the server sent, its cells taken out once, each decoded by the type the server gives it:
/// binary values (as the server sends results) read straight from their bytes, others through postgres-nio.
struct PostgresStoreRow: StoreRow {
    private let cells: [PostgresCell]

    init(_ cells: [PostgresCell]) { self.cells = cells }

    var count: Int { cells.count }

    func isNull(_ column: Int) -> Bool { cells[column].bytes == nil }

    func text(_ column: Int) -> String? {
        let cell = cells[column]
        guard let bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .text, .varchar, .bpchar, .name, .unknown: return String(buffer: bytes)
        default: return nil
        }
    }

    func integer(_ column: Int) -> Int64? {
        let cell = cells[column]
        guard let bytes = cell.bytes else { return nil }
        guard cell.format == .binary else { return try? cell.decode(Int64.self) }
        switch cell.dataType {
        case .int8: return bytes.getInteger(at: bytes.readerIndex, as: Int64.self)
        case .int4: return bytes.getInteger(at: bytes.readerIndex, as: Int32.self).map(Int64.init)
        case .int2: return bytes.getInteger(at: bytes.readerIndex, as: Int16.self).map(Int64.init)
        default: return nil
        }
    }

    func real(_ column: Int) -> Double? {
        let cell = cells[column]
        guard let bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .float8 where cell.format == .binary:
            return bytes.getInteger(at: bytes.readerIndex, as: UInt64.self).map(Double.init(bitPattern:))
        case .float8, .float4: return try? cell.decode(Double.self)
        case .int8, .int4, .int2: return integer(column).map(Double.init)
        default: return nil
        }
    }

    func bytes(_ column: Int) -> Data? {
        let cell = cells[column]
        guard cell.bytes != nil, cell.dataType == .bytea, let buffer = try? cell.decode(ByteBuffer.self) else { return nil }
        return Data(buffer: buffer)
    }

    func name(_ column: Int) -> String { cells[column].columnName }
}
