import Foundation
import GRDB

/// The order `Store.forEachBatch` walks partnerships in.
public enum BatchOrder: Sendable {
    /// By filing date, undated last, then by id: as listings show them.
    case filing
    /// As the tables keep them: by filing day, then id. Much faster to read from a large database.
    case stored
}

extension Store {
    /// Calls `body` with the partnerships `filter` matches, `size` at a time, in
    /// `order`, all read from one consistent view of the database: a million
    /// partnerships never need to be in memory at once. `body` runs outside the
    /// transactions that read the batches: what it reads from the store, it reads
    /// in transactions of its own. The lists `skipped` names are left empty.
    public func forEachBatch(_ filter: PartnershipFilter = PartnershipFilter(), order: BatchOrder = .filing,
                             size: Int = 2000, without skipped: Set<Partnership.List> = [],
                             _ body: ([Partnership]) throws -> Void) throws {
        try Self.batches(try snapshot(), filter, order: order, size: size, without: skipped, body)
    }

    /// Classifies batch by batch, reading one consistent view of the database:
    /// `body` returns labels, which replace the partnerships' saved labels, and
    /// `remaining` after the last batch those not returned yet. Nothing is saved
    /// when either throws.
    ///
    /// The labels wait in tables of their own (`LabelStaging`), written a batch at a
    /// time in short transactions while the next batch is read (`StagingWriter`), and
    /// become the saved labels, with the run and its counts, in one short transaction
    /// at the end. When the data changed meanwhile, nothing is saved: `DataChanged`, as
    /// soon as a batch or the end finds it.
    ///
    /// `body` may return the labels of an earlier batch: a caller that classifies
    /// one batch on other threads while the next is read returns the labels of
    /// the one before.
    @discardableResult
    public func saveClassification(_ run: ClassificationRun, filter: PartnershipFilter, order: BatchOrder = .filing,
                                   size: Int = 2000, without skipped: Set<Partnership.List> = [],
                                   _ body: ([Partnership]) throws -> BatchLabels,
                                   remaining: () throws -> BatchLabels = { [] }) throws -> ClassificationRun {
        var run = run
        (run.partnerships, run.labels) = (0, 0)
        let read = BatchRead(filter: filter, order: order, size: size, skipped: skipped)
        if let server { return try Self.saveClassification(run, read, on: server, body, remaining) }
        let revision = try reading(Self.revision)
        // Not a snapshot: one would keep the write-ahead log from being checkpointed while the labels are staged.
        // Each batch is read in a transaction that finds the data unchanged, which is as consistent.
        let view = StoreSnapshot(try db, unchangedSince: revision, explained: explained)
        do {
            let staging = try LabelStaging(writer: try writer(), runID: run.id, revision: revision)
            (run.partnerships, run.labels) = try Self.stage(view, read, StagingWriter(staging.stage), body, remaining)
            run.finished = Date()
            try writing { db in
                let now = try Self.revision(db)
                guard now == revision else { throw DataChanged(from: revision, to: now) }
                try Store.raiseRevision(db)
                let before = try Self.newestRun(db)
                try Self.insert(run, db)
                if try staging.replace(in: db, classifiedBy: run, after: before) { try Self.markComplete(run, db) }
            }
        } catch { throw explained(error) }
        return run
    }

