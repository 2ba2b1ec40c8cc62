import Foundation

/// A run of a system tool (`git`, `tar`, `curl`) to its end, with what it printed.
struct SystemTool {
    /// A tool that could not start or ended with a failure status.
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var errors: String

        var description: String {
            let said = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            return "`\(command)` failed (status \(status))" + (said.isEmpty ? "" : ": " + said)
        }
    }

    /// Runs `tool` with `arguments` in `folder` and returns its standard output;
    /// throws `Failure` with its standard error when the status is not 0.
    /// Nothing is asked of a terminal: a tool that would prompt fails instead.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = [:]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let folder { process.currentDirectoryURL = folder }
        var merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        merged["GIT_TERMINAL_PROMPT"] = "0"
        merged["LC_ALL"] = "C"
        process.environment = merged
        let output = try CaptureFile(), errors = try CaptureFile()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output.handle
        process.standardError = errors.handle
        let command = ([tool] + arguments).joined(separator: " ")
        do { try process.run() } catch {
            throw Failure(command: command, status: 127, errors: error.localizedDescription)
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            throw Failure(command: command, status: status, errors: String(decoding: errors.contents(), as: UTF8.self))
        }
        return output.contents()
    }

    /// `run`, its output as text.
    static func text(_ tool: String, _ arguments: [String], in folder: URL? = nil,
                     environment: [String: String] = [:]) throws -> String {
        String(decoding: try run(tool, arguments, in: folder, environment: environment), as: UTF8.self)
    }
}

/// An unnamed temporary file a child writes into, read back once it ends.
private final class CaptureFile {
    let handle: FileHandle

    init() throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/accord-tool-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw SystemTool.Failure(command: "mkstemp", status: errno, errors: "cannot make a temporary file") }
        unlink(template)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func contents() -> Data {
        (try? handle.seek(toOffset: 0)).flatMap { _ in try? handle.readToEnd() } ?? Data()
    }
}
