import ArgumentParser

/// `accord db`: the workspace's database as a whole.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Work on the workspace's database as a whole.",
        subcommands: [DatabaseCopyCommand.self]
    )
}