    /// `saveClassification` on a server: in one write transaction, which writers take in turn, each
    /// batch's labels replace those saved (on a thread of their own, `StagingWriter`) as the next
    /// batch is read, outside it. A run of every partnership first deletes every saved label, and
    /// then only adds: no batch has old labels to look up; at the end, one statement marks every
    /// partnership classified by the run, where a row a partnership costs the server a lookup of it.
    private static func saveClassification(_ run: ClassificationRun, _ read: BatchRead, on server: any StoreServer,
                                           _ body: ([Partnership]) throws -> BatchLabels,
                                           _ remaining: () throws -> BatchLabels) throws -> ClassificationRun {
        var run = run
        try server.write(committing: true, onlyLedger: false) { db in
            // No other writer commits before this one does: the data the batches read stays as it is.
            let view = StoreSnapshot(server, unchangedSince: try revision(db))
            // The labels cite partnerships that are there already: their references are checked as each batch is
            // written, beside the reading of the next, rather than all at once when the transaction commits.
            try db.execute("SET CONSTRAINTS ALL IMMEDIATE")
            let everything = read.filter.matchesAll
            if everything {
                try db.execute("DELETE FROM assigned_label")
                try db.execute("DELETE FROM label_stamp")
            }
            // Each batch's labels go to the server as soon as they are staged, while the next batches are read.
            var writer = LabelWriter()
            let writes = StagingWriter { [id = run.id] labels in
                let count = everything ? try addLabels(labels, writing: &writer, db)
                    : try replaceLabels(with: labels, classifiedBy: id, writing: &writer, db)
                try db.sendHeldBack()
                return count
            }
            (run.partnerships, run.labels) = try stage(view, read, writes, body, remaining)
            if everything {
                // Every partnership is classified, or the labels of those left out would be lost with the rest.
                let all: Int = try db.value("SELECT COUNT(*) FROM partnership") ?? 0
                guard run.partnerships == all else {
                    throw StoreError("the run classified \(run.partnerships) of \(all) partnerships; nothing was saved")
                }
                // An update of a column no reference reads is not checked against the partnerships, as an insert is.
                try db.execute("UPDATE classified SET run_id = \(run.id)")
                try db.execute("""
                    INSERT INTO classified (partnership_id, filed, run_id)
                    SELECT id, filed, \(run.id) FROM partnership p
                    WHERE NOT EXISTS (SELECT 1 FROM classified c WHERE c.filed = p.filed AND c.partnership_id = p.id)
                    """)
            }
            run.finished = Date()
            try raiseRevision(db)
            let before = try newestRun(db)
            try insert(run, db)
            try forgetOtherPacks(run, after: before, db)
            if everything { try markComplete(run, db) }
        }
        return run
    }

    /// Classifies the batches `view` reads with `body`, and then `remaining`, staging each one's
    /// labels with `writes`; returns how many partnerships and labels.
    private static func stage(_ view: StoreSnapshot, _ read: BatchRead, _ writes: StagingWriter, _ body: ([Partnership]) throws -> BatchLabels,
                              _ remaining: () throws -> BatchLabels) throws -> (partnerships: Int, labels: Int) {
        var partnerships = 0
        // The batches read whose labels are not staged yet, the oldest first: their records say where
        // the labels go in the tables. Labels of none of them have their partnerships' days read.
        var unstaged: [[Partnership]] = []
        // The records of a batch staged are freed on another thread: this one, which reads, sets the pace.
        let freeing = Freeing("accord.classify.freeing")
        defer { freeing.finish() }
        func keyed(_ labels: BatchLabels) throws -> KeyedLabels {
            for (i, batch) in unstaged.enumerated() where batch.count == labels.count {
                guard let keyed = LabelWriter.keyed(labels, of: batch) else { continue }
                let staged = Array(unstaged[...i])
                unstaged.removeFirst(i + 1)
                freeing.free(staged)
                return keyed
            }
            return try LabelWriter.keyed(LabelWriter.byID(labels)) { ids in try view.read { db in try LabelWriter.filed(of: ids, db) } }
        }
        do {
            try batches(view, read.filter, order: read.order, size: read.size, without: read.skipped) { batch in
                unstaged.append(batch)
                try writes.stage(try keyed(try body(batch)))
                partnerships += batch.count
            }
            try writes.stage(try keyed(try remaining()))
        } catch {
            _ = try? writes.finish()
            throw error
        }
        return (partnerships, try writes.finish())
    }

    static func revision(_ db: any StoreConnection) throws -> Int {
        try db.value("SELECT number FROM revision WHERE id = 1") ?? 0
    }

