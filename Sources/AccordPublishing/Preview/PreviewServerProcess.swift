import AccordPreview
import Foundation

/// The preview's HTTP server: `accord-preview`, beside the `accord` binary, as a child process.
/// Each render reaches it on its standard input (`PreviewUpdate`); it says where it listens and
/// each request it answered on its standard output (`PreviewServerReport`). It stops when its
/// input ends, so also when this process ends without stopping it.
final class PreviewServerProcess: @unchecked Sendable {
    /// The server program's name.
    static let programName = "accord-preview"

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let trace: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var answer: PreviewServerReport?
    private var stopped = false
    private let answered = DispatchSemaphore(value: 0)

    init(address: PreviewAddress, allowRemote: Bool, title: String, trace: (@Sendable (String) -> Void)?) throws {
        self.trace = trace
        // A server that has gone must not end this process when it is written to.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: try Self.program())
        process.arguments = ["--host", address.host, "--port", String(address.port), "--title", title]
            + (allowRemote ? ["--allow-remote"] : [])
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch {
            throw PreviewServerError("cannot start \(Self.programName): \(error.localizedDescription)")
        }
        let thread = Thread { [self] in readReports() }
        thread.name = "accord preview server output"
        thread.start()
    }

    /// Waits until the server listens and returns the page's address.
    func start() throws -> String {
        if answered.wait(timeout: .now() + 20) == .timedOut {
            stop()
            throw PreviewServerError("\(Self.programName) did not start listening within 20 s")
        }
        switch lock.withLock({ answer }) {
        case .listening(let url)?: return url
        case .failed(let message)?:
            stop()
            throw PreviewServerError(message)
        default:
            stop()
            throw PreviewServerError("\(Self.programName) stopped before it listened")
        }
    }

    /// Hands an update to the server.
    func send(_ update: PreviewUpdate) {
        guard !lock.withLock({ stopped }), let line = try? update.line() else { return }
        try? input.fileHandleForWriting.write(contentsOf: line)
    }

    /// Ends the server's input and waits for it to stop (stops it after two seconds).
    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { process.terminate() }
    }

    private func readReports() {
        let reader = output.fileHandleForReading
        var pending = Data()
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                handle(PreviewServerReport(line: line[...]))
            }
        }
        // The server has gone: a start still waiting learns it.
        answered.signal()
    }

    private func handle(_ report: PreviewServerReport?) {
        switch report {
        case .request(let text)?: trace?(text)
        case let report?:
            let first = lock.withLock {
                defer { if answer == nil { answer = report } }
                return answer == nil
            }
            if first { answered.signal() }
        case nil: break
        }
    }

    /// `accord-preview` beside this program (its symbolic links resolved, as `make install` links it).
    static func program() throws -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let me = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let program = me.deletingLastPathComponent().appendingPathComponent(programName).path
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw PreviewServerError("cannot find \(programName) beside \(me.path): it serves the preview "
                + "(swift build builds it, make install installs it)")
        }
        return program
    }
}
