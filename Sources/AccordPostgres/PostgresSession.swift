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
    public init(_ address: PostgresAddress, credentials: PostgresCredentials) throws(PostgresSessionError) {
        self.address = address
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try Self.tls(address.sslMode)
        } catch {
            throw PostgresSessionError(address, "cannot set up TLS: \(error)")
        }
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: credentials.user,
                                                             password: credentials.password, database: address.database, tls: tls)
        if address.sslMode == .verifyFull { configuration.options.tlsServerName = address.host }
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
        try? connection.close().wait()
    }

    /// Runs `sql` with `binds` (`$1`, `$2`, …) and returns every row.
    @discardableResult
    public func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(PostgresSessionError) -> [PostgresRow] {
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
        } catch {
            throw PostgresSessionError(address, error)
        }
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; a throw rolls everything back.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
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

    init(_ address: PostgresAddress, _ reason: String) {
        self.address = address
        self.reason = reason
        sqlState = nil
        answered = true
    }

    init(_ address: PostgresAddress, _ error: any Error) {
        self.address = address
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            let network: [PSQLError.Code] = [.connectionError, .serverClosedConnection, .uncleanShutdown, .sslUnsupported]
            answered = !network.contains(error.code)
            if let message = error.serverInfo?[.message] {
                reason = message
            } else {
                let cause = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
                reason = answered ? cause : "cannot reach the server: \(cause)"
            }
        } else {
            sqlState = nil
            answered = false
            reason = "cannot reach the server: \(error)"
        }
    }

    /// Whether the server could not be reached (it may be down, or the address wrong).
    public var isUnreachable: Bool { sqlState == nil && !answered }

    /// Whether the server refused the user, the password or the database's name.
    public var isSignInRefused: Bool { sqlState.map { $0.hasPrefix("28") || $0 == "3D000" } ?? false }

    /// Whether the user lacks a privilege the statement needs.
    public var isPermission: Bool { sqlState == "42501" }

    public var description: String { "\(address): \(reason)" + (sqlState.map { " (SQLSTATE \($0))" } ?? "") }
}
