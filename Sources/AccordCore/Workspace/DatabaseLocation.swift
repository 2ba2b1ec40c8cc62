import Foundation

/// Where a workspace keeps its data: a SQLite file (the default, `accord.db`) or a database on a
/// PostgreSQL server, named by `database:` in `accord.yaml` or by `ACCORD_DATABASE`.
public enum DatabaseLocation: Equatable, Sendable {
    /// A SQLite file, its path absolute.
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// `text` as a location: a `postgres://` or `postgresql://` address, else a SQLite file's path,
    /// relative to `folder` when it is not absolute.
    public static func parse(_ text: String, relativeTo folder: String) throws(DatabaseLocationError) -> DatabaseLocation {
        if PostgresAddress.isAddress(text) { return .postgres(try PostgresAddress(text)) }
        if text.contains("://") { throw DatabaseLocationError("not a database: a file's path, or postgres://HOST[:PORT]/DATABASE") }
        if text.hasPrefix("/") { return .sqlite(path: text) }
        return .sqlite(path: (folder as NSString).appendingPathComponent(text))
    }
}

/// A database on a PostgreSQL server, as `postgres://HOST[:PORT]/DBNAME[?sslmode=MODE]` names it.
/// The address never holds a user or a password: those come from the environment or
/// `~/.pgpass` (`PostgresCredentials`), so that `accord.yaml` can be shared and messages can
/// print the address.
public struct PostgresAddress: Equatable, Sendable, CustomStringConvertible {
    /// What `sslmode` asks of the connection, as libpq names it.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Never encrypted.
        case disable
        /// Encrypted when the server offers it (libpq's default).
        case prefer
        /// Always encrypted; the server's certificate is not checked.
        case require
        /// Always encrypted, the certificate checked against the system's authorities and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode

    public init(host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer) {
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
    }

    /// Whether `text` is a PostgreSQL address rather than a file's path.
    public static func isAddress(_ text: String) -> Bool {
        let scheme = text.prefix { $0 != ":" }.lowercased()
        return (scheme == "postgres" || scheme == "postgresql") && text.dropFirst(scheme.count).hasPrefix("://")
    }

    /// Reads an address; its errors never repeat a password the text may hold.
    public init(_ text: String) throws(DatabaseLocationError) {
        guard Self.isAddress(text), let components = URLComponents(string: text) else {
            throw DatabaseLocationError("not a PostgreSQL address: write postgres://HOST[:PORT]/DATABASE[?sslmode=MODE]")
        }
        if components.user != nil || components.password != nil {
            throw DatabaseLocationError("""
                a PostgreSQL address may not hold a user or a password: set PGUSER and PGPASSWORD, \
                or use ~/.pgpass, and write postgres://HOST[:PORT]/DATABASE
                """)
        }
        // Linux's URLComponents keeps an IPv6 address's brackets.
        guard let host = components.host.map({ $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0 }),
              !host.isEmpty else {
            throw DatabaseLocationError("the PostgreSQL address names no host: postgres://HOST[:PORT]/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseLocationError("the PostgreSQL address names no database: postgres://\(host)/DATABASE")
        }
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw DatabaseLocationError("unknown parameter '\(item.name)' in the PostgreSQL address (only sslmode is read)")
            }
            guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw DatabaseLocationError("sslmode must be one of \(modes), not '\(item.value ?? "")'")
            }
            sslMode = mode
        }
        guard let port = components.port ?? 5432 as Int?, (1...65535).contains(port) else {
            throw DatabaseLocationError("the PostgreSQL address's port must be between 1 and 65535")
        }
        self.init(host: host, port: port, database: database, sslMode: sslMode)
    }

    /// The address as written, with the port and SSL mode said.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }
}

/// What is wrong with a database location.
public struct DatabaseLocationError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
