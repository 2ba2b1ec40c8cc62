import AccordCore
import ArgumentParser

/// `accord`: a database of partnership agreements and a Lua host for analysts' scripts.
struct Accord: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Keep a database of partnership agreements and run analysts' Lua scripts over it.",
        discussion: """
            Exit codes: 0 ok, 1 a script or a test failed, 64 usage, 65 bad data or rule packs, or a refused delete, 75 try again (the run lock or the database is held, or the database server cannot be reached), 77 not permitted (the database user lacks a privilege), 78 bad configuration.
            """,
        version: AccordVersion.current.description,
        subcommands: [InitCommand.self, ImportCommand.self, DeleteCommand.self, ExportCommand.self, RunCommand.self,
                      RulesCommand.self, ClassifyCommand.self, ExplainCommand.self, TestCommand.self,
                      ReportCommand.self, PreviewCommand.self, ReplCommand.self, RunDueCommand.self, BackfillCommand.self,
                      DeliverCommand.self, HistoryCommand.self, CronCommand.self, StubsCommand.self, DocsCommand.self,
                      CheckCommand.self, DatabaseCommand.self]
    )
}
