import AccordCore
import AccordPostgres
import AccordReports
import AccordScripting
import AccordSharing
import ArgumentParser
import Foundation
import LuaKit
import Logging

/// The documented exit codes.
enum Exit {
    static let scriptFailed: Int32 = 1
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    /// Try again: another run holds the workspace's lock, or another process the database's.
    static let locked: Int32 = 75
    /// The database's user lacks a privilege the command needs.
    static let notPermitted: Int32 = 77
    static let badConfiguration: Int32 = 78
}

/// A usage problem found while running (a missing file), exit 64.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Something else held what a command needed (a report's database was busy): run it again later, exit 75.
struct TryAgain: Error, CustomStringConvertible {
    let description: String
}

/// A request refused because of what the data holds (ids that name nothing,
/// records still in use), exit 65: nothing was changed.
struct RefusedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints `error` to stderr the way a user should see it and returns the exit code.
func report(_ error: Error) -> ExitCode {
    let (message, code) = describe(error)
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    return ExitCode(code)
}

/// What a user is told about `error`, and the exit code.
func describe(_ error: Error) -> (message: String, code: Int32) {
    // The exit code of labels that could not be brought up to date is the cause's (65 for packs
    // that do not check, 1 for a rule that fails).
    if let e = error as? LabelsOutOfDate {
        let (message, code) = describe(e.cause)
        let cause = message.hasPrefix("accord: ") ? String(message.dropFirst(8)) : message
        return ("accord: the saved labels could not be brought up to date, so no report was made: " + cause, code)
    }
    return switch error {
    case let e as LuaError: (e.description, Exit.scriptFailed)
    case let e as DataErrors: (e.description, Exit.badData)
    case let e as RuleProblems: (e.description, Exit.badData)
    case let e as ConfigError: ("accord: " + e.description, Exit.badConfiguration)
    case let e as UsageError: ("accord: " + e.description, Exit.usage)
    case let e as RefusedError: ("accord: " + e.description, Exit.badData)
    case let e as SharingError: ("accord: " + e.description, Exit.badData)
    case let e as PackArchiveError: ("accord: " + e.description, Exit.badData)
    case let e as PackSelectionError: ("accord: " + e.description, e.kind == .usage ? Exit.usage : Exit.badData)
    case let e as PackPublishRefused: ("accord: " + e.description, Exit.badData)
    case let e as ReportFolderError: ("accord: " + e.description, Exit.usage)
    case let e as ReportFormatError: ("accord: " + e.description, Exit.usage)
    case let e as RenderError: ("accord: " + e.description, e.missingEngine ? Exit.badConfiguration : Exit.scriptFailed)
    case let e as RunLock.Locked: ("accord: " + e.description, Exit.locked)
    case let e as RunLockHeld: ("accord: " + e.description, Exit.locked)
    case let e as DatabaseBusy: ("accord: " + e.description, Exit.locked)
    case let e as DataChanged: ("accord: " + e.description, Exit.locked)
    case let e as TryAgain: ("accord: " + e.description, Exit.locked)
    case let e as ScheduleError: ("accord: schedule: " + e.description, Exit.badConfiguration)
    case let e as PostgresCopyError: ("accord: " + e.description, Exit.badData)
    case let e as NotOnServer: ("accord: " + e.description, Exit.badConfiguration)
    case let e as PostgresSessionError:
        ("accord: " + e.description + (e.isPermission ? "; the user's role does not allow it (see docs/postgres-roles.sql)" : ""),
         e.isUnreachable || e.isBusy ? Exit.locked : e.isSignInRefused ? Exit.badConfiguration : e.isPermission ? Exit.notPermitted : Exit.scriptFailed)
    case let e as ExitCode: ("", e.rawValue)
    default: ("accord: \(error)", Exit.scriptFailed)
    }
}

extension ParsableCommand {
    /// Runs `body`, turning thrown errors into a message on stderr and an exit code.
    func reportingErrors(_ body: () throws -> Void) throws {
        do { try body() } catch { throw report(error) }
    }
}

/// Diagnostics for `ACCORD_LOG=debug`.
let log = Logger(label: "accord")
