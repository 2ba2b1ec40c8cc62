import AccordCore
import AccordSharing
import ArgumentParser

struct RulesOutdatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outdated",
        abstract: "List each pack's locked version, the newest accord.yaml allows and the newest there is.",
        discussion: "Exits 0 when every pack is at its newest version, 1 when one is not.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let rows = try options.installer().outdated()
            print(table(["PACK", "LOCKED", "ALLOWED", "NEWEST", "RANGE", "SOURCE"], rows.map { row in
                [row.name, row.locked?.description ?? "-", row.newestAllowed?.description ?? "-",
                 row.newest?.description ?? "-", row.range.description, row.source?.description ?? "search path"]
            }))
            if rows.contains(where: \.isOutdated) { throw ExitCode(1) }
        }
    }
}
