import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process in a process group of its own, so that it can be stopped
/// with everything it started, waited for with a time limit.
///
/// An `accord` child is also given a lifeline (`Lifeline`): the read end of a
/// pipe whose only write end this process holds. However this process ends,
/// even by SIGKILL, the system closes the write end, and the child stops
/// itself and its group at once.
public final class ChildProcess {
    /// How a child ended.
    public struct Exit {
        /// The exit status, or 128 + the signal that stopped it.
        public var status: Int32
        public var timedOut: Bool
    }

    /// Where the child's standard output and error go.
    public enum Output {
        /// This process's own standard output and error.
        case inherit
        /// Unnamed temporary files, read back with `capturedOutput()`.
        case capture
    }

    public let pid: pid_t
    /// The environment variable that tells a child which descriptor is its lifeline.
    public static let lifelineVariable = "ACCORD_LIFELINE"
    private let captured: (out: Int32, err: Int32)?
    private var lifeline: Int32 = -1

    /// The process group of the child being waited for, stopped by the
    /// termination signals (`stopChildrenOnTermination`).
    nonisolated(unsafe) private static var waitedGroup: pid_t = 0

    /// Starts `executable` with `arguments` in `folder`, standard input from
    /// `input` (or /dev/null), with `environment` added to this process's.
    public init(_ executable: String, _ arguments: [String], in folder: URL, environment extra: [String: String] = [:],
                input: Data? = nil, output: Output, lifeline: Bool = false) throws {
        let capture = output == .capture ? (try Self.unnamedFile(), try Self.unnamedFile()) : nil
        var started = false
        defer { if !started, let capture { close(capture.0); close(capture.1) } }
        let standardInput = try input.map { data in
            let file = try Self.unnamedFile()
            do { try Self.fill(file, with: data) } catch { close(file); throw error }
            lseek(file, 0, SEEK_SET)
            return file
        }
        defer { if let standardInput { close(standardInput) } }
        // Only the read end goes to the child (as descriptor 3); no other child may inherit the write end.
        var pipeEnds: [Int32] = [-1, -1]
        if lifeline {
            guard pipe(&pipeEnds) == 0 else { throw ChildProcessError("cannot make a pipe: \(String(cString: strerror(errno)))") }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        defer { if pipeEnds[0] >= 0 { close(pipeEnds[0]) } }

        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment.removeValue(forKey: Self.lifelineVariable)
        if lifeline { environment[Self.lifelineVariable] = "3" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if let capture {
            posix_spawn_file_actions_adddup2(&actions, capture.0, 1)
            posix_spawn_file_actions_adddup2(&actions, capture.1, 2)
        }
        if lifeline {
            // Moved up first so that dup2 to 3 never meets a descriptor 3 it must keep.
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 100)
            posix_spawn_file_actions_adddup2(&actions, 100, 3)
            posix_spawn_file_actions_addclose(&actions, 100)
        }
        guard let changeFolder = Self.addChdir else { throw ChildProcessError("this system's posix_spawn cannot change folders") }
        _ = folder.path.withCString { changeFolder(&actions, $0) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            if lifeline { close(pipeEnds[1]) }
            throw ChildProcessError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        started = true
        pid = child
        captured = capture
        if lifeline { self.lifeline = pipeEnds[1] }
    }

    deinit {
        if let captured { close(captured.out); close(captured.err) }
        if lifeline >= 0 { close(lifeline) }
    }

    /// Waits for the child; after `timeout` seconds (0: no limit), stops its
    /// whole group: SIGTERM, then SIGKILL after `grace` seconds.
    public func wait(timeout: Double, grace: Double = 5) -> Exit {
        Self.waitedGroup = pid
        defer { Self.waitedGroup = 0 }
        let deadline = timeout > 0 ? Date().addingTimeInterval(timeout) : nil
        if let status = poll(until: deadline) { return Exit(status: status, timedOut: false) }
        kill(-pid, SIGTERM)
        if let status = poll(until: Date().addingTimeInterval(grace)) {
            kill(-pid, SIGKILL) // what it left running in its group
            return Exit(status: status, timedOut: true)
        }
        kill(-pid, SIGKILL)
        return Exit(status: poll(until: nil) ?? 128 + SIGKILL, timedOut: true)
    }

    /// The exit status once the child has ended, or nil at `deadline`.
    private func poll(until deadline: Date?) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if result < 0 && errno != EINTR { return 128 + SIGKILL }
            if let deadline, Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// What the child wrote to its standard output and error, once it has ended.
    public func capturedOutput() -> (stdout: String, stderr: String) {
        let data = capturedData()
        return (String(decoding: data.stdout, as: UTF8.self), String(decoding: data.stderr, as: UTF8.self))
    }

    /// The bytes the child wrote to its standard output and error, once it has ended.
    public func capturedData() -> (stdout: Data, stderr: Data) {
        guard let captured else { return (Data(), Data()) }
        return (Self.contents(of: captured.out), Self.contents(of: captured.err))
    }

    private static func fill(_ descriptor: Int32, with data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ChildProcessError("cannot write a temporary file: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    private static func contents(of descriptor: Int32) -> Data {
        lseek(descriptor, 0, SEEK_SET)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(descriptor, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    /// A temporary file with no name: removed the moment it is made, so that
    /// nothing is left behind however this process ends.
    private static func unnamedFile() throws -> Int32 {
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/accord-run-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw ChildProcessError("cannot make a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        unlink(template)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29, macOS 10.15), which Swift's
    /// system module leaves out with the other GNU extensions.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    /// Makes SIGTERM, SIGINT and SIGHUP stop the child being waited for, and
    /// its group, before this process ends as the signal says.
    public static func stopChildrenOnTermination() {
        for stop in [SIGTERM, SIGINT, SIGHUP] {
            _ = signal(stop) { received in
                let group = ChildProcess.waitedGroup
                if group > 0 { kill(-group, SIGKILL) }
                _ = signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}

/// A child process that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
