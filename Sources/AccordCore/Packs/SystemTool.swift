import Foundation

/// Runs a system tool (`git`, `tar`, `gzip`, `curl`) to its end, with what it printed.
/// Nothing is asked of a terminal: a tool that would prompt fails instead.
public enum SystemTool {
    /// A tool that could not start or ended with a failure status.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var tool: String
        public var status: Int32
        /// What it wrote on standard error, trimmed.
        public var errors: String

        public var description: String {
            "\(tool) failed" + (errors.isEmpty ? " (status \(status))" : ": \(errors)")
        }
    }

    /// Runs `tool`, found on PATH, with `arguments` in `folder`, and returns what it wrote
    /// on standard output, or writes that to the file `output`.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil, output: URL? = nil,
                           environment: [String: String] = [:]) throws(Failure) -> Data {
        guard let executable = find(tool) else { throw Failure(tool: tool, status: 127, errors: "\(tool) is not installed") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment
            .merging(["GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"]) { $1 }
            .merging(environment) { $1 }
        let errors = Pipe(), out = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        var written: FileHandle?
        if let output {
            guard let handle = try? FileHandle(forWritingTo: output) else {
                throw Failure(tool: tool, status: 1, errors: "cannot write \(output.path)")
            }
            written = handle
            process.standardOutput = handle
        } else {
            process.standardOutput = out
        }
        defer { try? written?.close() }
        do { try process.run() } catch {
            throw Failure(tool: tool, status: 127, errors: "cannot run \(tool): \(error.localizedDescription)")
        }
        // Both pipes are read at once, so that neither fills while the other is waited on.
        let messages = Messages()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { messages.value = errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        group.wait()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            throw Failure(tool: tool, status: status,
                          errors: String(decoding: messages.value, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }

    /// `run`, its output as text.
    public static func text(_ tool: String, _ arguments: [String], in folder: URL? = nil,
                            environment: [String: String] = [:]) throws(Failure) -> String {
        String(decoding: try run(tool, arguments, in: folder, environment: environment), as: UTF8.self)
    }

    /// What a tool wrote on standard error: written by the reading thread, read once it is done.
    private final class Messages: @unchecked Sendable { var value = Data() }

    static func find(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
