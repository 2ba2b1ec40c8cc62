import AccordPublishing
import Foundation

/// Runs `accord report run …` as a child process with a time limit: a report
/// that hangs or crashes takes only its own run down, and a report outlives
/// neither its time limit nor the run that started it.
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

    /// Runs with `arguments`, stopping the child and its process group after `timeout` seconds (0: no limit).
    /// Its output is captured in unnamed temporary files, which nothing can leave behind.
    static func run(_ arguments: [String], in folder: URL, timeout: Double) throws -> Outcome {
        let child = try ChildProcess(executable.path, arguments, in: folder, output: .capture, lifeline: true)
        let exit = child.wait(timeout: timeout)
        let output = child.capturedOutput()
        return Outcome(status: exit.status, stdout: output.stdout, stderr: output.stderr, timedOut: exit.timedOut)
    }
}
