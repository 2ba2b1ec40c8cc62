import AccordCore
import AccordSharing
import ArgumentParser

struct RulesOutdatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outdated",
        abstract: "List each pack's locked version, the newest accord.yaml allows and the newest there is.",
        discussion: "Exits 0 when every pack is at its newest version, 1 when one is not or its source cannot be read (shown as ?).")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let rows = try options.installer().outdated()
            print(table(["PACK", "LOCKED", "ALLOWED", "NEWEST", "RANGE", "SOURCE"], rows.map { row in
                let unknown = row.reachable ? "-" : "?"
                return [row.name, row.locked?.description ?? "-", row.newestAllowed?.description ?? unknown,
                        row.newest?.description ?? unknown, row.range.description, row.source?.description ?? "search path"]
            }))
            if rows.contains(where: \.isOutdated) { throw ExitCode(1) }
        }
    }
}
