import AccordCore
import AccordPostgres
import Foundation

/// A database Accord keeps its store in: a use case parameterised over `Backend.all` runs on each.
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// SQLite, and PostgreSQL when the server of `.ci/with-postgres` is there (in CI it must be).
    public static var all: [Backend] { PostgresServer.available ? [.sqlite, .postgres] : [.sqlite] }

    public var description: String { rawValue }
}

/// One store of a test, on one back end, and what to drop when the test is done.
public struct BackendDatabase: Sendable {
    /// The `database:` setting of a workspace whose store this is.
    public let setting: String
    private let server: PostgresAddress?

    /// A new database: the SQLite file `path` of a workspace (made when the store opens), or an empty database on the server.
    public init(_ backend: Backend, file path: String) throws {
        switch backend {
        case .sqlite: (setting, server) = (path, nil)
        case .postgres:
            let address = try PostgresServer.makeDatabase()
            (setting, server) = (address.description, address)
        }
    }

    /// The store, opened as `accord` opens it, signed in as the tests' superuser on the server.
    public func open(for workspace: Workspace) throws -> Store {
        guard let server else { return try Store(path: workspace.databasePath) }
        return try PostgresServer.makeStore(server)
    }

    /// Drops the server's database; a SQLite file goes with its folder.
    public func drop() {
        if let server { PostgresServer.drop(server) }
    }
}
