import Foundation

/// Where a workspace keeps its data: a SQLite file (the default, `accord.db`) or a database on a
/// PostgreSQL server, named by `database:` in `accord.yaml` or by `ACCORD_DATABASE`.
public enum DatabaseLocation: Equatable, Sendable {
    /// A SQLite file, its path absolute.
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// `text` as a location: a `postgres://` or `postgresql://` address, else a SQLite file's path,
    /// relative to `folder` when it is not absolute. An address's service is looked up in `environment`'s
    /// service files.
    public static func parse(_ text: String, relativeTo folder: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseLocationError) -> DatabaseLocation {
        if PostgresAddress.isAddress(text) { return .postgres(try PostgresAddress(text, environment: environment)) }
        try check(text)
        if text.hasPrefix("/") { return .sqlite(path: text) }
        return .sqlite(path: (folder as NSString).appendingPathComponent(text))
    }

    /// Checks how `text` is written, without looking up a service: a workspace whose service is
    /// defined on another host still opens for the commands that need no database.
    public static func check(_ text: String) throws(DatabaseLocationError) {
        if PostgresAddress.isAddress(text) { _ = try PostgresAddress.Written(text) }
        else if text.contains("://") { throw DatabaseLocationError("not a database: a file's path, or postgres://HOST[:PORT]/DATABASE") }
    }
}

/// A database on a PostgreSQL server, as `postgres://HOST[:PORT]/DBNAME[?sslmode=MODE]` names it.
/// The address never holds a user or a password: those come from the environment, `~/.pgpass`
/// or a service file (`PostgresCredentials`), so that `accord.yaml` can be shared and messages can
/// print the address. `postgres://?service=NAME` takes all of it from a service (`PostgresService`).
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
    /// The connection service that filled in what the address left out, if any.
    public var service: String?

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

    /// Reads an address, filling what it leaves out from its service (`?service=NAME`, else
    /// `PGSERVICE`) as libpq does; its errors never repeat a password the text may hold.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseLocationError) {
        let written = try Written(text)
        var service: PostgresService?
        if let name = written.service ?? environment["PGSERVICE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            service = try PostgresService.find(name, environment: environment)
        }
        let via = service.map { " or its service '\($0.name)'" } ?? ""
        guard let host = written.host ?? service?["host"] else {
            throw DatabaseLocationError("the PostgreSQL address\(via) names no host: postgres://HOST[:PORT]/DATABASE")
        }
        guard let database = written.database ?? service?["dbname"] else {
            throw DatabaseLocationError("the PostgreSQL address\(via) names no database: postgres://\(host)/DATABASE")
        }
        var port = written.port, sslMode = written.sslMode
        if let service {
            do {
                if port == nil, let text = service["port"] { port = try Written.port(text) }
                if sslMode == nil, let text = service["sslmode"] { sslMode = try Written.sslMode(text) }
            } catch {
                throw DatabaseLocationError("service '\(service.name)' in \(service.file): \(error.description)")
            }
        }
        self.init(host: host, port: port ?? 5432, database: database, sslMode: sslMode ?? .prefer)
        self.service = service?.name
    }

    /// What an address's text says, before its service fills the rest.
    struct Written {
        var host: String?
        var port: Int?
        var database: String?
        var sslMode: SSLMode?
        var service: String?

        init(_ text: String) throws(DatabaseLocationError) {
            guard PostgresAddress.isAddress(text), let components = URLComponents(string: text) else {
                throw DatabaseLocationError("not a PostgreSQL address: write postgres://HOST[:PORT]/DATABASE[?sslmode=MODE]")
            }
            if components.user != nil || components.password != nil {
                throw DatabaseLocationError("""
                    a PostgreSQL address may not hold a user or a password: set PGUSER and PGPASSWORD, \
                    or use ~/.pgpass or a service file, and write postgres://HOST[:PORT]/DATABASE
                    """)
            }
            // Linux's URLComponents keeps an IPv6 address's brackets.
            host = components.host.map { $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0 }
            if host?.isEmpty == true { host = nil }
            let path = String(components.path.drop { $0 == "/" })
            guard !path.contains("/") else {
                throw DatabaseLocationError("the PostgreSQL address names more than a database: postgres://HOST[:PORT]/DATABASE")
            }
            database = path.isEmpty ? nil : path
            for item in components.queryItems ?? [] {
                switch item.name {
                case "sslmode": sslMode = try Self.sslMode(item.value ?? "")
                case "service" where item.value?.isEmpty == false: service = item.value
                default:
                    throw DatabaseLocationError("unknown parameter '\(item.name)' in the PostgreSQL address (only sslmode and service are read)")
                }
            }
            if let port = components.port { self.port = try Self.port(String(port)) }
        }

        static func sslMode(_ text: String) throws(DatabaseLocationError) -> SSLMode {
            guard let mode = SSLMode(rawValue: text) else {
                let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw DatabaseLocationError("sslmode must be one of \(modes), not '\(text)'")
            }
            return mode
        }

        static func port(_ text: String) throws(DatabaseLocationError) -> Int {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw DatabaseLocationError("port must be between 1 and 65535, not '\(text)'")
            }
            return port
        }
    }

    /// Whether the host is a folder holding the server's Unix socket (`/var/run/postgresql`), as
    /// libpq takes a host that starts with a slash; such a connection is never encrypted.
    public var isSocketFolder: Bool { host.hasPrefix("/") }

    /// The address as written, with the port and SSL mode said.
    public var description: String {
        let host = isSocketFolder ? self.host.replacingOccurrences(of: "/", with: "%2F")
            : self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }
}

/// What is wrong with a database location.
public struct DatabaseLocationError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
