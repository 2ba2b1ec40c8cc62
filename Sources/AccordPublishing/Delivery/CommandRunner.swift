import Foundation

/// Runs a command line through `/bin/sh`, or a program found on `PATH`, with bytes on its standard input and a time limit, in
/// a process group of its own (`ChildProcess`), so that a command that hangs is stopped with
/// whatever it started (SIGTERM, then SIGKILL two seconds later). Its input and output go
/// through unnamed temporary files: nothing is left behind, and no pipe can fill up and block.
public enum CommandRunner {
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that stopped it.
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var timedOut: Bool

        /// The first line the command said on stderr, or its exit status.
        public var firstError: String {
            let line = stderr.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return line.isEmpty ? "exit \(status)" : line
        }
    }

    /// Runs `command` (a shell command line) in `folder` (default: the current one) with `input`
    /// on its standard input. A `timeout` of 0 waits as long as it takes.
    public static func run(_ command: String, input: Data = Data(), in folder: URL? = nil, timeout: Double) throws -> Outcome {
        try run("/bin/sh", ["-c", command], input: input, in: folder, timeout: timeout)
    }

    /// Runs `arguments`, the program first, found on `PATH`.
    public static func run(_ arguments: [String], input: Data = Data(), in folder: URL? = nil, timeout: Double) throws -> Outcome {
        try run("/usr/bin/env", arguments, input: input, in: folder, timeout: timeout)
    }

    private static func run(_ executable: String, _ arguments: [String], input: Data, in folder: URL?, timeout: Double) throws -> Outcome {
        let child = try ChildProcess(executable, arguments,
                                     in: folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                     input: input, output: .capture)
        let exit = child.wait(timeout: timeout, grace: 2)
        let output = child.capturedData()
        return Outcome(status: exit.status, stdout: output.stdout, stderr: String(decoding: output.stderr, as: UTF8.self),
                       timedOut: exit.timedOut)
    }
}
