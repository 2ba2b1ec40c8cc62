import AccordCore
import AccordPostgres
import Foundation

/// The PostgreSQL server the tests run against: the cluster `.ci/with-postgres` starts, named by
/// ACCORD_TEST_POSTGRES with a superuser's ACCORD_TEST_PGUSER and ACCORD_TEST_PGPASSWORD.
public enum PostgresServer {
    public static let environment = ProcessInfo.processInfo.environment

    /// Whether there is one; when CI runs, there must be.
    public static var available: Bool { environment["ACCORD_TEST_POSTGRES"] != nil }

    public static var credentials: PostgresCredentials {
        PostgresCredentials(user: environment["ACCORD_TEST_PGUSER"] ?? "", password: environment["ACCORD_TEST_PGPASSWORD"])
    }

    /// The environment a process needs to sign in as the tests' superuser.
    public static var signIn: [String: String] {
        ["PGUSER": credentials.user, "PGPASSWORD": credentials.password ?? "", "PGPASSFILE": "/nonexistent"]
    }

    /// A new, empty database of the server, dropped by `drop(_:)`.
    public static func makeDatabase() throws -> PostgresAddress {
        var address = try PostgresAddress(environment["ACCORD_TEST_POSTGRES"]!)
        let admin = try PostgresSession(address, credentials: credentials)
        address.database = "accord_\(UUID().uuidString.prefix(8).lowercased())"
        try admin.query("CREATE DATABASE \(address.database)")
        return address
    }

    /// The repository's root.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The store of a database that holds Accord's tables, signed in as the tests' superuser.
    public static func makeStore(_ address: PostgresAddress, upgrading: ([String]) -> Void = { _ in }) throws -> Store {
        try Store(server: PostgresStoreServer(address, credentials: credentials), upgrading: upgrading)
    }

    public static func drop(_ address: PostgresAddress) {
        var admin = address
        admin.database = (try? PostgresAddress(environment["ACCORD_TEST_POSTGRES"]!).database) ?? "postgres"
        _ = try? PostgresSession(admin, credentials: credentials).query("DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)")
    }
}

extension PostgresAddress {
    /// The same server's database `name`.
    public func `in`(database name: String) -> PostgresAddress {
        var other = self
        other.database = name
        return other
    }
}
