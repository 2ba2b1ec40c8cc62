import AccordCore
import AccordPostgres
import ArgumentParser
import Foundation

/// `accord db copy --to URL` / `--from URL`: the workspace's SQLite database moved exactly to or from PostgreSQL.
struct DatabaseCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the workspace's database into a PostgreSQL database, or back.",
        discussion: """
            --to copies the workspace's SQLite database into the PostgreSQL database it names \
            (postgres://HOST[:PORT]/DATABASE[?sslmode=MODE]), making Accord's tables there; --from copies such a \
            database back into the workspace's SQLite file. Every row is copied in one transaction on the side \
            written, which then reads every table back and compares it with what was read: a copy that is not exact \
            changes nothing. The user and password come from PGUSER and PGPASSWORD, or ~/.pgpass, never from the \
            address. A target that holds Accord's data already is refused (exit 65) unless --replace. Exit 75 when \
            the server cannot be reached, 78 when it refuses the user, the password or the database, 77 when the \
            user may not read or create the tables.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The PostgreSQL database to copy into: postgres://HOST[:PORT]/DATABASE[?sslmode=MODE].")
    var to: String?

    @Option(help: "The PostgreSQL database to copy from, into the workspace's SQLite file.")
    var from: String?

    @Flag(help: "Replace what the target holds.")
    var replace = false

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard (to == nil) != (from == nil) else { throw ValidationError("give either --to or --from") }
    }

    func run() throws {
        try reportingErrors {
            let address: PostgresAddress
            do { address = try PostgresAddress(to ?? from!) } catch { throw UsageError("\(to != nil ? "--to" : "--from"): \(error)") }
            let workspace = try options.open()
            let store = try options.openSQLiteStore(workspace)
            let credentials = PostgresCredentials.find(for: address) { warning in
                FileHandle.standardError.write(Data("accord: \(warning)\n".utf8))
            }
            let session = try PostgresSession(address, credentials: credentials)
            let copied: PostgresCopy.Report
            let copying = progress.line("copy", total: nil, unit: "rows")
            var checking: ProgressLine?, rows = 0
            func advance(_ step: PostgresCopy.Step) {
                guard step == .checking else {
                    rows += 1
                    return copying.advance()
                }
                if checking == nil {
                    copying.finish()
                    checking = progress.line("read back", total: rows, unit: "rows")
                }
                checking?.advance()
            }
            do {
                copied = to != nil ? try PostgresCopy.copy(store, to: session, replacing: replace, progress: advance)
                    : try PostgresCopy.copy(from: session, to: store, replacing: replace, progress: advance)
            } catch let refused as StoreError {
                throw RefusedError("\(workspace.display(workspace.databasePath)): \(refused)")
            }
            if let checking { checking.finish() } else { copying.finish() }
            let (source, target) = to != nil ? (workspace.display(workspace.databasePath), address.description)
                : (address.description, workspace.display(workspace.databasePath))
            print("""
                copied \(copied.rows["partnership"] ?? 0) partnerships, \(copied.rows["organization"] ?? 0) organizations and \
                \(copied.rows["source"] ?? 0) sources (\(copied.total) rows in \(copied.tables) tables) from \(source) to \(target)\
                \(copied.replaced ? ", replacing what it held" : ""); every table read back the same
                """)
        }
    }
}