    /// Reads the partnerships `filter` matches from `snapshot`, `size` at a time, each batch in a
    /// transaction of its own, and calls `body` with each batch between those transactions.
    /// `reading` chooses how, when given (for tests); see `BatchReading.choose`.
    static func batches(_ snapshot: StoreSnapshot, _ filter: PartnershipFilter, order: BatchOrder, size: Int,
                        without skipped: Set<Partnership.List> = [], reading: BatchReading? = nil,
                        _ body: ([Partnership]) throws -> Void) throws {
        let (how, keys) = try snapshot.read { db in try BatchReading.choose(filter, order: order, forcing: reading, db) }
        if snapshot.onServer { return try batchesReadAhead(snapshot, how, keys, size: size, without: skipped, body) }
        if how == .scan {
            var after: PartnershipKey?
            while true {
                let batch = try snapshot.read { db in try PartnershipScan.partnerships(after: after, limit: size, without: skipped, db) }
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < size { return }
                after = PartnershipKey(last)
            }
        }
        try batches(snapshot, how, keys[...], size: size, without: skipped, body)
    }

    /// The partnerships of `keys`, read as `how` says, `size` at a time.
    private static func batches(_ snapshot: StoreSnapshot, _ how: BatchReading, _ keys: ArraySlice<PartnershipKey>, size: Int,
                                without skipped: Set<Partnership.List>, _ body: ([Partnership]) throws -> Void) throws {
        var start = keys.startIndex
        while start < keys.endIndex {
            let chunk = keys[start..<min(start + size, keys.endIndex)]
            try body(try snapshot.read { db in
                how == .ranges ? try PartnershipScan.partnerships(chunk, without: skipped, db) : try lookUp(chunk, without: skipped, db)
            })
            start += size
        }
    }

    /// `forEachBatch` in the stored order, in two halves of the partnerships' keys read at once on
    /// two threads from one view of the database: `body` is given each half's batches in order,
    /// with a state of its own that starts as `initial`, and the states come back in key order.
    /// Where the view cannot be read by two threads at once (a store in memory, a server, a view of
    /// the whole database read by scanning it) or the partnerships fill no two batches, there is one
    /// half, read on this thread.
    public func forEachBatchInHalves<State: Sendable>(_ filter: PartnershipFilter, size: Int,
                                                      without skipped: Set<Partnership.List> = [], initial: State,
                                                      _ body: @escaping @Sendable (inout State, [Partnership]) throws -> Void)
        throws -> [State] {
        let view = try snapshot()
        let (how, keys) = try view.read { db in try BatchReading.choose(filter, order: .stored, forcing: nil, db) }
        @Sendable func read(_ half: ArraySlice<PartnershipKey>, from view: StoreSnapshot) throws -> State {
            var state = initial
            try Self.batches(view, how, half, size: size, without: skipped) { try body(&state, $0) }
            return state
        }
        if view.onServer || how == .scan {
            var state = initial
            if view.onServer {
                try Self.batchesReadAhead(view, how, keys, size: size, without: skipped) { try body(&state, $0) }
            } else {
                try Self.batches(view, filter, order: .stored, size: size, without: skipped) { try body(&state, $0) }
            }
            return [state]
        }
        guard keys.count >= 2 * size, let twin = try view.twin() else { return [try read(keys[...], from: view)] }
        let middle = keys.count / 2
        let second = Background { try read(keys[middle...], from: twin) }
        return [try read(keys[..<middle], from: view), try second.value()]
    }

    /// `batches` on a server: `readersAhead` batches read at once, each in a session of its own, handed to `body` in order.
    private static func batchesReadAhead(_ snapshot: StoreSnapshot, _ how: BatchReading, _ keys: [PartnershipKey], size: Int,
                                         without skipped: Set<Partnership.List>,
                                         _ body: ([Partnership]) throws -> Void) throws {
        let read: @Sendable (Int) throws -> [Partnership]
        let count: Int
        if how == .scan {
            let starts = try snapshot.read { db in try PartnershipScan.batchStarts(size: size, db) }
            (count, read) = (starts.count, { i in
                try snapshot.read { db in
                    try PartnershipScan.partnerships(from: starts[i], before: i + 1 < starts.count ? starts[i + 1] : nil,
                                                     without: skipped, db)
                }
            })
        } else {
            (count, read) = ((keys.count + size - 1) / size, { i in
                let chunk = keys[i * size..<min((i + 1) * size, keys.count)]
                return try snapshot.read { db in
                    how == .ranges ? try PartnershipScan.partnerships(chunk, without: skipped, db) : try lookUp(chunk, without: skipped, db)
                }
            })
        }
        try ReadAhead.run(count: count, width: readersAhead, read: read, body)
    }

