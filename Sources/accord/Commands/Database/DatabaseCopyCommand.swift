import AccordCore
import AccordPostgres
import ArgumentParser
import Foundation

/// `accord db copy --to URL`: the workspace's SQLite database, copied exactly into PostgreSQL.
struct DatabaseCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the workspace's database into a PostgreSQL database.",
        discussion: """
            Creates Accord's tables in the database --to names (postgres://HOST[:PORT]/DATABASE[?sslmode=MODE]) and \
            copies every row into them in one transaction, then reads every table back and compares it with the \
            original: a copy that is not exact changes nothing. The user and password come from PGUSER and \
            PGPASSWORD, or ~/.pgpass, never from the address. A database that holds Accord's tables already is \
            refused (exit 65) unless --replace. Exit 75 when the server cannot be reached, 78 when it refuses the \
            user, the password or the database, 77 when the user may not create tables.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The PostgreSQL database to copy into: postgres://HOST[:PORT]/DATABASE[?sslmode=MODE].")
    var to: String

    @Flag(help: "Drop Accord's tables in the target first, if it has them.")
    var replace = false

    func run() throws {
        try reportingErrors {
            let address: PostgresAddress
            do { address = try PostgresAddress(to) } catch { throw UsageError("--to: \(error)") }
            let workspace = try options.open()
            let store = try options.openStore(workspace)
            let credentials = PostgresCredentials.find(for: address) { warning in
                FileHandle.standardError.write(Data("accord: \(warning)\n".utf8))
            }
            let copied = try PostgresCopy.copy(store, to: try PostgresSession(address, credentials: credentials), replacing: replace)
            let counts = Dictionary(copied.rows.map { ($0.table, $0.count) }, uniquingKeysWith: { a, _ in a })
            print("""
                copied \(counts["partnership"] ?? 0) partnerships, \(counts["organization"] ?? 0) organizations and \
                \(counts["source"] ?? 0) sources (\(copied.total) rows in \(copied.rows.count) tables) to \(address)\
                \(copied.replaced ? ", replacing Accord's tables there" : ""); every table read back the same
                """)
        }
    }
}
