import Foundation
import Logging

// Diagnostics go to stderr; ACCORD_LOG=debug shows what a command does.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["ACCORD_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return handler
}
// A report run-due started ends with run-due, however run-due ends.
Lifeline.watchParent()
Accord.main()
