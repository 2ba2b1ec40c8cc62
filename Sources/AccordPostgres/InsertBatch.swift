import AccordCore
import NIOCore
import PostgresNIO

/// Rows waiting to be inserted into one table, sent as multi-row `INSERT`s with bound values:
/// when a statement's worth is there, and on `flush`. `accord db copy` fills one per table, and
/// the store's connection one per one-row statement it holds back.
struct InsertBatch {
    let session: PostgresSession
    let table: String
    let columns: [String]
    /// Rows sent so far.
    private(set) var sent = 0
    private var rows: [[SQLValue]] = []
    private var bytes = 0
    /// The last statement made, for that many rows: full batches repeat it.
    private var statement: (rows: Int, sql: String)?

    init(session: PostgresSession, table: String, columns: [String]) {
        self.session = session
        self.table = table
        self.columns = columns
    }

    /// At most this many values a statement: the protocol allows 65,535.
    private static let valuesPerStatement = 30_000
    /// At most about this many bytes of text and blobs a statement: a message may not reach 1 GB.
    private static let bytesPerStatement = 16 << 20

    mutating func add(_ values: [SQLValue]) throws {
        rows.append(values)
        for value in values {
            switch value {
            case .text(let text): bytes += text.utf8.count
            case .blob(let blob): bytes += blob.count
            default: bytes += 8
            }
        }
        if rows.count * columns.count >= Self.valuesPerStatement || bytes >= Self.bytesPerStatement { try flush() }
    }

    mutating func flush() throws {
        guard !rows.isEmpty else { return }
        defer {
            sent += rows.count
            rows.removeAll(keepingCapacity: true)
            bytes = 0
        }
        var binds = PostgresBindings(capacity: rows.count * columns.count)
        for row in rows {
            for value in row { binds.append(value) }
        }
        if statement?.rows != rows.count { statement = (rows.count, insert(rows.count)) }
        try session.execute(statement!.sql, binds)
    }

    /// `INSERT INTO table (columns) VALUES ($1, …), (…)` for `count` rows.
    private func insert(_ count: Int) -> String {
        let width = columns.count
        let tuples = (0..<count).map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
        }
        let names = columns.map(PostgresCopy.quoted).joined(separator: ", ")
        return "INSERT INTO \(PostgresCopy.quoted(table)) (\(names)) VALUES \(tuples.joined(separator: ", "))"
    }
}
