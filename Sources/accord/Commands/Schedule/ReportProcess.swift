import Foundation

/// Runs `accord report run …` as a child process with a time limit: a report
/// that hangs or crashes takes only its own run down.
struct ReportProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    /// This program, to run again as the child.
    static var executable: URL {
        #if os(Linux)
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: link.path) { return link }
        #endif
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Runs with `arguments`, stopping the child after `timeout` seconds (0: no limit).
    static func run(_ arguments: [String], in folder: URL, timeout: Double) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read both pipes while the child runs, so that a full pipe never blocks it.
        let stdout = Collected(), stderr = Collected()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { stdout.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { stderr.data = err.fileHandleForReading.readDataToEndOfFile() }
        var timedOut = false
        if timeout > 0, finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        } else if timeout <= 0 {
            finished.wait()
        }
        readers.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout.data, as: UTF8.self),
                       stderr: String(decoding: stderr.data, as: UTF8.self), timedOut: timedOut)
    }

    /// What one pipe reader collected; read after the readers' group is done.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
