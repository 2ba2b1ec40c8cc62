import AccordCore
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a database on a PostgreSQL server (postgres-nio), for ordinary blocking code:
/// each call waits for the server's answer. Values are always bound, never written into the SQL.
public final class PostgresSession {
    /// The database connected to.
    public let address: PostgresAddress
    private let connection: PostgresConnection
    private let logger = Logger(label: "accord.postgres")

    /// Connects and signs in; an error names the address (never the password) and the server's reason.
    /// `application` is the name the server shows for the session (`pg_stat_activity`).
    public init(_ address: PostgresAddress, credentials: PostgresCredentials,
                application: String = "accord") throws(PostgresSessionError) {
        self.address = address
        var configuration: PostgresConnection.Configuration
        if address.isSocketFolder {
            configuration = PostgresConnection.Configuration(unixSocketPath: "\(address.host)/.s.PGSQL.\(address.port)",
                                                             username: credentials.user, password: credentials.password,
                                                             database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                tls = try Self.tls(address.sslMode)
            } catch {
                throw PostgresSessionError(address, "cannot set up TLS: \(error)")
            }
            configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: credentials.user,
                                                             password: credentials.password, database: address.database, tls: tls)
        }
        configuration.options.additionalStartupParameters = [("application_name", application)]
        do {
            connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                        configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw PostgresSessionError(address, error)
        }
    }

    private static func tls(_ mode: PostgresAddress.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        var client = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .prefer:
            client.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: client))
        case .require:
            client.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: client))
        case .verifyFull:
            client.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: client))
        }
    }

    deinit {
        try? finishCopy()
        try? connection.close().wait()
    }

    /// Runs `sql` with `binds` (`$1`, `$2`, …) and returns every row.
    @discardableResult
    public func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(PostgresSessionError) -> [PostgresRow] {
        try finishCopy()
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
        } catch {
            throw PostgresSessionError(address, error)
        }
    }

    /// Runs `sql`, which returns no rows, with `binds`, and says how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(PostgresSessionError) -> Int {
        try finishCopy()
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().metadata.rows ?? 0
        } catch {
            throw PostgresSessionError(address, error)
        }
    }

    /// A `COPY` under way, and what it ended with.
    private final class Copying: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?
    }

    private var copying: Copying?

    /// Starts adding the rows of `data` to `table` with `COPY … FROM STDIN` (text format: a line a row,
    /// its `columns` separated by tabs, as `CopyText` writes them): no statement to parse, no values to
    /// bind. It returns once an earlier `COPY` has ended, while the server takes this one: the caller
    /// makes the next rows meanwhile. The session's next statement waits for it to end, and throws
    /// what it failed with.
    public func copy(into table: String, columns: [String], _ data: ByteBuffer) throws(PostgresSessionError) {
        try finishCopy()
        let copying = Copying()
        let (connection, logger) = (self.connection, self.logger)
        // postgres-nio copies only from async code. The task runs on a queue of its own: a thread that
        // waits for it may be one of the few the shared pool has.
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(data) }
            } catch {
                copying.error = error
            }
            copying.done.signal()
        }
        self.copying = copying
    }

    /// Waits for the `COPY` under way, if any, to end; throws what it failed with.
    public func finishCopy() throws(PostgresSessionError) {
        guard let copying else { return }
        self.copying = nil
        copying.done.wait()
        if let error = copying.error { throw PostgresSessionError(address, error) }
    }

    /// Runs `body` between `begin` and `COMMIT`, or `ROLLBACK` when not `commit`; a throw rolls
    /// everything back (a connection the server closed has rolled back already: nothing is sent on it).
    public func transaction<T>(begin: String = "BEGIN", committing commit: Bool = true, _ body: () throws -> T) throws -> T {
        try query(begin)
        do {
            let result = try body()
            try query(commit ? "COMMIT" : "ROLLBACK")
            return result
        } catch {
            rollBack()
            throw error
        }
    }

    /// Ends the transaction `BEGIN …` started, unless the server closed the connection (which ended it).
    public func rollBack() {
        try? finishCopy()
        if !connection.isClosed { _ = try? query("ROLLBACK") }
    }
}

/// A PostgreSQL server's refusal or failure, naming the database.
public struct PostgresSessionError: Error, CustomStringConvertible {
    public let address: PostgresAddress
    /// What the server or the network said, without the query's values.
    public let reason: String
    /// The server's SQLSTATE, when it answered: `28P01` a wrong password, `42501` a missing privilege.
    public let sqlState: String?
    /// Whether the server answered (a refusal, an error it reported) rather than the network failing.
    private let answered: Bool
    /// Whether TLS failed: a certificate not trusted, a server without TLS when it is required.
    private let tls: Bool

    init(_ address: PostgresAddress, _ reason: String) {
        self.address = address
        self.reason = reason
        sqlState = nil
        answered = true
        tls = false
    }

    init(_ address: PostgresAddress, _ error: any Error) {
        self.address = address
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            let cause = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
            // A certificate or TLS setting the server does not accept is the address's fault: not worth trying again.
            tls = error.code == .sslUnsupported || error.underlying.map { String(reflecting: type(of: $0)).contains("SSL") } == true
            let network: [PSQLError.Code] = [.connectionError, .serverClosedConnection, .uncleanShutdown]
            answered = tls || !network.contains(error.code)
            if let message = error.serverInfo?[.message] {
                reason = message
            } else {
                reason = tls ? "TLS failed: \(cause)" : answered ? cause : "cannot reach the server: \(cause)"
            }
        } else {
            sqlState = nil
            tls = String(reflecting: type(of: error)).contains("SSL")
            answered = tls
            reason = tls ? "TLS failed: \(error)" : "cannot reach the server: \(error)"
        }
    }

    /// Whether the server could not be reached (it may be down, or the address wrong).
    public var isUnreachable: Bool { sqlState == nil && !answered }

    /// Whether the server refused the user, the password or the database's name, or TLS failed.
    public var isSignInRefused: Bool { tls || (sqlState.map { $0.hasPrefix("28") || $0 == "3D000" } ?? false) }

    /// Whether a lock another session held was not released in time (try again later).
    public var isBusy: Bool { sqlState == "55P03" }

    /// Whether the user lacks a privilege the statement needs.
    public var isPermission: Bool { sqlState == "42501" }

    public var description: String { "\(address): \(reason)" + (sqlState.map { " (SQLSTATE \($0))" } ?? "") }
}

/// Runs the tasks that copy on a queue of their own rather than on Swift's shared pool, whose
/// threads a caller blocked waiting for them could all be.
private final class CopyExecutor: TaskExecutor {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "accord.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