    /// How many batches a server reads at once.
    private static let readersAhead = 2

    /// The partnerships of `keys`, in that order, each looked up by id.
    private static func lookUp(_ keys: ArraySlice<PartnershipKey>, without skipped: Set<Partnership.List>,
                               _ db: any StoreConnection) throws -> [Partnership] {
        let ids = keys.map(\.id)
        let found = try RecordsSQL.partnerships(db, """
            SELECT \(sql: RecordsSQL.partnershipColumnsAndDay(of: "p")) FROM partnership p WHERE p.id IN (\(list: ids))
            """, without: skipped)
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// A view of the database as it is now, for reads spread over several transactions.
    func snapshot() throws -> StoreSnapshot {
        if let server { return try StoreSnapshot(server) }
        do { return try StoreSnapshot(try db, explained: explained) } catch { throw explained(error) }
    }

    /// Reads SQLite in a transaction of its own.
    func readingSQLite<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch { throw explained(error) }
    }
}

/// One consistent view of the database, read in as many transactions as needed: the data as
/// it was when the view was made, whatever is written meanwhile. A store in memory, which
/// no other connection writes to, is read as it is; a server's database is read as long as its
/// revision stays that of the view's first read, and `DataChanged` after.
struct StoreSnapshot: @unchecked Sendable {
    private let reader: (any DatabaseReader)?
    private let server: (any StoreServer)?
    /// The pool a snapshot was made from, which can make another.
    private let pool: DatabasePool?
    /// The revision every read must find, when the view is not a snapshot.
    private let revision: Int?
    private let explained: (any Error) -> any Error

    /// A snapshot of `db`.
    init(_ db: any DatabaseWriter, explained: @escaping (any Error) -> any Error) throws {
        pool = db as? DatabasePool
        reader = try pool?.makeSnapshot() ?? db
        server = nil
        revision = nil
        self.explained = explained
    }

    /// The database of `server` as it is now.
    init(_ server: any StoreServer) throws {
        self.init(server, unchangedSince: try server.read(Store.revision))
    }

    /// The database of `server`, each read throwing `DataChanged` when it is no longer at `revision`.
    init(_ server: any StoreServer, unchangedSince revision: Int) {
        self.server = server
        reader = nil
        pool = nil
        self.revision = revision
        explained = { $0 }
    }

    /// `db` itself, each read throwing `DataChanged` when the data is no longer as it was at `revision`.
    init(_ db: any DatabaseWriter, unchangedSince revision: Int, explained: @escaping (any Error) -> any Error) {
        reader = db
        server = nil
        pool = nil
        self.revision = revision
        self.explained = explained
    }

    /// Whether the view is a server's database, which several threads may read at once.
    var onServer: Bool { server != nil }

    /// A view of the same data that another thread can read while this one is read: the view
    /// itself where reads may run at once (a server's, one that checks the revision of a pool);
    /// for a snapshot, a second snapshot, when it finds the revision this one does. Nil where
    /// reads cannot run at once (a store in memory) or the data changed in between.
    func twin() throws -> StoreSnapshot? {
        if server != nil || (revision != nil && reader is DatabasePool) { return self }
        guard let pool, revision == nil else { return nil }
        let twin = try StoreSnapshot(pool, explained: explained)
        return try twin.read(Store.revision) == read(Store.revision) ? twin : nil
    }

    /// Runs `body` in a read transaction on the view.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        func checked(_ db: any StoreConnection) throws -> T {
            if let revision {
                let now = try Store.revision(db)
                guard now == revision else { throw DataChanged(from: revision, to: now) }
            }
            return try body(db)
        }
        if let server { return try server.read(checked) }
        do { return try reader!.read(checked) } catch { throw explained(error) }
    }
}

/// What a classification reads: the partnerships `filter` matches, `size` at a time, in `order`,
/// without the lists `skipped` names.
private struct BatchRead {
    var filter: PartnershipFilter
    var order: BatchOrder
    var size: Int
    var skipped: Set<Partnership.List>
}
